package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestCorrectorPassReference compares CorrectorPass with the PyAT cases.
func TestCorrectorPassReference(t *testing.T) { pmRunRefCases(t, device.CorrectorPass) }

// TestCorrectorThinKick checks that a zero-length corrector adds KickAngle
// to the momenta and nothing else.
func TestCorrectorThinKick(t *testing.T) {
	pool := []float64{2e-4, -3e-4}
	e := device.NewElement(device.CorrectorPass)
	e.KickAngle = 0
	p := Particle{1e-3, 1e-4, -2e-3, 5e-5, 0.01, 0.02}
	tile := []Particle{p}
	correctorPass(tile, &e, pool, &Env{})
	want := p
	want[1] += pool[0]
	want[3] += pool[1]
	if tile[0] != want {
		t.Errorf("got %v, want %v", tile[0], want)
	}
}

// TestCorrectorThickKick checks that a thick corrector displaces a particle
// on axis by L*kick/2/(1+delta) and kicks it by the full angle.
func TestCorrectorThickKick(t *testing.T) {
	pool := []float64{1e-3, 0}
	e := device.NewElement(device.CorrectorPass)
	e.Length = 0.5
	e.KickAngle = 0
	tile := []Particle{{}}
	correctorPass(tile, &e, pool, &Env{})
	if tile[0][1] != 1e-3 || tile[0][3] != 0 {
		t.Errorf("momenta %v", tile[0])
	}
	if want := 0.5 * (1e-3 / 2); tile[0][0] != want {
		t.Errorf("x = %g, want %g", tile[0][0], want)
	}
}
