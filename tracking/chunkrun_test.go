package tracking_test

import (
	"errors"
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// firstDiff reports the first index where a and b differ in bits, or -1.
func firstDiff(a, b []float64) int {
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestChunkedRunIsTheSameRun: a run cut into chunks whose monitor is
// streamed, with or without the turn-by-turn path (moments), gives the
// same bits as one request, and a stopped run gives the bits of a shorter
// run.
func TestChunkedRunIsTheSameRun(t *testing.T) {
	lat := lattices.Default()
	beam := tracking.GaussianBeam(24, tracking.DefaultSigma, 5)
	const turns = 30
	refpts := []int{0, 17, len(lat.Elements)}
	for _, moments := range []bool{false, true} {
		base := tracking.Options{Turns: turns, Refpts: refpts, Device: "cpu", Moments: moments}
		ref, err := tracking.Track(lat, beam, base)
		if err != nil {
			t.Fatal(err)
		}
		var streamed []float64
		calls := 0
		opt := base
		opt.ChunkTurns = 7
		opt.MonitorTo = func(m int, rows []float64) error {
			if len(rows) != m*len(refpts)*24*6 {
				t.Errorf("MonitorTo: %d values for %d turns", len(rows), m)
			}
			calls++
			streamed = append(streamed, rows...)
			return nil
		}
		got, err := tracking.Track(lat, beam, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got.Monitor != nil {
			t.Errorf("moments=%v: Result.Monitor is set although MonitorTo was given", moments)
		}
		if calls != 5 { // 7+7+7+7+2
			t.Errorf("moments=%v: MonitorTo called %d times, want 5", moments, calls)
		}
		if i := firstDiff(streamed, ref.Monitor); i >= 0 {
			t.Errorf("moments=%v: streamed monitor differs from the one-request monitor at value %d (%d values, want %d)", moments, i, len(streamed), len(ref.Monitor))
		}
		for k := 0; k < 6; k++ {
			if i := firstDiff(got.Final.Coords[k], ref.Final.Coords[k]); i >= 0 {
				t.Errorf("moments=%v: final %s differs at particle %d", moments, tracking.CoordNames[k], i)
			}
		}
		if i := firstDiff(got.Moments, ref.Moments); i >= 0 {
			t.Errorf("moments=%v: moments differ at value %d", moments, i)
		}

		// Stopped after two chunks of 7 turns: the run of 14 turns.
		asks := 0
		stop := base
		stop.ChunkTurns = 7
		stop.Stop = func() bool { asks++; return asks == 2 }
		part, err := tracking.Track(lat, beam, stop)
		if err != nil {
			t.Fatal(err)
		}
		short := base
		short.Turns = 14
		want, err := tracking.Track(lat, beam, short)
		if err != nil {
			t.Fatal(err)
		}
		if !part.Interrupted || part.Turns != 14 {
			t.Fatalf("moments=%v: stopped run: Interrupted %v, Turns %d, want true, 14", moments, part.Interrupted, part.Turns)
		}
		if i := firstDiff(part.Monitor, want.Monitor); i >= 0 {
			t.Errorf("moments=%v: stopped run's monitor differs from a 14-turn run's at value %d", moments, i)
		}
		if i := firstDiff(part.Moments, want.Moments); i >= 0 {
			t.Errorf("moments=%v: stopped run's moments differ from a 14-turn run's at value %d", moments, i)
		}
		for k := 0; k < 6; k++ {
			if i := firstDiff(part.Final.Coords[k], want.Final.Coords[k]); i >= 0 {
				t.Errorf("moments=%v: stopped run's final %s differs from a 14-turn run's at particle %d", moments, tracking.CoordNames[k], i)
			}
		}
	}
}

// TestMonitorToError: an error of MonitorTo ends the run with it.
func TestMonitorToError(t *testing.T) {
	lat := lattices.Default()
	full := errors.New("disk full")
	_, err := tracking.Track(lat, tracking.GaussianBeam(4, tracking.DefaultSigma, 1), tracking.Options{Turns: 5, Refpts: []int{0}, Device: "cpu", ChunkTurns: 2,
		MonitorTo: func(int, []float64) error { return full }})
	if !errors.Is(err, full) {
		t.Fatalf("err = %v, want one wrapping %v", err, full)
	}
}
