package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestBndMPoleE2PassReference compares BndMPoleSymplectic4E2Pass with the
// PyAT cases.
func TestBndMPoleE2PassReference(t *testing.T) {
	pmRunRefCases(t, device.BndMPoleSymplectic4E2Pass)
}

// TestBndMPoleE2RadPassReference compares BndMPoleSymplectic4E2RadPass
// with the PyAT cases.
func TestBndMPoleE2RadPassReference(t *testing.T) {
	pmRunRefCases(t, device.BndMPoleSymplectic4E2RadPass)
}

// TestBndMPoleE2RadLosesEnergy checks that the radiating E2 bend takes
// energy from an on-axis particle, the loss scaling about as E³ (at fixed
// field geometry), while the symplectic E2 bend keeps delta.
func TestBndMPoleE2RadLosesEnergy(t *testing.T) {
	e, pool := pmQuadElement(device.BndMPoleSymplectic4E2RadPass, 1.0, 0)
	e.BendingAngle = 0.2
	loss := func(energy float64) float64 {
		e.Energy = energy
		tile := []Particle{{}}
		bndMPoleE2RadPass(tile, &e, pool, &Env{Params: device.Params{Energy: energy}})
		return -tile[0][4]
	}
	l1, l2 := loss(1e9), loss(2e9)
	if !(l1 > 0) || l2/l1 < 7.5 || l2/l1 > 8.5 {
		t.Errorf("loss at 1 GeV %g, at 2 GeV %g (ratio %g, want about 8)", l1, l2, l2/l1)
	}
	tile := []Particle{{}}
	bndMPoleE2Pass(tile, &e, pool, &Env{})
	if tile[0][4] != 0 {
		t.Errorf("symplectic E2 bend changed delta: %g", tile[0][4])
	}
}

// TestBendHxDriftStraight checks that the E2 pseudo-drift with zero
// curvature moves x by L*px/(1+delta).
func TestBendHxDriftStraight(t *testing.T) {
	r := Particle{1e-3, 2e-3, 0, 0, 0.01, 0}
	bendHxDrift6(&r, 1.5, 0)
	if want := 1e-3 + 1.5*2e-3/(1+0.01); r[0]-want > 1e-18 || want-r[0] > 1e-18 {
		t.Errorf("x = %.17g, want %.17g", r[0], want)
	}
	if r[1] != 2e-3 {
		t.Errorf("px changed: %g", r[1])
	}
}
