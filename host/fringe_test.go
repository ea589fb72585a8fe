package host

import (
	"math"
	"testing"
)

// TestQuadFringeOnAxis checks that the quadrupole fringe maps leave an
// on-axis particle alone.
func TestQuadFringeOnAxis(t *testing.T) {
	p := Particle{0, 1e-3, 0, -1e-3, 0.01, 0.2}
	a, b := p, p
	quadFringeP(&a, 2.5)
	quadFringeN(&b, 2.5)
	if a != p || b != p {
		t.Errorf("on-axis particle moved: %v %v", a, b)
	}
}

// TestQuadFringeIsThirdOrder checks that the entrance map moves x by
// b2*x^3/(12(1+delta)) for a particle in the horizontal plane.
func TestQuadFringeIsThirdOrder(t *testing.T) {
	r := Particle{2e-3, 0, 0, 0, 0, 0}
	quadFringeP(&r, 3)
	want := 2e-3 + 3.0/12*2e-3*2e-3*2e-3
	if math.Abs(r[0]-want) > 1e-19 {
		t.Errorf("x = %.17g, want %.17g", r[0], want)
	}
}

// TestLinearFringeZeroIntegrals checks that the elegant-like linear fringe
// with zero integrals reduces to Lee-Whiting's map.
func TestLinearFringeZeroIntegrals(t *testing.T) {
	zero := make([]float64, 5)
	p := Particle{1e-3, 2e-4, -3e-3, 1e-4, 0.01, 0}
	a, b := p, p
	linearQuadFringeEntrance(&a, 1.7, zero, zero)
	quadFringeP(&b, 1.7)
	if a != b {
		t.Errorf("entrance: %v != %v", a, b)
	}
	a, b = p, p
	linearQuadFringeExit(&a, 1.7, zero, zero)
	quadFringeN(&b, 1.7)
	if a != b {
		t.Errorf("exit: %v != %v", a, b)
	}
}

// TestEdgeFringeWithoutFringe checks that the edge maps without a fringe
// integral reduce to hard-edge focusing, in all three variants.
func TestEdgeFringeWithoutFringe(t *testing.T) {
	p := Particle{1e-3, 2e-4, -3e-3, 1e-4, 0.01, 0}
	want := p
	edge(&want, 0.1, 0.05)
	for _, m := range []int32{0, 1} {
		a, b := p, p
		edgeFringe(&a, 0.1, 0.05, 0, 0.03, m, 1)
		edgeFringe(&b, 0.1, 0.05, 0.5, 0, m, -1)
		if a != want || b != want {
			t.Errorf("method %d: %v %v, want %v", m, a, b, want)
		}
	}
	c := p
	diffBendFringe(&c, 0.1, 0.05, 0, 0, 1, 1)
	if c != want {
		t.Errorf("radiating edge: %v, want %v", c, want)
	}
}

// TestEdgeFringeReducesVerticalFocusing checks that a fringe field lowers
// the vertical edge focusing for a positive edge angle.
func TestEdgeFringeReducesVerticalFocusing(t *testing.T) {
	p := Particle{0, 0, 1e-3, 0, 0, 0}
	hard, soft := p, p
	edge(&hard, 0.1, 0.05)
	edgeFringe(&soft, 0.1, 0.05, 0.5, 0.04, 1, 1)
	if !(hard[3] < soft[3] && soft[3] < 0) {
		t.Errorf("hard-edge py %g, with fringe %g", hard[3], soft[3])
	}
}
