package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestQuadLinearZeroIsDrift checks that a zero-strength linear quadrupole is a drift.
func TestQuadLinearZeroIsDrift(t *testing.T) {
	e := device.NewElement(device.QuadLinearPass)
	e.Length = 0.4
	beam := xtBeam()
	out := xtRun(t, &e, nil, nil, beam)
	for i, p := range beam {
		if !live(&p) {
			continue
		}
		drift6(&p, e.Length)
		xtClose(t, "K=0 quadrupole vs drift", out[i], p, 0)
	}
	xtCheckLostUntouched(t, beam, out)
}

// TestQuadLinearTransverseMatrix checks the linear quadrupole against its transfer matrix.
func TestQuadLinearTransverseMatrix(t *testing.T) {
	const L, K = 0.5, 1.2
	e := device.NewElement(device.QuadLinearPass)
	e.Length = L
	// PolynomB[1] takes precedence over K, as in AT.
	e.K = 99
	e.MaxOrder = 1
	pool, pb := xtPool(nil, 0, K)
	e.PolynomB = pb
	out := xtRun(t, &e, pool, nil, []Particle{{1e-3, 0, 1e-3, 0, 0, 0}})
	s := math.Sqrt(K)
	want := Particle{1e-3 * math.Cos(s*L), -1e-3 * s * math.Sin(s*L), 1e-3 * math.Cosh(s*L), 1e-3 * s * math.Sinh(s*L), 0, out[0][5]}
	xtClose(t, "quadrupole matrix", out[0], want, 1e-16)
}

// TestSolenoidLinear checks the linear solenoid: drift limit, Larmor period, lost particles.
func TestSolenoidLinear(t *testing.T) {
	e := device.NewElement(device.SolenoidLinearPass)
	e.Length = 1.0
	beam := xtBeam()
	// K = 0 is a drift.
	out := xtRun(t, &e, nil, nil, beam)
	for i, p := range beam {
		if !live(&p) {
			continue
		}
		drift6(&p, e.Length)
		xtClose(t, "K=0 solenoid vs drift", out[i], p, 0)
	}
	// A particle starting on axis returns to the axis after a full Larmor
	// period (K·L/(1+δ) = 2π).
	e.K = 2 * math.Pi
	p := Particle{0, 1e-3, 0, -5e-4, 0, 0}
	out = xtRun(t, &e, nil, nil, []Particle{p})
	if math.Abs(out[0][0]) > 1e-15 || math.Abs(out[0][2]) > 1e-15 {
		t.Errorf("not back on axis after a Larmor period: %v", out[0])
	}
	// Like AT, the solenoid does not skip lost particles.
	out = xtRun(t, &e, nil, nil, []Particle{{math.NaN(), 0, 0, 0, 0, 0}})
	for k, v := range out[0] {
		if (k == 4) == math.IsNaN(v) {
			t.Errorf("lost particle through solenoid: %v, want (NaN, NaN, NaN, NaN, 0, NaN)", out[0])
			break
		}
	}
}
