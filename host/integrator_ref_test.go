package host

import (
	"math/rand/v2"
	"testing"
)

// TestIntegratorsMatchReferenceSteps checks integrator.go's claim: the
// fused scalar integrators (strSteps, bndSteps, strRadSteps, bndRadSteps)
// give bit for bit the results of the reference slice written with
// fastDrift, drift6, strThinKick, bndThinKick, strRadKick and bndRadKick
// (AT's driftkick.c and diff kicks), on random particles and multipoles.
func TestIntegratorsMatchReferenceSteps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sym := func(a float64) float64 { return a * (2*rng.Float64() - 1) }
	for c := 0; c < 200; c++ {
		maxOrder := rng.IntN(6)
		a, b := make([]float64, maxOrder+1), make([]float64, maxOrder+1)
		for i := range a {
			a[i], b[i] = sym(float64(i+1)), sym(float64(i+1))
		}
		r0 := Particle{sym(1e-2), sym(1e-3), sym(1e-2), sym(1e-3), sym(0.03), sym(0.01)}
		nsteps := 1 + rng.IntN(5)
		l1, l2, k1, k2 := sym(0.2), sym(0.2), sym(0.3), sym(0.3)
		irho, rc := sym(0.1), 1e-5*rng.Float64()
		nl1, nl2 := l1/(1+r0[4]), l2/(1+r0[4])

		type run struct {
			name       string
			fused, ref func(r *Particle)
		}
		runs := []run{
			{"strSteps", func(r *Particle) { strSteps(r, a, b, maxOrder, nsteps, nl1, nl2, k1, k2) }, func(r *Particle) {
				for m := 0; m < nsteps; m++ {
					fastDrift(r, nl1)
					strThinKick(r, a, b, k1, maxOrder)
					fastDrift(r, nl2)
					strThinKick(r, a, b, k2, maxOrder)
					fastDrift(r, nl2)
					strThinKick(r, a, b, k1, maxOrder)
					fastDrift(r, nl1)
				}
			}},
			{"bndSteps", func(r *Particle) { bndSteps(r, a, b, maxOrder, nsteps, nl1, nl2, k1, k2, irho) }, func(r *Particle) {
				for m := 0; m < nsteps; m++ {
					fastDrift(r, nl1)
					bndThinKick(r, a, b, k1, irho, maxOrder)
					fastDrift(r, nl2)
					bndThinKick(r, a, b, k2, irho, maxOrder)
					fastDrift(r, nl2)
					bndThinKick(r, a, b, k1, irho, maxOrder)
					fastDrift(r, nl1)
				}
			}},
			{"strRadSteps", func(r *Particle) { strRadSteps(r, a, b, maxOrder, nsteps, l1, l2, k1, k2, rc) }, func(r *Particle) {
				for m := 0; m < nsteps; m++ {
					drift6(r, l1)
					strRadKick(r, a, b, maxOrder, k1, rc)
					drift6(r, l2)
					strRadKick(r, a, b, maxOrder, k2, rc)
					drift6(r, l2)
					strRadKick(r, a, b, maxOrder, k1, rc)
					drift6(r, l1)
				}
			}},
			{"bndRadSteps", func(r *Particle) { bndRadSteps(r, a, b, maxOrder, nsteps, l1, l2, k1, k2, irho, rc) }, func(r *Particle) {
				for m := 0; m < nsteps; m++ {
					drift6(r, l1)
					bndRadKick(r, a, b, maxOrder, k1, irho, rc)
					drift6(r, l2)
					bndRadKick(r, a, b, maxOrder, k2, irho, rc)
					drift6(r, l2)
					bndRadKick(r, a, b, maxOrder, k1, irho, rc)
					drift6(r, l1)
				}
			}},
		}
		for _, rn := range runs {
			f, g := r0, r0
			rn.fused(&f)
			rn.ref(&g)
			if f != g {
				t.Fatalf("case %d %s: fused %v, reference %v", c, rn.name, f, g)
			}
		}
	}
}
