package host

// This file holds the inner loops of the 4th-order symplectic integrators
// (StrMPole, BndMPole and their Rad variants) written on scalar locals, so
// that the Go compiler keeps the particle in registers through all the
// slices of an element instead of loading and storing it through a
// pointer at every drift and kick. They are the only implementation of
// these integrators' drifts and kicks: AT's fastdrift (fastDrift, and inline
// in strSteps and bndSteps), ATdrift6 (drift6s, the same operations as
// drift6 in linalg.go), strthinkick (inline in strSteps, as strThinKick
// in driftkick.go does it), bndthinkick (bndThinKick), and diff_str_kick and
// diff_bnd_kick with a null diffusion matrix (strRadKick, bndRadKick),
// each operation and its rounding in AT's order.

// steps is what the integrators of a multipole magnet need besides the
// particle: the field, the Yoshida slicing and, for bends and radiating
// passmethods, the curvature and the radiation constant. The drift lengths
// l1, l2 are physical (the radiating integrators' drifts); the
// non-radiating integrators take them normalised per particle.
type steps struct {
	a, b     []float64 // PolynomA, PolynomB, KickAngle's dipole terms included
	maxOrder int       // highest order of a and b used
	nsteps   int       // Yoshida slices
	yoshida            // l1, l2, k1, k2 of one slice
	irho     float64   // curvature 1/rho (bends)
	rc       float64   // radiation constant (radiating passmethods; see radConstant)
}

// field evaluates the multipole polynomial at (x, y) by Horner's rule, as
// multipoleField does.
func field(x, y float64, a, b []float64, maxOrder int) (re, im float64) {
	re = b[maxOrder]
	im = a[maxOrder]
	for i := maxOrder - 1; i >= 0; i-- {
		t := float64(re*x) - float64(im*y) + b[i]
		im = float64(im*x) + float64(re*y) + a[i]
		re = t
	}
	return re, im
}

