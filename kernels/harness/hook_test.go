//go:build cgo

package harness

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// Hooks see the beam of the kernel-source backend (host memory, handed out
// live through device.HostView): a hook that ramps the RF voltage and one
// that kicks px at a BPM give, through the kernel source, what they give
// on the Go engine (to the kernel agreement tolerance), with per-turn
// moments on.
func TestHooksKernelSource(t *testing.T) {
	run := func(dev string) *tracking.Result {
		lat := lattices.Default()
		rf := -1
		for i, e := range lat.Elements {
			if e.FamName == "RFC" {
				e.PassMethod, rf = "RFCavityPass", i
			}
		}
		v0, _, _ := lat.Elements[rf].Float("Voltage")
		reads := 0
		hooks := []tracking.Hook{
			{Name: "ramp", At: tracking.BeforeTurn, Func: func(ctx *tracking.HookContext) error {
				ctx.Lattice.Elements[rf].Set("Voltage", v0*(1+0.05*float64(ctx.Turn)))
				return nil
			}},
			{Name: "kick", At: tracking.AfterElement, FamName: "BPM_01", Func: func(ctx *tracking.HookContext) error {
				c, err := ctx.Beam.Coords()
				if err != nil {
					return err
				}
				for i := range c[1] {
					if !math.IsNaN(c[0][i]) {
						c[1][i] += 1e-6
					}
				}
				return nil
			}},
			{Name: "look", At: tracking.BeforeElement, FamName: "BPM_02", Func: func(ctx *tracking.HookContext) error {
				if _, err := ctx.Beam.Coords(); err != nil {
					return err
				}
				reads++
				return nil
			}},
		}
		res, err := tracking.Track(lat, tracking.GaussianBeam(200, tracking.DefaultSigma, 9),
			tracking.Options{Turns: 6, Device: dev, Hooks: hooks, Moments: true})
		if err != nil {
			t.Fatal(err)
		}
		if reads != 6 {
			t.Errorf("%s: the read-only hook ran %d times, want 6", dev, reads)
		}
		return res
	}
	want, got := run(host.Name), run(cpu.Name)
	for i := 0; i < want.Final.Len(); i++ {
		for k := 0; k < 6; k++ {
			g, w := got.Final.Coords[k][i], want.Final.Coords[k][i]
			if math.Abs(g-w) > 1e-14*(1+math.Abs(w)) {
				t.Fatalf("particle %d coordinate %d: %s %v, cpu-go %v", i, k, cpu.Name, g, w)
			}
		}
	}
	for j := range want.Moments {
		if math.Abs(got.Moments[j]-want.Moments[j]) > 1e-12*math.Abs(want.Moments[j])+1e-20 {
			t.Fatalf("moment %d (%s): %s %v, cpu-go %v", j, tracking.MomentColumns[j%len(tracking.MomentColumns)], cpu.Name, got.Moments[j], want.Moments[j])
		}
	}
	// the kick hook acted: px moved by about 1e-6 per turn
	plain, err := tracking.Track(lattices.Default(), tracking.GaussianBeam(200, tracking.DefaultSigma, 9), tracking.Options{Turns: 6, Device: cpu.Name})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(plain.Final.Coords[0][0] - got.Final.Coords[0][0]); d < 1e-8 {
		t.Errorf("hooks had no visible effect through %s (|dx| = %g)", cpu.Name, d)
	}
}
