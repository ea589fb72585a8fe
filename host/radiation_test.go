package host

import (
	"math"
	"math/big"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestStrMPoleRadPassReference compares StrMPoleSymplectic4RadPass with
// the PyAT cases.
func TestStrMPoleRadPassReference(t *testing.T) {
	pmRunRefCases(t, device.StrMPoleSymplectic4RadPass)
}

// TestStrMPoleRadLosesEnergy checks that an off-axis particle in a
// radiating quadrupole loses energy, and more at higher beam energy.
func TestStrMPoleRadLosesEnergy(t *testing.T) {
	e, pool := pmQuadElement(device.StrMPoleSymplectic4RadPass, 0.5, 2)
	p := Particle{3e-3, 0, -2e-3, 0, 0, 0}
	loss := func(energy float64) float64 {
		e.Energy = energy
		tile := []Particle{p}
		strMPoleRadPass(tile, &e, pool, &Env{Params: device.Params{Energy: energy}})
		return -tile[0][4]
	}
	l3, l6 := loss(3e9), loss(6e9)
	if !(l3 > 0) || !(l6 > l3) {
		t.Errorf("energy loss at 3 GeV %g, at 6 GeV %g", l3, l6)
	}
	// On axis there is no field, hence no loss.
	e.Energy = 6e9
	tile := []Particle{{}}
	strMPoleRadPass(tile, &e, pool, &Env{Params: device.Params{Energy: 6e9}})
	if tile[0][4] != 0 {
		t.Errorf("on-axis particle lost energy: %g", tile[0][4])
	}
}

// TestCube checks that cube rounds x³ correctly.
func TestCube(t *testing.T) {
	for _, x := range []float64{1, 3, 11741.70710, 5870.85355, 1e4 / 3, -2.5, 0} {
		f := new(big.Float).SetPrec(300).SetFloat64(x)
		f.Mul(f, new(big.Float).SetPrec(300).Mul(f, f))
		want, _ := f.Float64()
		if got := cube(x); got != want {
			t.Errorf("cube(%g) = %.17g, want %.17g", x, got, want)
		}
		if math.Abs(cube(x)-math.Pow(x, 3)) > 2e-16*math.Abs(want) {
			t.Errorf("cube(%g) far from Pow", x)
		}
	}
}

// TestAtGamma checks the Lorentz factor of a relativistic electron and of
// a particle with a rest energy.
func TestAtGamma(t *testing.T) {
	if g := atGamma(6e9, 0); math.Abs(g-6e9/510998.95069) > 1e-9*g {
		t.Errorf("gamma(6 GeV, relativistic) = %g", g)
	}
	if g := atGamma(3e9, 1.5e9); g != 2 {
		t.Errorf("gamma = %g, want 2", g)
	}
}
