package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestBndMPolePassReference compares BndMPoleSymplectic4Pass with the PyAT
// cases.
func TestBndMPolePassReference(t *testing.T) { pmRunRefCases(t, device.BndMPoleSymplectic4Pass) }

// TestBndMPoleRadPassReference compares BndMPoleSymplectic4RadPass with
// the PyAT cases.
func TestBndMPoleRadPassReference(t *testing.T) {
	pmRunRefCases(t, device.BndMPoleSymplectic4RadPass)
}

// TestBndMPoleZeroAngleIsStraight checks that a bend with zero bending
// angle tracks exactly like the straight multipole.
func TestBndMPoleZeroAngleIsStraight(t *testing.T) {
	e, pool := pmQuadElement(device.BndMPoleSymplectic4Pass, 0.7, -0.9)
	s, _ := pmQuadElement(device.StrMPoleSymplectic4Pass, 0.7, -0.9)
	p := Particle{2e-3, -1e-4, 1e-3, 3e-4, -0.01, 0}
	a, b := []Particle{p}, []Particle{p}
	bndMPolePass(a, &e, pool, &Env{})
	strMPolePass(b, &s, pool, &Env{})
	if a[0] != b[0] {
		t.Errorf("bend %v != straight %v", a[0], b[0])
	}
}

// TestBndMPoleRadLosesEnergy checks that a radiating bend takes energy
// from an on-axis particle while the symplectic one does not.
func TestBndMPoleRadLosesEnergy(t *testing.T) {
	e, pool := pmQuadElement(device.BndMPoleSymplectic4RadPass, 1.0, 0)
	e.BendingAngle = 0.1
	e.Energy = 6e9
	env := &Env{Params: device.Params{Energy: 6e9}}
	tile := []Particle{{}}
	bndMPoleRadPass(tile, &e, pool, env)
	if !(tile[0][4] < 0) {
		t.Errorf("radiating bend: delta = %g, want < 0", tile[0][4])
	}
	e.Method = device.BndMPoleSymplectic4Pass
	tile = []Particle{{}}
	bndMPolePass(tile, &e, pool, env)
	if tile[0][4] != 0 {
		t.Errorf("symplectic bend changed delta: %g", tile[0][4])
	}
}
