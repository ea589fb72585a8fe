package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestExStraightBendIsCircle checks Forest's map V: a particle in a uniform
// field of curvature h moves on a circle of radius (1+δ)/h, so after any
// step x, px obey (x - x_c)² + (s - s_c)² = R² with the centre fixed by
// the initial state; checked to 1e-15 over 20 steps, and the path length
// (ct gain) against R times the angle turned.
func TestExStraightBendIsCircle(t *testing.T) {
	const h, d = 0.2, 0.01
	r := Particle{1e-3, 0.02, 0, 0, d, 0}
	R := (1 + d) / h
	// Velocity direction (px, pz)/(1+δ); the centre lies at R along the
	// inward normal (field bends towards -x for h > 0).
	pz := math.Sqrt((1+d)*(1+d) - r[1]*r[1])
	xc := r[0] - R*pz/(1+d)
	sc := R * r[1] / (1 + d)
	s := 0.0
	for i := 0; i < 20; i++ {
		a0 := math.Asin(r[1] / (1 + d))
		ct0 := r[5]
		exStraightBend(&r, h, 0.1)
		s += 0.1
		if e := math.Hypot(r[0]-xc, s-sc) - R; math.Abs(e) > 1e-12 {
			t.Fatalf("step %d: off the circle by %.3g", i, e)
		}
		a1 := math.Asin(r[1] / (1 + d))
		if got, want := r[5]-ct0, R*(a0-a1); math.Abs(got-want) > 1e-15 {
			t.Errorf("step %d: path %.17g, want R·Δangle %.17g", i, got, want)
		}
	}
}

// TestExactRectBendVsRectangular compares the two rectangular bend models
// on a pure dipole with pole faces θ/2: ExactRectBendPass in one exact
// body map (NumIntSteps 0) and ExactRectangularBendPass, whose kicks carry
// the dipole field, with 100 steps; they agree to the latter's
// integration error, below 1e-10.
func TestExactRectBendVsRectangular(t *testing.T) {
	const L, ang = 1.2, 0.06
	a, pool := xtBend(device.ExactRectBendPass, L, ang, 0)
	a.EntranceAngle, a.ExitAngle = ang/2, ang/2
	a.GK = 0.02
	a.X0Ref, a.RefDZ = 1e-3, 2e-5
	a.NumIntSteps = 0
	b := a
	b.Method = device.ExactRectangularBendPass
	b.NumIntSteps = 100
	beam := xtBeam()
	ga := xtRun(t, &a, pool, nil, beam)
	gb := xtRun(t, &b, pool, nil, beam)
	for i := range beam {
		if live(&beam[i]) {
			xtClose(t, "ExactRectBendPass vs ExactRectangularBendPass", ga[i], gb[i], 1e-10)
		}
	}
	xtCheckLostUntouched(t, beam, ga)
}

// TestExactRectBendStepsConverge checks that with multipoles the sliced
// ExactRectBendPass converges at 4th order (Yoshida): the error of N
// steps, measured against 160 steps, falls by 2⁴ = 16 from N = 10 to
// N = 20 (accepted 12 to 20) on every coordinate that moves by more than
// 1e-12.
func TestExactRectBendStepsConverge(t *testing.T) {
	e, pool := xtBend(device.ExactRectBendPass, 1.0, 0.05, 0.7)
	e.EntranceAngle, e.ExitAngle = 0.025, 0.025
	run := func(n int32) Particle {
		f := e
		f.NumIntSteps = n
		return xtRun(t, &f, pool, nil, []Particle{{2e-3, 1e-4, -1e-3, 2e-4, 1e-3, 0}})[0]
	}
	ref, p10, p20 := run(160), run(10), run(20)
	for k := 0; k < 6; k++ {
		e10, e20 := math.Abs(p10[k]-ref[k]), math.Abs(p20[k]-ref[k])
		if e10 < 1e-12 {
			continue
		}
		if q := e10 / e20; q < 12 || q > 20 {
			t.Errorf("coordinate %d: error 10 steps %.3g, 20 steps %.3g, ratio %.3g (want about 16)", k, e10, e20, q)
		}
	}
}
