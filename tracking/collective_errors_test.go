package tracking_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// TestCollectiveAttributeErrors: a collective element whose attributes
// (as a lattice file gives them) make no sense stops Track with a
// *tracking.ElementError naming the element and the attribute, never a
// panic.
func TestCollectiveAttributeErrors(t *testing.T) {
	ragged := make([][]float64, 101) // the wake's 101 slices, one turn, one bunch
	for i := range ragged {
		ragged[i] = []float64{0, 0, 0, 0}
	}
	ragged[7] = []float64{1}
	for _, c := range []struct {
		attr string
		val  any
		msg  string
	}{
		{"_turnhistory", ragged, "row 7 has 1 values"},
		{"_turnhistory", []float64{1, 2, 3}, "want a 101x4 matrix"},
		{"_nslice", int64(1 << 30), "slices per pass"},
		{"_nturns", int64(1 << 30), "history rows"},
		{"_wakeZ", []float64{1, 2}, "has 2 values"},
		{"NormFact", "x", "want a vector"},
	} {
		lat := benchLattice(true)
		wi := len(lat.Elements) - 1
		lat.Elements[wi].Set(c.attr, c.val)
		_, err := tracking.Track(lat, benchBeam(64), tracking.Options{Turns: 2, Device: "cpu"})
		var ee *tracking.ElementError
		if !errors.As(err, &ee) {
			t.Errorf("%s = %v: err = %v, want a *tracking.ElementError", c.attr, c.val, err)
			continue
		}
		if ee.Index != wi || ee.FamName != "WAKE" || ee.Attr != c.attr || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s = %v: err = %v (element %d %s, attribute %s), want element %d WAKE, attribute %s, saying %q",
				c.attr, c.val, err, ee.Index, ee.FamName, ee.Attr, wi, c.attr, c.msg)
		}
	}
}
