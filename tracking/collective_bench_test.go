package tracking_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/collective"
)

// benchLattice is a short line: a drift, and optionally a wake element,
// so that the benchmarks measure what happens between segments rather than
// the tracking of a ring.
func benchLattice(withWake bool) *tracking.Lattice {
	lat := &tracking.Lattice{Name: "bench", Energy: 6e9, Particle: tracking.Particle{Name: "relativistic", Charge: -1}, Periodicity: 1}
	d := &tracking.Element{FamName: "D", PassMethod: "DriftPass"}
	d.Set("Length", 1.0)
	lat.Elements = append(lat.Elements, d)
	if withWake {
		lat.Elements = append(lat.Elements, benchWake(101))
	}
	lat.Properties = append(lat.Properties, tracking.Attr{Name: "beam_current", Value: 0.01})
	return lat
}

// benchWake is a longitudinal and transverse resonator wake of 1000 table
// points and nslice slices.
func benchWake(nslice int) *tracking.Element {
	const nt = 1000
	T := make([]float64, nt)
	Z := make([]float64, nt)
	DX := make([]float64, nt)
	for i := range T {
		s := float64(i) * 1e-4
		T[i] = s
		Z[i] = 1e14 * math.Exp(-s/0.01) * math.Cos(s/0.003)
		DX[i] = -1e16 * math.Exp(-s/0.01) * math.Sin(s/0.003)
	}
	w := &tracking.Element{FamName: "WAKE", PassMethod: collective.WakeFieldPass}
	w.Set("_nslice", int64(nslice))
	w.Set("_nturns", int64(1))
	w.Set("_nelem", int64(nt))
	w.Set("_wakefact", -1e-17)
	w.Set("NormFact", []float64{1, 1, 1})
	w.Set("_wakeT", T)
	w.Set("_wakeZ", Z)
	w.Set("_wakeDX", DX)
	return w
}

func benchBeam(n int) *tracking.Beam {
	s := tracking.DefaultSigma
	s[5] = 3e-3
	return tracking.GaussianBeam(n, s, 1)
}

// BenchmarkHookPerTurn reports the time per turn of a short line with no
// hook, with an empty BeforeTurn hook, and with one that reads the beam
// and changes an attribute (recompiled and reloaded every turn). A hook
// makes the run go turn by turn, so the beam streams through memory once
// per turn instead of staying in cache for all turns: on a cheap lattice
// that, not the hook, is most of the cost.
func BenchmarkHookPerTurn(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		beam := benchBeam(n)
		for _, kind := range []string{"none", "empty", "ramp"} {
			b.Run(fmt.Sprintf("N=%d/hook=%s", n, kind), func(b *testing.B) {
				lat := benchLattice(false)
				opt := tracking.Options{Turns: 50, Device: "cpu"}
				switch kind {
				case "empty":
					opt.Hooks = []tracking.Hook{{Name: "empty", At: tracking.BeforeTurn, Func: func(*tracking.HookContext) error { return nil }}}
				case "ramp":
					opt.Hooks = []tracking.Hook{{Name: "ramp", At: tracking.BeforeTurn, Func: func(ctx *tracking.HookContext) error {
						c, err := ctx.Beam.Coords()
						if err != nil {
							return err
						}
						ctx.Lattice.Elements[0].Set("Length", 1+1e-9*c[0][0])
						return nil
					}}}
				}
				for i := 0; i < b.N; i++ {
					if _, err := tracking.Track(lat, beam, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*opt.Turns), "ns/turn")
			})
		}
	}
}

// BenchmarkWakeElement reports the time per turn of a drift followed by a
// WakeFieldPass element of 101 slices (slicing, convolution, kicks),
// against the drift alone.
func BenchmarkWakeElement(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		beam := benchBeam(n)
		for _, wake := range []bool{false, true} {
			b.Run(fmt.Sprintf("N=%d/wake=%v", n, wake), func(b *testing.B) {
				lat := benchLattice(wake)
				opt := tracking.Options{Turns: 50, Device: "cpu"}
				for i := 0; i < b.N; i++ {
					if _, err := tracking.Track(lat, beam, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*opt.Turns), "ns/turn")
			})
		}
	}
}
