//go:build cgo

package harness

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/device/collectivetest"
	"github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestCollective runs the whole-beam operations of the kernel source
// compiled by gcc (kernels/collective.cuh) through the shared suite: the
// extents, accumulator words and kicked coordinates must equal those of
// plain Go loops over the contract (device.AccAdd, Binning.Slice, Kicks)
// bit for bit — exact equality, no tolerance — on random beams with lost
// particles, several bunches, slices or none, linear and product terms,
// and a beam split over three simulated processes. The beam runs on 3
// goroutines, so the partial results of several threads are combined.
func TestCollective(t *testing.T) {
	be, err := device.Open(cpu.Name, device.Config{Threads: 3})
	if err != nil {
		t.Fatal(err)
	}
	collectivetest.Run(t, collectivetest.Uploader(be), collectivetest.Options{})
	t.Run("one thread", func(t *testing.T) {
		be1, err := device.Open(cpu.Name, device.Config{Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		p := collectivetest.RandomBeam(1000, 9)
		db := collectivetest.Uploader(be1)(t, p)
		b := &device.Binning{NBunch: 2, First: 1}
		out := make([]int64, b.Bins()*device.AccStride(len(collectivetest.Terms)))
		if err := db.(device.Collective).Accumulate(b, collectivetest.Terms, out, nil); err != nil {
			t.Fatal(err)
		}
		want, err := collectivetest.Accumulate(p, b, collectivetest.Terms)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if out[i] != want[i] {
				t.Fatalf("word %d: %d, want %d", i, out[i], want[i])
			}
		}
	})
}

// TestCollectiveConformance runs PyAT's collective cases (wakes, beam and
// slice moments) through the kernel source compiled by gcc, at the
// tolerances of tracking/trackingtest.
//
// Every case is 2000 particles for 20 or 30 turns through the radiating
// hmba cell, several CPU seconds each. By default it runs two
// (GOTRACK_LONG_TESTS=1 runs all seven): what the kernel source does in a
// collective case is track the elements (checked against PyAT and the Go
// backend by TestConformance and TestAgreement) and the whole-beam
// operations, extents, accumulation and kicks (checked bit for bit by
// TestCollective). The two cases run those operations the ways the
// collective elements use them, on a beam with losses:
//   - moments_beam_slice: squares accumulated for the beam and slice
//     moments, adaptive and fixed slicing, a longitudinal wake kick, over
//     30 turns;
//   - wake_multibunch4: extents and sums per bunch for four bunches, wake
//     kicks in z, x and y.
//
// The wake and moment computations between those operations are Go code
// shared with the CPU backend, whose TestCollectiveConformance (package
// tracking/collective) also runs wake_multiturn_longres by default. Each case that
// runs has every check.
func TestCollectiveConformance(t *testing.T) {
	trackingtest.Collective(t, openC, filepath.Join("..", "..", "testdata"),
		"moments_beam_slice", "wake_multibunch4")
}
