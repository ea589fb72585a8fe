package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestStrMPolePassReference compares StrMPoleSymplectic4Pass with the
// PyAT cases.
func TestStrMPolePassReference(t *testing.T) { pmRunRefCases(t, device.StrMPoleSymplectic4Pass) }

// pmQuadElement returns a quadrupole record of the given method, length and
// gradient, with PolynomA at pool offset 0 and PolynomB at 2.
func pmQuadElement(m device.Method, l, k float64) (device.Element, []float64) {
	e := device.NewElement(m)
	e.Length = l
	e.MaxOrder = 1
	e.NumIntSteps = 10
	e.PolynomA, e.PolynomB = 0, 2
	return e, []float64{0, 0, 0, k}
}

// TestStrMPoleZeroFieldIsDrift checks that a multipole with zero field is
// a drift (to rounding).
func TestStrMPoleZeroFieldIsDrift(t *testing.T) {
	e, pool := pmQuadElement(device.StrMPoleSymplectic4Pass, 0.8, 0)
	p := Particle{1e-3, -2e-3, 3e-3, 1e-3, 0.02, 0}
	tile := []Particle{p}
	strMPolePass(tile, &e, pool, &Env{})
	want := p
	drift6(&want, 0.8)
	for k := 0; k < 6; k++ {
		if math.Abs(tile[0][k]-want[k]) > 1e-17 {
			t.Errorf("coord %d: got %.17g, want %.17g", k, tile[0][k], want[k])
		}
	}
}

// TestStrMPoleThinLimit checks that a short quadrupole kicks a particle by
// about -K*L*x horizontally and +K*L*y vertically.
func TestStrMPoleThinLimit(t *testing.T) {
	const l, k = 1e-4, 2.0
	e, pool := pmQuadElement(device.StrMPoleSymplectic4Pass, l, k)
	tile := []Particle{{1e-3, 0, 2e-3, 0, 0, 0}}
	strMPolePass(tile, &e, pool, &Env{})
	if got, want := tile[0][1], -k*l*1e-3; math.Abs(got-want) > 1e-6*math.Abs(want) {
		t.Errorf("px = %g, want about %g", got, want)
	}
	if got, want := tile[0][3], k*l*2e-3; math.Abs(got-want) > 1e-6*math.Abs(want) {
		t.Errorf("py = %g, want about %g", got, want)
	}
}

// TestStrMPoleKickAngle checks that a corrector kick in a multipole bends
// an on-axis particle by about KickAngle and leaves the pool untouched.
func TestStrMPoleKickAngle(t *testing.T) {
	e, pool := pmQuadElement(device.StrMPoleSymplectic4Pass, 0.3, 0)
	e.KickAngle = int32(len(pool))
	pool = append(pool, 1e-4, -2e-4)
	saved := append([]float64(nil), pool...)
	tile := []Particle{{}}
	strMPolePass(tile, &e, pool, &Env{})
	if math.Abs(tile[0][1]-math.Sin(1e-4)) > 1e-18 || math.Abs(tile[0][3]-math.Sin(-2e-4)) > 1e-18 {
		t.Errorf("kicks %g %g", tile[0][1], tile[0][3])
	}
	for i := range pool {
		if pool[i] != saved[i] {
			t.Fatalf("pool modified at %d", i)
		}
	}
}

// TestStrMPoleNonRadKeepsEnergy checks that the symplectic pass never
// changes delta.
func TestStrMPoleNonRadKeepsEnergy(t *testing.T) {
	e, pool := pmQuadElement(device.StrMPoleSymplectic4Pass, 0.5, 1.5)
	p := Particle{3e-3, 1e-3, -2e-3, 0, 0.01, 0}
	tile := []Particle{p}
	strMPolePass(tile, &e, pool, &Env{Params: device.Params{Energy: 6e9}})
	if tile[0][4] != p[4] {
		t.Errorf("delta changed: %g -> %g", p[4], tile[0][4])
	}
}
