package host

// This file holds the inner loops of the 4th-order symplectic integrators
// (StrMPole, BndMPole and their Rad variants) written on scalar locals, so
// that the Go compiler keeps the particle in registers through all the
// slices of an element instead of loading and storing it through a
// pointer at every drift and kick. They are the only implementation of
// these integrators' drifts and kicks: AT's fastdrift (fdrift, and inline
// in strSteps and bndSteps), ATdrift6 (drift6s, the same operations as
// drift6 in linalg.go), strthinkick (inline in strSteps, as strThinKick
// in driftkick.go does it), bndthinkick (bndKick), and diff_str_kick and
// diff_bnd_kick with a null diffusion matrix (strRadKickS, bndRadKickS),
// each operation and its rounding in AT's order.

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

// strSteps runs nsteps Yoshida slices of a straight multipole on r.
func strSteps(r *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, k1, k2 float64) {
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

// bndKick is a thin multipole kick of integrated length l in a curved
// element of curvature irho, with the curvature terms and the path
// lengthening (AT's bndthinkick), on scalars.
func bndKick(x, px, y, py, d, ct float64, a, b []float64, l, irho float64, maxOrder int) (float64, float64, float64) {
	re, im := field(x, y, a, b, maxOrder)
	px -= float64(l * (re - float64((d-float64(x*irho))*irho)))
	py += float64(l * im)
	ct += float64(l * irho * x)
	return px, py, ct
}

// bndSteps runs nsteps Yoshida slices of a bending magnet on r.
func bndSteps(r *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, k1, k2, irho float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x += float64(nl1 * px)
		y += float64(nl1 * py)
		ct += nl1 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k1, irho, maxOrder)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k2, irho, maxOrder)
		x += float64(nl2 * px)
		y += float64(nl2 * py)
		ct += nl2 * (float64(px*px) + float64(py*py)) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k1, irho, maxOrder)
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

// strRadKickS is a thin multipole kick of length l in a straight element
// with classical radiation energy loss (AT's diff_str_kick with a null
// diffusion matrix), on scalars.
func strRadKickS(x, px, y, py, d float64, a, b []float64, maxOrder int, l, radConst float64) (float64, float64, float64) {
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

// strRadSteps runs nsteps radiating Yoshida slices of a straight multipole.
func strRadSteps(r *Particle, a, b []float64, maxOrder, nsteps int, l1, l2, k1, k2, rc float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
		px, py, d = strRadKickS(x, px, y, py, d, a, b, maxOrder, k1, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d = strRadKickS(x, px, y, py, d, a, b, maxOrder, k2, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d = strRadKickS(x, px, y, py, d, a, b, maxOrder, k1, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// bndRadKickS is a thin multipole kick of length l in a bend of curvature
// irho with classical radiation, the guide field included in |e × B|²
// (AT's diff_bnd_kick with a null diffusion matrix), on scalars.
func bndRadKickS(x, px, y, py, d, ct float64, a, b []float64, maxOrder int, l, irho, radConst float64) (float64, float64, float64, float64) {
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

// bndRadSteps runs nsteps radiating Yoshida slices of a bending magnet.
func bndRadSteps(r *Particle, a, b []float64, maxOrder, nsteps int, l1, l2, k1, k2, irho, rc float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
		px, py, d, ct = bndRadKickS(x, px, y, py, d, ct, a, b, maxOrder, k1, irho, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d, ct = bndRadKickS(x, px, y, py, d, ct, a, b, maxOrder, k2, irho, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l2)
		px, py, d, ct = bndRadKickS(x, px, y, py, d, ct, a, b, maxOrder, k1, irho, rc)
		x, y, ct = drift6s(x, px, y, py, d, ct, l1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// The two-particle versions (strSteps2, bndSteps2, strRadSteps2,
// bndRadSteps2) are generated into integrator_pairs.go:
//
//go:generate go run ./internal/pairgen

// fdrift is a drift of normalised length nl = L/(1+delta) (AT's
// fastdrift) on scalars.
func fdrift(x, px, y, py, d, ct, nl float64) (float64, float64, float64) {
	return x + float64(nl*px), y + float64(nl*py), ct + nl*(float64(px*px)+float64(py*py))/(2*(1+d))
}
