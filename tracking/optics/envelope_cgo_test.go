//go:build cgo

package optics

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels/cpu"
)

// TestOhmiEnvelopeCBackend runs the envelope on the C backend (kernels/cpu,
// whose diffusion matrices come from the kernel source) and checks it
// against the Go engine's: the tracking is bit-identical and the
// diffusion matrices agree to 1e-13 (kernels/differential), so the
// results must agree far inside the reference tolerances.
func TestOhmiEnvelopeCBackend(t *testing.T) {
	ref := loadRadRef(t)
	lat := loadRadLat(t, "hmba_6d.json")
	orbit := ref.HMBA.Orbit6.Orbit
	open := func(cfg device.Config) (device.Backend, error) { return cpu.New(cfg), nil }
	c, err := OhmiEnvelope(lat, nil, &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: open}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := OhmiEnvelope(lat, nil, &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	o := ref.HMBA.Ohmi
	for i := 0; i < 3; i++ {
		relCheck(t, "C vs Go damping rate", c.DampingRates[i], g.DampingRates[i], 1e-12)
		if o.ModeEmittances[i] > 1e-20 {
			relCheck(t, "C vs Go mode emittance", c.ModeEmittances[i], g.ModeEmittances[i], 1e-12)
			relCheck(t, "C mode emittance vs PyAT", c.ModeEmittances[i], o.ModeEmittances[i], tolEmit)
		}
	}
}
