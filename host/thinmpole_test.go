package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestThinMPolePassReference compares ThinMPolePass with the PyAT cases.
func TestThinMPolePassReference(t *testing.T) { pmRunRefCases(t, device.ThinMPolePass) }

// TestThinQuadKick checks a thin quadrupole of integrated strength k:
// px -= k*x, py += k*y, positions unchanged.
func TestThinQuadKick(t *testing.T) {
	const k = 0.7
	pool := []float64{0, 0, 0, k} // PolynomA, PolynomB
	e := device.NewElement(device.ThinMPolePass)
	e.MaxOrder = 1
	e.PolynomA, e.PolynomB = 0, 2
	p := Particle{2e-3, 1e-4, -1e-3, 2e-4, 0.01, 0}
	tile := []Particle{p}
	thinMPolePass(tile, &e, pool, &Env{})
	want := p
	want[1] -= k * p[0]
	want[3] += k * p[2]
	if tile[0] != want {
		t.Errorf("got %v, want %v", tile[0], want)
	}
}

// TestThinMPoleKickAngle checks that KickAngle acts as a dipole kick of a
// thin multipole and that the shared pool is left untouched.
func TestThinMPoleKickAngle(t *testing.T) {
	pool := []float64{0, 0, 0, 0, 1e-4, 2e-4} // A, B, KickAngle
	e := device.NewElement(device.ThinMPolePass)
	e.MaxOrder = 1
	e.PolynomA, e.PolynomB, e.KickAngle = 0, 2, 4
	saved := append([]float64(nil), pool...)
	tile := []Particle{{}}
	thinMPolePass(tile, &e, pool, &Env{})
	if tile[0][1] != 1e-4 || tile[0][3] != 2e-4 {
		t.Errorf("kicks %g %g, want 1e-4 2e-4", tile[0][1], tile[0][3])
	}
	for i := range pool {
		if pool[i] != saved[i] {
			t.Fatalf("pool modified at %d", i)
		}
	}
}
