package collective_test

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestCollectiveConformance runs PyAT's collective cases (wakes, beam and
// slice moments) on the CPU backend.
//
// Every case is 2000 particles for 20 or 30 turns through the radiating
// hmba cell, a few seconds each on two cores. By default it runs three
// (GOTRACK_LONG_TESTS=1 runs all seven), which between them have beam and
// slice moments, single- and multi-bunch wakes and a wake that remembers
// past turns:
//   - moments_beam_slice: beam moments, slice moments with adaptive and
//     with fixed slicing, and a longitudinal broad-band resonator wake (the
//     resonator of wake_longres_bbr), with losses, for 30 turns;
//   - wake_multibunch4: four bunches of unequal currents, resonator wakes
//     in z, x and y (wake_transres_dx is a resonator in x alone), with
//     losses;
//   - wake_multiturn_longres: a wake that remembers the previous turns.
//
// Of the others, wake_table_allcomp (every wake component, fixed slicing)
// runs on this backend by default in tracking/selftest's TestRunCPU, and
// the resistive-wall tables of wake_reswall_xy are compared with PyAT's by
// TestWakeTablesAgainstPyAT. Each case that runs has every check.
func TestCollectiveConformance(t *testing.T) {
	trackingtest.Collective(t, trackingtest.Registered("cpu"), filepath.Join("..", "..", "testdata"),
		"moments_beam_slice", "wake_multibunch4", "wake_multiturn_longres")
}
