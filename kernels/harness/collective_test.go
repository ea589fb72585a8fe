//go:build cgo

package harness

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/device/collectivetest"
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
	be, err := device.Open(Name, device.Config{Threads: 3})
	if err != nil {
		t.Fatal(err)
	}
	collectivetest.Run(t, collectivetest.Uploader(be), collectivetest.Options{})
	t.Run("one thread", func(t *testing.T) {
		be1, err := device.Open(Name, device.Config{Threads: 1})
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
func TestCollectiveConformance(t *testing.T) {
	trackingtest.Collective(t, Name, filepath.Join("..", "..", "testdata"))
}
