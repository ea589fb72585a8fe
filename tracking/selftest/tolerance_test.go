package selftest

import (
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestTolerances: the self-test judges with the conformance suite's
// tolerances, constant by constant.
func TestTolerances(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"ElementAbs", ElementAbs, trackingtest.ElementAbs},
		{"ElementRel", ElementRel, trackingtest.ElementRel},
		{"RingAbs", RingAbs, trackingtest.RingAbs},
		{"CollectiveAbs", CollectiveAbs, trackingtest.CollectiveAbs},
		{"CollectiveCoordRel", CollectiveCoordRel, trackingtest.CollectiveCoordRel},
		{"CollectiveRel", CollectiveRel, trackingtest.CollectiveRel},
	} {
		if c.got != c.want {
			t.Errorf("selftest.%s = %g, trackingtest.%s = %g", c.name, c.got, c.name, c.want)
		}
	}
}
