package host

// This file holds the inner loops of the 4th-order symplectic integrators
// (StrMPole, BndMPole and their Rad variants) written on scalar locals, so
// that the Go compiler keeps the particle in registers through all the
// slices of an element instead of loading and storing it through a
// pointer at every drift and kick. The operations, and their order, are
// exactly those of fastDrift, drift6, strThinKick, bndThinKick, strRadKick
// and bndRadKick, so the results are bit for bit the same.

// field evaluates the multipole polynomial at (x, y) by Horner's rule, as
// multipoleField does.
func field(x, y float64, a, b []float64, maxOrder int) (re, im float64) {
	re = b[maxOrder]
	im = a[maxOrder]
	for i := maxOrder - 1; i >= 0; i-- {
		t := re*x - im*y + b[i]
		im = im*x + re*y + a[i]
		re = t
	}
	return re, im
}

// strSteps runs nsteps Yoshida slices of a straight multipole on r.
func strSteps(r *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, k1, k2 float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x += nl1 * px
		y += nl1 * py
		ct += nl1 * (px*px + py*py) / (2 * (1 + d))
		re, im := field(x, y, a, b, maxOrder)
		px -= k1 * re
		py += k1 * im
		x += nl2 * px
		y += nl2 * py
		ct += nl2 * (px*px + py*py) / (2 * (1 + d))
		re, im = field(x, y, a, b, maxOrder)
		px -= k2 * re
		py += k2 * im
		x += nl2 * px
		y += nl2 * py
		ct += nl2 * (px*px + py*py) / (2 * (1 + d))
		re, im = field(x, y, a, b, maxOrder)
		px -= k1 * re
		py += k1 * im
		x += nl1 * px
		y += nl1 * py
		ct += nl1 * (px*px + py*py) / (2 * (1 + d))
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// bndKick is bndThinKick on scalars.
func bndKick(x, px, y, py, d, ct float64, a, b []float64, l, irho float64, maxOrder int) (float64, float64, float64) {
	re, im := field(x, y, a, b, maxOrder)
	px -= l * (re - (d-x*irho)*irho)
	py += l * im
	ct += l * irho * x
	return px, py, ct
}

// bndSteps runs nsteps Yoshida slices of a bending magnet on r.
func bndSteps(r *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, k1, k2, irho float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	for m := 0; m < nsteps; m++ {
		x += nl1 * px
		y += nl1 * py
		ct += nl1 * (px*px + py*py) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k1, irho, maxOrder)
		x += nl2 * px
		y += nl2 * py
		ct += nl2 * (px*px + py*py) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k2, irho, maxOrder)
		x += nl2 * px
		y += nl2 * py
		ct += nl2 * (px*px + py*py) / (2 * (1 + d))
		px, py, ct = bndKick(x, px, y, py, d, ct, a, b, k1, irho, maxOrder)
		x += nl1 * px
		y += nl1 * py
		ct += nl1 * (px*px + py*py) / (2 * (1 + d))
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
}

// drift6s is drift6 (AT's ATdrift6) on scalars.
func drift6s(x, px, y, py, d, ct, l float64) (float64, float64, float64) {
	pnorm := 1 / (1 + d)
	normL := l * pnorm
	x += normL * px
	y += normL * py
	ct += normL * pnorm * (px*px + py*py) / 2
	return x, y, ct
}

