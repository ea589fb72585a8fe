//go:build cuda

package cuda

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// TestOpticsOnGPU computes the optics of the radiating hmba cell with the
// finite differences tracked on the GPU and on the Go engine: the 6D
// closed orbit, linopt6 at every element and the equilibrium envelope
// agree to 1e-9 of each quantity's scale (the one-turn map's last bits
// differ between the GPU's and the Go engine's math library, and the
// finite differences divide them by the step, 3e-8).
func TestOpticsOnGPU(t *testing.T) {
	lat, err := atjson.LoadLattice("../testdata/lattices/hmba_6d.json")
	if err != nil {
		t.Fatal(err)
	}
	refpts := optics.AllRefpts(lat)
	run := func(dev string) (*optics.Linopt, *optics.Envelope) {
		opt := &optics.Options{Device: dev}
		lo, err := optics.Linopt6(lat, refpts, true, opt)
		if err != nil {
			t.Fatalf("%s: %v", dev, err)
		}
		env, err := optics.OhmiEnvelope(lat, nil, &optics.EnvelopeOptions{Options: *opt})
		if err != nil {
			t.Fatalf("%s: %v", dev, err)
		}
		return lo, env
	}
	gpuLo, gpuEnv := run(Name)
	cpuLo, cpuEnv := run(host.Name)
	close := func(what string, g, c, scale float64) {
		t.Helper()
		if !(math.Abs(g-c) <= 1e-9*scale) {
			t.Errorf("%s: GPU %.12g, CPU %.12g", what, g, c)
		}
	}
	for k := 0; k < 6; k++ {
		close("orbit", gpuLo.Elem0.ClosedOrbit[k], cpuLo.Elem0.ClosedOrbit[k], 1e-3)
	}
	for i := range cpuLo.Ring.Tune {
		close("tune", gpuLo.Ring.Tune[i], cpuLo.Ring.Tune[i], 1)
		close("chromaticity", gpuLo.Ring.Chromaticity[i], cpuLo.Ring.Chromaticity[i], 10)
	}
	for e := range cpuLo.Elem {
		for p := 0; p < 2; p++ {
			close("beta", gpuLo.Elem[e].Beta[p], cpuLo.Elem[e].Beta[p], cpuLo.Elem[e].Beta[p])
			close("alpha", gpuLo.Elem[e].Alpha[p], cpuLo.Elem[e].Alpha[p], 10)
		}
		close("dispersion", gpuLo.Elem[e].Dispersion[0], cpuLo.Elem[e].Dispersion[0], 0.1)
	}
	for m := 0; m < 3; m++ {
		close("mode emittance", gpuEnv.ModeEmittances[m], cpuEnv.ModeEmittances[m], math.Max(cpuEnv.ModeEmittances[m], 1e-20))
		close("damping rate", gpuEnv.DampingRates[m], cpuEnv.DampingRates[m], cpuEnv.DampingRates[m])
	}
}
