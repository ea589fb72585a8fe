package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestExactMultipoleZeroFieldIsExactDrift checks that a field-free exact multipole is an exact drift.
func TestExactMultipoleZeroFieldIsExactDrift(t *testing.T) {
	e := device.NewElement(device.ExactMultipolePass)
	e.Length = 0.7
	e.MaxOrder = 2
	e.NumIntSteps = 10
	pool, pa := xtPool(nil, 0, 0, 0)
	pool, pb := xtPool(pool, 0, 0, 0)
	e.PolynomA, e.PolynomB = pa, pb
	beam := xtBeam()
	out := xtRun(t, &e, pool, nil, beam)
	for i, p := range beam {
		if !live(&p) {
			continue
		}
		q := p
		exactDrift(&q, e.Length)
		q[5] -= e.Length
		xtClose(t, "zero-field multipole vs exact drift", out[i], q, 1e-15)
	}
	xtCheckLostUntouched(t, beam, out)
}

// TestExactMultipoleKickAngleLeavesPool checks that KickAngle acts without writing to the pool.
func TestExactMultipoleKickAngleLeavesPool(t *testing.T) {
	e := device.NewElement(device.ExactMultipolePass)
	e.Length = 0.3
	e.MaxOrder = 1
	e.NumIntSteps = 4
	pool, pa := xtPool(nil, 0, 0)
	pool, pb := xtPool(pool, 0, 0.5)
	pool, ka := xtPool(pool, 1e-4, -2e-4)
	e.PolynomA, e.PolynomB, e.KickAngle = pa, pb, ka
	before := append([]float64(nil), pool...)
	out := xtRun(t, &e, pool, nil, []Particle{{}})
	for i := range pool {
		if pool[i] != before[i] {
			t.Fatalf("pool[%d] changed: %v -> %v", i, before[i], pool[i])
		}
	}
	// An on-axis particle leaves with about the corrector angles (the
	// quadrupole adds a small correction of order K·L·x).
	if math.Abs(out[0][1]-1e-4) > 1e-5 || math.Abs(out[0][3]+2e-4) > 2e-5 {
		t.Errorf("corrector kicks not applied: %v", out[0])
	}
}

// TestExactMultipoleFringeVanishesOnAxis checks the multipole fringe on and off axis.
func TestExactMultipoleFringeVanishesOnAxis(t *testing.T) {
	a := []float64{0, 0, 0}
	b := []float64{0, 1.5, 40}
	r := Particle{0, 1e-3, 0, -2e-3, 1e-3, 0}
	q := r
	exMultipoleFringe(&q, a, b, 2, 1.0, false)
	if q != r {
		t.Errorf("fringe moved an on-axis particle: %v -> %v", r, q)
	}
	// Off axis, entrance and exit fringes nearly cancel for a short
	// element (exactly only to first order).
	r = Particle{1e-3, 0, 5e-4, 0, 0, 0}
	q = r
	exMultipoleFringe(&q, a, b, 2, 1.0, false)
	if q == r {
		t.Error("fringe had no effect off axis")
	}
	exMultipoleFringe(&q, a, b, 2, -1.0, false)
	xtClose(t, "entrance+exit fringe", q, r, 1e-11)
}
