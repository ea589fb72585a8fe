package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestBendLinearPassReference compares BendLinearPass with the PyAT cases.
func TestBendLinearPassReference(t *testing.T) { pmRunRefCases(t, device.BendLinearPass) }

// TestBendLinearNoFieldIsDrift checks that a BendLinearPass element with
// no bending and no gradient is a drift (to rounding).
func TestBendLinearNoFieldIsDrift(t *testing.T) {
	e := device.NewElement(device.BendLinearPass)
	e.Length = 1.2
	p := Particle{1e-3, -2e-3, 3e-3, 1e-3, 0.02, 0}
	tile := []Particle{p}
	bendLinearPass(tile, &e, nil, &Env{})
	want := p
	drift6(&want, e.Length)
	for k := 0; k < 6; k++ {
		if math.Abs(tile[0][k]-want[k]) > 1e-17 {
			t.Errorf("coord %d: got %.17g, want %.17g", k, tile[0][k], want[k])
		}
	}
}

// TestBendLinearDispersion checks that an off-momentum particle on axis
// leaves a sector bend displaced by rho*(1-cos(theta))*delta/(1+delta)
// (the linear dispersion of a sector dipole).
func TestBendLinearDispersion(t *testing.T) {
	e := device.NewElement(device.BendLinearPass)
	e.Length = 2
	e.BendingAngle = 0.1
	const d = 1e-3
	tile := []Particle{{0, 0, 0, 0, d, 0}}
	bendLinearPass(tile, &e, nil, &Env{})
	rho := e.Length / e.BendingAngle
	pn := 1 / (1 + d)
	th := e.Length * math.Sqrt(pn) / rho
	want := d * pn * (1 - math.Cos(th)) * rho / pn
	if math.Abs(tile[0][0]-want) > 1e-12*math.Abs(want) {
		t.Errorf("x = %.17g, want %.17g", tile[0][0], want)
	}
}
