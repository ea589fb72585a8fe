//go:build cuda

package cuda

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// TestResidency checks that a Run that batched for the monitor's memory,
// or compacted lost particles, leaves a beam that fits resident on the GPU
// with the same results bit for bit as an uncut Run, and that a Program
// reuses its refpts and monitor buffers from one Run to the next.
func TestResidency(t *testing.T) {
	be, plan, pr := hmbaProgram(t)
	n, turns := 3000, 24
	refpts := []int{0, 17, len(plan.Elements)}
	// Wide: most particles are lost, so compaction takes place.
	beam := tracking.GaussianBeam(n, [6]float64{1e-2, 1e-3, 5e-3, 5e-4, 3e-2, 1e-2}, 5)
	src := particlesOf(beam)
	run := func(name string, knobs func()) (*device.Particles, []float64) {
		t.Helper()
		db, err := be.NewBeam(n)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		bm := db.(*Beam)
		if err := db.Upload(src); err != nil {
			t.Fatal(err)
		}
		knobs()
		defer func() { testChunkLimit, testCompactMin, testMemoryLimit = 0, compactMin, 0 }()
		mon := make([]float64, turns*len(refpts)*n*6)
		if err := pr.Run(db, device.RunRequest{Start: 0, End: len(plan.Elements), Turns: turns, Refpts: refpts, Monitor: mon}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bm.Resident() {
			t.Errorf("%s: the beam of %d particles (%d fit) is not resident after the Run", name, n, bm.Capacity())
		}
		out := device.NewParticles(n)
		if err := db.Download(out); err != nil {
			t.Fatal(err)
		}
		return out, mon
	}
	want, wantMon := run("uncut", func() {})
	var mon0 uintptr
	var monCap0 int64
	be.w.do(func() error { mon0, monCap0 = uintptr(pr.mon.p), pr.mon.cap; return nil })
	same := func(name string, got *device.Particles, gotMon []float64) {
		t.Helper()
		sameBits(t, got, want)
		for i := range wantMon {
			if math.Float64bits(gotMon[i]) != math.Float64bits(wantMon[i]) && !(math.IsNaN(gotMon[i]) && math.IsNaN(wantMon[i])) {
				t.Fatalf("%s: monitor[%d] differs", name, i)
			}
		}
	}
	got, gotMon := run("again", func() {})
	same("again", got, gotMon)
	be.w.do(func() error {
		if uintptr(pr.mon.p) != mon0 || pr.mon.cap != monCap0 {
			t.Errorf("the monitor buffer was reallocated for an identical Run")
		}
		return nil
	})
	got, gotMon = run("compaction", func() { testChunkLimit, testCompactMin = 3, 1 })
	same("compaction", got, gotMon)
	// Room for the monitor of about 700 particles a pass: batches. The
	// monitor buffer kept from the runs above counts as free memory, so
	// it is dropped first.
	got, gotMon = run("monitor batches", func() {
		be.w.do(func() error { return pr.mon.release() })
		testMemoryLimit = int64(700*len(refpts)*48) * 10 / 9
	})
	same("monitor batches", got, gotMon)
}
