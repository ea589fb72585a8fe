package host

// This file holds the Yoshida coefficients of AT's 4th-order symplectic
// integrators and the thin straight multipole kick of AT's driftkick.c
// (strthinkick), which the exact integrators and ThinMultipole use. The
// drifts and kicks of StrMPole and BndMPole and their Rad variants are
// written on scalars in integrator.go. The field expansion is
// (By + iBx)/Bρ = Σ (B[n] + iA[n]) (x + iy)^n, n = 0..maxOrder.

// thirdRoot2 is AT's THIRD_ROOT_2 (2^(1/3)) rounded to float64.
var thirdRoot2 = 1.25992104989487316477

// Yoshida 4th-order integrator coefficients (AT's DRIFT1, DRIFT2, KICK1,
// KICK2). They are variables, not constants, so that Go evaluates them in
// float64 arithmetic exactly as C does, rather than in exact constant
// arithmetic that would round differently in the last bit.
var (
	drift1 = 1.0 / (2.0 * (2.0 - thirdRoot2))
	drift2 = 0.5 - (1.0 / (2.0 * (2.0 - thirdRoot2)))
	kick1  = 1.0 / (2.0 - thirdRoot2)
	kick2  = 1.0 - 2.0/(2.0-thirdRoot2)
)

// multipoleField returns the real and imaginary parts of the field
// polynomial at (x, y), by Horner's rule from the highest order.
func multipoleField(r *Particle, a, b []float64, maxOrder int) (re, im float64) {
	re = b[maxOrder]
	im = a[maxOrder]
	for i := maxOrder - 1; i >= 0; i-- {
		t := float64(re*r[0]) - float64(im*r[2]) + b[i]
		im = float64(im*r[0]) + float64(re*r[2]) + a[i]
		re = t
	}
	return re, im
}

// strThinKick is a thin multipole kick of integrated length l in a straight
// element (AT's strthinkick).
func strThinKick(r *Particle, a, b []float64, l float64, maxOrder int) {
	re, im := multipoleField(r, a, b, maxOrder)
	r[1] -= float64(l * re)
	r[3] += float64(l * im)
}