// strSteps runs s.nsteps Yoshida slices of a straight multipole on r,
// with the drift lengths nl1, nl2 normalised by r's momentum.
func strSteps(r *Particle, s *steps, nl1, nl2 float64) {
	a, b, maxOrder, nsteps, k1, k2 := s.a, s.b, s.maxOrder, s.nsteps, s.k1, s.k2
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x += float64(nl1 * px)
		y += float64(nl1 * py)
		ct += nl1 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		re, im := field(x, y, a, b, maxOrder)
		px -= float64(k1 * re)
		py += float64(k1 * im)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		re, im = field(x, y, a, b, maxOrder)
		px -= float64(k2 * re)
		py += float64(k2 * im)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		re, im = field(x, y, a, b, maxOrder)
		px -= float64(k1 * re)
		py += float64(k1 * im)
		x += float64(nl1 * px)
		y += float64(nl1 * py)
		ct += nl1 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// bndThinKick is a thin multipole kick of integrated length l in a curved
// element of curvature s.irho, with the curvature terms and the path
// lengthening (AT's bndthinkick), on scalars.
func bndThinKick(x, px, y, py, d, ct float64, s *steps, l float64) (float64, float64, float64) {
	a, b, maxOrder, irho := s.a, s.b, s.maxOrder, s.irho
	re, im := field(x, y, a, b, maxOrder)
	px -= float64(l * (re - float64((d-float64(x*irho))*irho)))
	py += float64(l * im)
	ct += float64(l * irho * x)
	return px, py, ct
}

// bndSteps runs s.nsteps Yoshida slices of a bending magnet on r, with
// the drift lengths nl1, nl2 normalised by r's momentum.
func bndSteps(r *Particle, s *steps, nl1, nl2 float64) {
	nsteps, k1, k2 := s.nsteps, s.k1, s.k2
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x += float64(nl1 * px)
		y += float64(nl1 * py)
		ct += nl1 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndThinKick(x, px, y, py, d, ct, s, k1)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndThinKick(x, px, y, py, d, ct, s, k2)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndThinKick(x, px, y, py, d, ct, s, k1)
		x += float64(nl1 * px)
		y += float64(nl1 * py)
		ct += nl1 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// drift6s is drift6 (AT's ATdrift6) on scalars.
func drift6s(x, px, y, py, d, ct, l float64) (float64, float64, float64) {
	pnorm := 1 / (1 + d)
	normL := l * pnorm
	x += float64(normL * px)
	y += float64(normL * py)
	ct += normL * pnorm * (float64(px*px) + float64(py*py)) / 2
	return x, y, ct
}

// strRadKick is a thin multipole kick of length l in a straight element
// with classical radiation energy loss (AT's diff_str_kick with a null
// diffusion matrix), on scalars; s.rc is the radiation constant.
func strRadKick(x, px, y, py, d float64, s *steps, l float64) (float64, float64, float64) {
	a, b, maxOrder, radConst := s.a, s.b, s.maxOrder, s.rc
	re, im := field(x, y, a, b, maxOrder)
	pNorm := 1.0 / (1.0 + d)
	xpr := px * pNorm
	ypr := py * pNorm
	b2p := strB2Perp(im, re, xpr, ypr)
	factor := (1.0 + (float64(xpr*xpr)+float64(ypr*ypr))/2.0) / (pNorm * pNorm) * l
	d -= float64(radConst * b2p * factor)
	pNorm = 1.0 / (1.0 + d)
	px = xpr / pNorm
	py = ypr / pNorm
	px -= float64(l * re)
	py += float64(l * im)
	return px, py, d
}

// strRadSteps runs s.nsteps radiating Yoshida slices of a straight
// multipole on r.
func strRadSteps(r *Particle, s *steps) {
	nsteps, l1, l2, k1, k2 := s.nsteps, s.l1, s.l2, s.k1, s.k2
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
		px, py, d = strRadKick(x, px, y, py, d, s, k1)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d = strRadKick(x, px, y, py, d, s, k2)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d = strRadKick(x, px, y, py, d, s, k1)
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// bndRadKick is a thin multipole kick of length l in a bend of curvature
// irho with classical radiation, the guide field included in |e × B|²
// (AT's diff_bnd_kick with a null diffusion matrix), on scalars; irho is
// s.irho, the radiation constant s.rc.
func bndRadKick(x, px, y, py, d, ct float64, s *steps, l float64) (float64, float64, float64, float64) {
	a, b, maxOrder, irho, radConst := s.a, s.b, s.maxOrder, s.irho, s.rc
	re, im := field(x, y, a, b, maxOrder)
	pNorm := 1.0 / (1.0 + d)
	xpr := px * pNorm
	ypr := py * pNorm
	b2p := bndB2Perp(im, re+irho, irho, x, xpr, ypr)
	factor := (1.0 + float64(x*irho) + (float64(xpr*xpr)+float64(ypr*ypr))/2.0) / (pNorm * pNorm) * l
	dp0 := d
	d -= float64(radConst * b2p * factor)
	pNorm = 1.0 / (1.0 + d)
	px = xpr / pNorm
	py = ypr / pNorm
	px -= float64(l * (re - float64((dp0-float64(x*irho))*irho)))
	py += float64(l * im)
	ct += float64(l * irho * x)
	return px, py, d, ct
}

// bndRadSteps runs s.nsteps radiating Yoshida slices of a bending magnet
// on r.
func bndRadSteps(r *Particle, s *steps) {
	nsteps, l1, l2, k1, k2 := s.nsteps, s.l1, s.l2, s.k1, s.k2
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
		px, py, d, ct = bndRadKick(x, px, y, py, d, ct, s, k1)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d, ct = bndRadKick(x, px, y, py, d, ct, s, k2)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d, ct = bndRadKick(x, px, y, py, d, ct, s, k1)
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// The two-particle versions (strSteps2, bndSteps2, strRadSteps2,
// bndRadSteps2) are generated into integrator_pairs.go:
//
//go:generate go run ./internal/pairgen

// fastDrift is a drift of normalised length nl = L/(1+delta) (AT's
// fastdrift) on scalars.
func fastDrift(x, px, y, py, d, ct, nl float64) (float64, float64, float64) {
	return x + float64(nl*px), y + float64(nl*py), ct + nl*(float64(px*px)+float64(py*py))/(2*(1+d))
}