// strRadKickS is strRadKick on scalars.
func strRadKickS(x, px, y, py, d float64, a, b []float64, maxOrder int, l, radConst float64) (float64, float64, float64) {
	re, im := field(x, y, a, b, maxOrder)
	pNorm := 1.0 / (1.0 + d)
	xpr := px * pNorm
	ypr := py * pNorm
	b2p := strB2Perp(im, re, xpr, ypr)
	factor := (1.0 + (xpr*xpr+ypr*ypr)/2.0) / (pNorm * pNorm) * l
	d -= radConst * b2p * factor
	pNorm = 1.0 / (1.0 + d)
	px = xpr / pNorm
	py = ypr / pNorm
	px -= l * re
	py += l * im
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

// bndRadKickS is bndRadKick on scalars.
func bndRadKickS(x, px, y, py, d, ct float64, a, b []float64, maxOrder int, l, irho, radConst float64) (float64, float64, float64, float64) {
	re, im := field(x, y, a, b, maxOrder)
	pNorm := 1.0 / (1.0 + d)
	xpr := px * pNorm
	ypr := py * pNorm
	b2p := bndB2Perp(im, re+irho, irho, x, xpr, ypr)
	factor := (1.0 + x*irho + (xpr*xpr+ypr*ypr)/2.0) / (pNorm * pNorm) * l
	dp0 := d
	d -= radConst * b2p * factor
	pNorm = 1.0 / (1.0 + d)
	px = xpr / pNorm
	py = ypr / pNorm
	px -= l * (re - (dp0-x*irho)*irho)
	py += l * im
	ct += l * irho * x
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

// The two-particle versions below run the same slices on two particles at
// once. The two dependency chains are independent, so the processor
// overlaps them; each particle sees exactly the operations of the
// one-particle version.

// fdrift is fastDrift on scalars.
func fdrift(x, px, y, py, d, ct, nl float64) (float64, float64, float64) {
	return x + nl*px, y + nl*py, ct + nl*(px*px+py*py)/(2*(1+d))
}

// strSteps2 is strSteps on the two particles r and q (nl: r's normalised drift lengths, ml: q's), with the kicks of strThinKick written out.
func strSteps2(r, q *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, ml1, ml2, k1, k2 float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	u, pu, v, pv, e, cu := q[0], q[1], q[2], q[3], q[4], q[5]
	_, _ = a[maxOrder], b[maxOrder]
	var re, im, sr, si float64
	for m := 0; m < nsteps; m++ {
		x, y, ct = fdrift(x, px, y, py, d, ct, nl1)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml1)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k1 * re
		py += k1 * im
		pu -= k1 * sr
		pv += k1 * si
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k2 * re
		py += k2 * im
		pu -= k2 * sr
		pv += k2 * si
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k1 * re
		py += k1 * im
		pu -= k1 * sr
		pv += k1 * si
		x, y, ct = fdrift(x, px, y, py, d, ct, nl1)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
	q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu
}

// bndSteps2 is bndSteps on the two particles r and q (nl: r's normalised drift lengths, ml: q's), with the kicks of bndThinKick written out.
func bndSteps2(r, q *Particle, a, b []float64, maxOrder, nsteps int, nl1, nl2, ml1, ml2, k1, k2, irho float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	u, pu, v, pv, e, cu := q[0], q[1], q[2], q[3], q[4], q[5]
	_, _ = a[maxOrder], b[maxOrder]
	var re, im, sr, si float64
	for m := 0; m < nsteps; m++ {
		x, y, ct = fdrift(x, px, y, py, d, ct, nl1)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml1)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k1 * (re - (d-x*irho)*irho)
		py += k1 * im
		ct += k1 * irho * x
		pu -= k1 * (sr - (e-u*irho)*irho)
		pv += k1 * si
		cu += k1 * irho * u
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k2 * (re - (d-x*irho)*irho)
		py += k2 * im
		ct += k2 * irho * x
		pu -= k2 * (sr - (e-u*irho)*irho)
		pv += k2 * si
		cu += k2 * irho * u
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := re*x - im*y + b[i]
			im = im*x + re*y + a[i]
			re = t
			t = sr*u - si*v + b[i]
			si = si*u + sr*v + a[i]
			sr = t
		}
		px -= k1 * (re - (d-x*irho)*irho)
		py += k1 * im
		ct += k1 * irho * x
		pu -= k1 * (sr - (e-u*irho)*irho)
		pv += k1 * si
		cu += k1 * irho * u
		x, y, ct = fdrift(x, px, y, py, d, ct, nl1)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml1)
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
	q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu
}

