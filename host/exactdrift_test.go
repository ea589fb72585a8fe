package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// xtPool appends vals to pool and returns the new pool and their offset.
func xtPool(pool []float64, vals ...float64) ([]float64, int32) {
	off := int32(len(pool))
	return append(pool, vals...), off
}

// xtBeam returns a small set of live particles with modest amplitudes and
// one lost particle (NaN x) at the end.
func xtBeam() []Particle {
	return []Particle{
		{1e-3, 2e-4, -5e-4, 1e-4, 1e-3, 2e-3},
		{-2e-3, -1e-4, 1e-3, -3e-4, -2e-3, -1e-3},
		{0, 0, 0, 0, 0, 0},
		{4e-3, 5e-4, 2e-3, -2e-4, 1e-2, 0},
		{math.NaN(), 1, 2, 3, 4, 5},
	}
}

// xtRun tracks a copy of beam through the element with the passmethod's
// registered function and returns the result.
func xtRun(t *testing.T, e *device.Element, pool []float64, env *Env, beam []Particle) []Particle {
	t.Helper()
	f := passTable[e.Method]
	if f == nil {
		t.Fatalf("%v not registered", e.Method)
	}
	out := append([]Particle(nil), beam...)
	if env == nil {
		env = &Env{}
	}
	f(out, e, pool, env)
	return out
}

// xtCheckLostUntouched fails unless the lost particles of out are
// bit-identical to those of in.
func xtCheckLostUntouched(t *testing.T, in, out []Particle) {
	t.Helper()
	for i := range in {
		if live(&in[i]) {
			continue
		}
		for k := 1; k < 6; k++ {
			if out[i][k] != in[i][k] {
				t.Errorf("lost particle %d coordinate %d changed: %v -> %v", i, k, in[i][k], out[i][k])
			}
		}
	}
}

// xtClose fails when a and b differ by more than tol in any coordinate.
func xtClose(t *testing.T, what string, a, b Particle, tol float64) {
	t.Helper()
	for k := 0; k < 6; k++ {
		if math.Abs(a[k]-b[k]) > tol {
			t.Errorf("%s: coordinate %d: %.17g vs %.17g (tol %g)", what, k, a[k], b[k], tol)
		}
	}
}

// TestExactDriftMatchesParaxialForSmallAngles checks that the exact drift reduces to the paraxial one for tiny angles.
func TestExactDriftMatchesParaxialForSmallAngles(t *testing.T) {
	e := device.NewElement(device.ExactDriftPass)
	e.Length = 2.0
	beam := []Particle{
		{1e-3, 1e-6, -2e-3, -2e-6, 1e-3, 0},
		{0, -3e-6, 0, 1e-6, -1e-3, 1e-3},
	}
	out := xtRun(t, &e, nil, nil, beam)
	for i, p := range beam {
		q := p
		drift6(&q, e.Length)
		// The exact and paraxial maps differ at third order in the angles
		// (L·p³ ~ 1e-17 here); ct also carries the rounding of subtracting
		// the length from the absolute path (a few 1e-16 for L = 2).
		xtClose(t, "exact vs paraxial", Particle{out[i][0], out[i][1], out[i][2], out[i][3], out[i][4]},
			Particle{q[0], q[1], q[2], q[3], q[4]}, 1e-16)
		if d := math.Abs(out[i][5] - q[5]); d > 2e-15 {
			t.Errorf("ct: exact %.17g vs paraxial %.17g", out[i][5], q[5])
		}
	}
}

// TestExactDriftLargeAngleDiffers checks the exact drift against the closed form at a large angle.
func TestExactDriftLargeAngleDiffers(t *testing.T) {
	e := device.NewElement(device.ExactDriftPass)
	e.Length = 1.0
	p := Particle{0, 0.1, 0, 0, 0, 0}
	out := xtRun(t, &e, nil, nil, []Particle{p})
	want := 0.1 / math.Sqrt(1-0.01)
	if math.Abs(out[0][0]-want) > 1e-15 {
		t.Errorf("x = %.17g, want %.17g", out[0][0], want)
	}
	wantCT := 1/math.Sqrt(1-0.01) - 1
	if math.Abs(out[0][5]-wantCT) > 1e-15 {
		t.Errorf("ct = %.17g, want %.17g", out[0][5], wantCT)
	}
}

// TestExactDriftApertureAndLost checks the aperture marking and that lost particles are skipped.
func TestExactDriftApertureAndLost(t *testing.T) {
	e := device.NewElement(device.ExactDriftPass)
	e.Length = 1.0
	pool, off := xtPool(nil, -1e-3, 1e-3, -1e-3, 1e-3)
	e.RApertures = off
	beam := []Particle{{0, 0, 0, 0, 0, 0}, {0, 2e-3, 0, 0, 0, 0}, {math.NaN(), 0, 0, 0, 0, 0}}
	out := xtRun(t, &e, pool, nil, beam)
	if math.IsInf(out[0][5], 1) {
		t.Error("on-axis particle marked lost")
	}
	if !math.IsInf(out[1][5], 1) {
		t.Errorf("particle leaving the aperture not marked lost: %v", out[1])
	}
	xtCheckLostUntouched(t, beam, out)
}
