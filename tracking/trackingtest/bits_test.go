package trackingtest

import (
	"math"
	"testing"
)

// TestBitTally checks that the tally counts a one-ulp difference, matches
// NaN with NaN and reports the largest difference.
func TestBitTally(t *testing.T) {
	var s BitTally
	s.Add("a", 1, 1)
	s.Add("b", math.NaN(), math.Float64frombits(0x7ff8000000000001))
	s.Add("c", math.Nextafter(1, 2), 1)
	s.Add("d", 0.5, 0.25)
	if s.Values() != 4 || s.differ != 2 || s.maxDiff != 0.25 || s.first == "" {
		t.Errorf("tally %+v: want 4 values, 2 differing, max 0.25", s)
	}
	var ok BitTally
	negZero := math.Copysign(0, -1)
	ok.Add("x", negZero, negZero)
	ft := &testing.T{}
	ok.Report(ft)
	if ft.Failed() {
		t.Error("an identical value was reported")
	}
}
