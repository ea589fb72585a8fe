//go:build cuda

package cuda

import (
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/device/collectivetest"
)

// TestCollective runs the whole-beam kernels (gt_extent, gt_accumulate,
// gt_kick) through the shared suite, which requires the extents,
// accumulator words and kicked coordinates to equal plain Go loops over
// the contract bit for bit (exact equality, no tolerance). It does so
// with the beam wholly on the GPU, with only a window of it there (the
// rest on the host, as in batched tracking), with the GPU holding a
// shuffled subset in slots (as after compaction), with an exchange that
// combines the accumulators in GPU memory, and on a beam large enough for
// the grid-stride loops.
func TestCollective(t *testing.T) {
	be, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"resident", "window", "slots"} {
		t.Run(mode, func(t *testing.T) {
			collectivetest.Run(t, opener(be, mode), collectivetest.Options{})
		})
	}
	t.Run("device exchange", func(t *testing.T) {
		var calls atomic.Int64
		wrap := func(ex device.Exchange) device.Exchange { return &deviceExchange{Exchange: ex, be: be, calls: &calls} }
		collectivetest.Run(t, opener(be, "resident"), collectivetest.Options{WrapExchange: wrap})
		if calls.Load() == 0 {
			t.Errorf("Accumulate never combined its words in GPU memory")
		}
	})
	t.Run("large", func(t *testing.T) {
		n := 1000003
		if testing.Short() {
			n = 100003
		}
		collectivetest.Run(t, opener(be, "resident"), collectivetest.Options{N: n})
	})
}

// opener returns a suite opener for a beam in the given state:
// "resident" (all particles on the GPU in order), "window" (a third of
// them on the GPU from a quarter of the way, the rest on the host) or
// "slots" (a shuffled subset of about 60% on the GPU, the rest on the
// host).
func opener(be *Backend, mode string) collectivetest.Opener {
	return func(t *testing.T, p *device.Particles) device.Beam {
		t.Helper()
		n := p.Len()
		if mode == "window" {
			testBatchLimit = max(n/3, 1)
			defer func() { testBatchLimit = 0 }()
		}
		db, err := be.NewBeam(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Upload(p); err != nil {
			t.Fatal(err)
		}
		bm := db.(*Beam)
		err = be.w.do(func() error {
			switch mode {
			case "window":
				if err := bm.flush(); err != nil {
					return err
				}
				m := min(bm.cap, n-n/4)
				return bm.load(n/4, nil, m)
			case "slots":
				if err := bm.flush(); err != nil {
					return err
				}
				rng := rand.New(rand.NewPCG(uint64(n), 5))
				var slots []int
				for _, i := range rng.Perm(n) {
					if rng.IntN(5) < 3 {
						slots = append(slots, i)
					}
				}
				return bm.load(0, slots, len(slots))
			}
			return nil
		})
		if err != nil {
			db.Close()
			t.Fatal(err)
		}
		if mode != "resident" && bm.full() && n > 1 {
			db.Close()
			t.Fatalf("%s: the beam of %d particles is wholly on the GPU", mode, n)
		}
		return db
	}
}

// deviceExchange offers device.DeviceExchange over a host exchange: the
// words are copied from GPU memory, combined, and copied back.
type deviceExchange struct {
	device.Exchange
	be    *Backend
	calls *atomic.Int64
}

func (d *deviceExchange) DeviceAware() bool { return true }

// SumInt64Device checks, as a CUDA-aware MPI needs, that the GPU's
// context is current on the calling thread, then combines the words.
func (d *deviceExchange) SumInt64Device(ptr uintptr, n int) error {
	d.calls.Add(1)
	if ctx, err := cu.CurrentContext(); err != nil || ctx != d.be.ctx {
		return fmt.Errorf("SumInt64Device called without the GPU's context current on its thread (current %v, %v)", ctx, err)
	}
	buf := make([]int64, n)
	size := int64(n) * 8
	if err := d.be.w.do(func() error { return dtoh("exchange buffer", i64s(buf), cu.DevicePtr(ptr), size) }); err != nil {
		return err
	}
	if err := d.Exchange.SumInt64(buf); err != nil {
		return err
	}
	return d.be.w.do(func() error { return htod("exchange buffer", cu.DevicePtr(ptr), i64s(buf), size) })
}