// strRadSteps2 is strRadSteps on the two particles r and q, the kicks of strRadKick written out.
func strRadSteps2(r, q *Particle, a, b []float64, maxOrder, nsteps int, l1, l2, k1, k2, rc float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	u, pu, v, pv, e, cu := q[0], q[1], q[2], q[3], q[4], q[5]
	_, _ = a[maxOrder], b[maxOrder]
	var re0, im0, pN0, nL0, xpr0, ypr0, b2p0, fac0, vn0, re1, im1, pN1, nL1, xpr1, ypr1, b2p1, fac1, vn1 float64
	for m := 0; m < nsteps; m++ {
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = (re0*re0 + im0*im0 + (im0*ypr0-re0*xpr0)*(im0*ypr0-re0*xpr0)) * vn0
		fac0 = (1.0 + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k1
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k1 * re0
		py += k1 * im0
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = (re1*re1 + im1*im1 + (im1*ypr1-re1*xpr1)*(im1*ypr1-re1*xpr1)) * vn1
		fac1 = (1.0 + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k1
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k1 * re1
		pv += k1 * im1
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = (re0*re0 + im0*im0 + (im0*ypr0-re0*xpr0)*(im0*ypr0-re0*xpr0)) * vn0
		fac0 = (1.0 + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k2
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k2 * re0
		py += k2 * im0
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = (re1*re1 + im1*im1 + (im1*ypr1-re1*xpr1)*(im1*ypr1-re1*xpr1)) * vn1
		fac1 = (1.0 + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k2
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k2 * re1
		pv += k2 * im1
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = (re0*re0 + im0*im0 + (im0*ypr0-re0*xpr0)*(im0*ypr0-re0*xpr0)) * vn0
		fac0 = (1.0 + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k1
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k1 * re0
		py += k1 * im0
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = (re1*re1 + im1*im1 + (im1*ypr1-re1*xpr1)*(im1*ypr1-re1*xpr1)) * vn1
		fac1 = (1.0 + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k1
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k1 * re1
		pv += k1 * im1
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
	q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu
}

// bndRadSteps2 is bndRadSteps on the two particles r and q, the kicks of bndRadKick written out.
func bndRadSteps2(r, q *Particle, a, b []float64, maxOrder, nsteps int, l1, l2, k1, k2, irho, rc float64) {
	x, px, y, py, d, ct := r[0], r[1], r[2], r[3], r[4], r[5]
	u, pu, v, pv, e, cu := q[0], q[1], q[2], q[3], q[4], q[5]
	_, _ = a[maxOrder], b[maxOrder]
	var re0, im0, pN0, nL0, xpr0, ypr0, b2p0, fac0, vn0, dp00, by0, re1, im1, pN1, nL1, xpr1, ypr1, b2p1, fac1, vn1, dp01, by1 float64
	for m := 0; m < nsteps; m++ {
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / ((1.0+x*irho)*(1.0+x*irho) + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = ((by0*(1+x*irho))*(by0*(1+x*irho)) + (im0*(1+x*irho))*(im0*(1+x*irho)) + (im0*ypr0-by0*xpr0)*(im0*ypr0-by0*xpr0)) * vn0
		fac0 = (1.0 + x*irho + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k1
		dp00 = d
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k1 * (re0 - (dp00-x*irho)*irho)
		py += k1 * im0
		ct += k1 * irho * x
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / ((1.0+u*irho)*(1.0+u*irho) + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = ((by1*(1+u*irho))*(by1*(1+u*irho)) + (im1*(1+u*irho))*(im1*(1+u*irho)) + (im1*ypr1-by1*xpr1)*(im1*ypr1-by1*xpr1)) * vn1
		fac1 = (1.0 + u*irho + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k1
		dp01 = e
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k1 * (re1 - (dp01-u*irho)*irho)
		pv += k1 * im1
		cu += k1 * irho * u
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / ((1.0+x*irho)*(1.0+x*irho) + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = ((by0*(1+x*irho))*(by0*(1+x*irho)) + (im0*(1+x*irho))*(im0*(1+x*irho)) + (im0*ypr0-by0*xpr0)*(im0*ypr0-by0*xpr0)) * vn0
		fac0 = (1.0 + x*irho + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k2
		dp00 = d
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k2 * (re0 - (dp00-x*irho)*irho)
		py += k2 * im0
		ct += k2 * irho * x
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / ((1.0+u*irho)*(1.0+u*irho) + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = ((by1*(1+u*irho))*(by1*(1+u*irho)) + (im1*(1+u*irho))*(im1*(1+u*irho)) + (im1*ypr1-by1*xpr1)*(im1*ypr1-by1*xpr1)) * vn1
		fac1 = (1.0 + u*irho + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k2
		dp01 = e
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k2 * (re1 - (dp01-u*irho)*irho)
		pv += k2 * im1
		cu += k2 * irho * u
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re0*x - im0*y + b[i]
			im0 = im0*x + re0*y + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / ((1.0+x*irho)*(1.0+x*irho) + xpr0*xpr0 + ypr0*ypr0)
		b2p0 = ((by0*(1+x*irho))*(by0*(1+x*irho)) + (im0*(1+x*irho))*(im0*(1+x*irho)) + (im0*ypr0-by0*xpr0)*(im0*ypr0-by0*xpr0)) * vn0
		fac0 = (1.0 + x*irho + (xpr0*xpr0+ypr0*ypr0)/2.0) / (pN0 * pN0) * k1
		dp00 = d
		d -= rc * b2p0 * fac0
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= k1 * (re0 - (dp00-x*irho)*irho)
		py += k1 * im0
		ct += k1 * irho * x
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := re1*u - im1*v + b[i]
			im1 = im1*u + re1*v + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / ((1.0+u*irho)*(1.0+u*irho) + xpr1*xpr1 + ypr1*ypr1)
		b2p1 = ((by1*(1+u*irho))*(by1*(1+u*irho)) + (im1*(1+u*irho))*(im1*(1+u*irho)) + (im1*ypr1-by1*xpr1)*(im1*ypr1-by1*xpr1)) * vn1
		fac1 = (1.0 + u*irho + (xpr1*xpr1+ypr1*ypr1)/2.0) / (pN1 * pN1) * k1
		dp01 = e
		e -= rc * b2p1 * fac1
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= k1 * (re1 - (dp01-u*irho)*irho)
		pv += k1 * im1
		cu += k1 * irho * u
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += nL0 * px
		y += nL0 * py
		ct += nL0 * pN0 * (px*px + py*py) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += nL1 * pu
		v += nL1 * pv
		cu += nL1 * pN1 * (pu*pu + pv*pv) / 2
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
	q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu
}
