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

// bndKick is bndThinKick on scalars.
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

// strRadKickS is strRadKick on scalars.
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

// bndRadKickS is bndRadKick on scalars.
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

// The two-particle versions below run the same slices on two particles at
// once. The two dependency chains are independent, so the processor
// overlaps them; each particle sees exactly the operations of the
// one-particle version.

// fdrift is fastDrift on scalars.
func fdrift(x, px, y, py, d, ct, nl float64) (float64, float64, float64) {
	return x + float64(nl*px), y + float64(nl*py), ct + nl*(float64(px*px)+float64(py*py))/(2*(1+d))
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
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k1 * re)
		py += float64(k1 * im)
		pu -= float64(k1 * sr)
		pv += float64(k1 * si)
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k2 * re)
		py += float64(k2 * im)
		pu -= float64(k2 * sr)
		pv += float64(k2 * si)
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k1 * re)
		py += float64(k1 * im)
		pu -= float64(k1 * sr)
		pv += float64(k1 * si)
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
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k1 * (re - float64((d-float64(x*irho))*irho)))
		py += float64(k1 * im)
		ct += float64(k1 * irho * x)
		pu -= float64(k1 * (sr - float64((e-float64(u*irho))*irho)))
		pv += float64(k1 * si)
		cu += float64(k1 * irho * u)
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k2 * (re - float64((d-float64(x*irho))*irho)))
		py += float64(k2 * im)
		ct += float64(k2 * irho * x)
		pu -= float64(k2 * (sr - float64((e-float64(u*irho))*irho)))
		pv += float64(k2 * si)
		cu += float64(k2 * irho * u)
		x, y, ct = fdrift(x, px, y, py, d, ct, nl2)
		u, v, cu = fdrift(u, pu, v, pv, e, cu, ml2)
		re, im = b[maxOrder], a[maxOrder]
		sr, si = re, im
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re*x) - float64(im*y) + b[i]
			im = float64(im*x) + float64(re*y) + a[i]
			re = t
			t = float64(sr*u) - float64(si*v) + b[i]
			si = float64(si*u) + float64(sr*v) + a[i]
			sr = t
		}
		px -= float64(k1 * (re - float64((d-float64(x*irho))*irho)))
		py += float64(k1 * im)
		ct += float64(k1 * irho * x)
		pu -= float64(k1 * (sr - float64((e-float64(u*irho))*irho)))
		pv += float64(k1 * si)
		cu += float64(k1 * irho * u)
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
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64(re0*re0) + float64(im0*im0) + float64((float64(im0*ypr0)-float64(re0*xpr0))*(float64(im0*ypr0)-float64(re0*xpr0)))) * vn0
		fac0 = (1.0 + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k1
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k1 * re0)
		py += float64(k1 * im0)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64(re1*re1) + float64(im1*im1) + float64((float64(im1*ypr1)-float64(re1*xpr1))*(float64(im1*ypr1)-float64(re1*xpr1)))) * vn1
		fac1 = (1.0 + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k1
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k1 * re1)
		pv += float64(k1 * im1)
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64(re0*re0) + float64(im0*im0) + float64((float64(im0*ypr0)-float64(re0*xpr0))*(float64(im0*ypr0)-float64(re0*xpr0)))) * vn0
		fac0 = (1.0 + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k2
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k2 * re0)
		py += float64(k2 * im0)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64(re1*re1) + float64(im1*im1) + float64((float64(im1*ypr1)-float64(re1*xpr1))*(float64(im1*ypr1)-float64(re1*xpr1)))) * vn1
		fac1 = (1.0 + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k2
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k2 * re1)
		pv += float64(k2 * im1)
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		vn0 = 1.0 / (1.0 + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64(re0*re0) + float64(im0*im0) + float64((float64(im0*ypr0)-float64(re0*xpr0))*(float64(im0*ypr0)-float64(re0*xpr0)))) * vn0
		fac0 = (1.0 + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k1
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k1 * re0)
		py += float64(k1 * im0)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		vn1 = 1.0 / (1.0 + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64(re1*re1) + float64(im1*im1) + float64((float64(im1*ypr1)-float64(re1*xpr1))*(float64(im1*ypr1)-float64(re1*xpr1)))) * vn1
		fac1 = (1.0 + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k1
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k1 * re1)
		pv += float64(k1 * im1)
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
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
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / (float64((1.0+float64(x*irho))*(1.0+float64(x*irho))) + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64((by0*(1+float64(x*irho)))*(by0*(1+float64(x*irho)))) + float64((im0*(1+float64(x*irho)))*(im0*(1+float64(x*irho)))) + float64((float64(im0*ypr0)-float64(by0*xpr0))*(float64(im0*ypr0)-float64(by0*xpr0)))) * vn0
		fac0 = (1.0 + float64(x*irho) + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k1
		dp00 = d
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k1 * (re0 - float64((dp00-float64(x*irho))*irho)))
		py += float64(k1 * im0)
		ct += float64(k1 * irho * x)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / (float64((1.0+float64(u*irho))*(1.0+float64(u*irho))) + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64((by1*(1+float64(u*irho)))*(by1*(1+float64(u*irho)))) + float64((im1*(1+float64(u*irho)))*(im1*(1+float64(u*irho)))) + float64((float64(im1*ypr1)-float64(by1*xpr1))*(float64(im1*ypr1)-float64(by1*xpr1)))) * vn1
		fac1 = (1.0 + float64(u*irho) + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k1
		dp01 = e
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k1 * (re1 - float64((dp01-float64(u*irho))*irho)))
		pv += float64(k1 * im1)
		cu += float64(k1 * irho * u)
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / (float64((1.0+float64(x*irho))*(1.0+float64(x*irho))) + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64((by0*(1+float64(x*irho)))*(by0*(1+float64(x*irho)))) + float64((im0*(1+float64(x*irho)))*(im0*(1+float64(x*irho)))) + float64((float64(im0*ypr0)-float64(by0*xpr0))*(float64(im0*ypr0)-float64(by0*xpr0)))) * vn0
		fac0 = (1.0 + float64(x*irho) + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k2
		dp00 = d
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k2 * (re0 - float64((dp00-float64(x*irho))*irho)))
		py += float64(k2 * im0)
		ct += float64(k2 * irho * x)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / (float64((1.0+float64(u*irho))*(1.0+float64(u*irho))) + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64((by1*(1+float64(u*irho)))*(by1*(1+float64(u*irho)))) + float64((im1*(1+float64(u*irho)))*(im1*(1+float64(u*irho)))) + float64((float64(im1*ypr1)-float64(by1*xpr1))*(float64(im1*ypr1)-float64(by1*xpr1)))) * vn1
		fac1 = (1.0 + float64(u*irho) + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k2
		dp01 = e
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k2 * (re1 - float64((dp01-float64(u*irho))*irho)))
		pv += float64(k2 * im1)
		cu += float64(k2 * irho * u)
		pN0 = 1 / (1 + d)
		nL0 = l2 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l2 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
		re0, im0 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re0*x) - float64(im0*y) + b[i]
			im0 = float64(im0*x) + float64(re0*y) + a[i]
			re0 = t
		}
		pN0 = 1.0 / (1.0 + d)
		xpr0 = px * pN0
		ypr0 = py * pN0
		by0 = re0 + irho
		vn0 = 1.0 / (float64((1.0+float64(x*irho))*(1.0+float64(x*irho))) + float64(xpr0*xpr0) + float64(ypr0*ypr0))
		b2p0 = (float64((by0*(1+float64(x*irho)))*(by0*(1+float64(x*irho)))) + float64((im0*(1+float64(x*irho)))*(im0*(1+float64(x*irho)))) + float64((float64(im0*ypr0)-float64(by0*xpr0))*(float64(im0*ypr0)-float64(by0*xpr0)))) * vn0
		fac0 = (1.0 + float64(x*irho) + (float64(xpr0*xpr0)+float64(ypr0*ypr0))/2.0) / (pN0 * pN0) * k1
		dp00 = d
		d -= float64(rc * b2p0 * fac0)
		pN0 = 1.0 / (1.0 + d)
		px = xpr0 / pN0
		py = ypr0 / pN0
		px -= float64(k1 * (re0 - float64((dp00-float64(x*irho))*irho)))
		py += float64(k1 * im0)
		ct += float64(k1 * irho * x)
		re1, im1 = b[maxOrder], a[maxOrder]
		for i := maxOrder - 1; i >= 0; i-- {
			t := float64(re1*u) - float64(im1*v) + b[i]
			im1 = float64(im1*u) + float64(re1*v) + a[i]
			re1 = t
		}
		pN1 = 1.0 / (1.0 + e)
		xpr1 = pu * pN1
		ypr1 = pv * pN1
		by1 = re1 + irho
		vn1 = 1.0 / (float64((1.0+float64(u*irho))*(1.0+float64(u*irho))) + float64(xpr1*xpr1) + float64(ypr1*ypr1))
		b2p1 = (float64((by1*(1+float64(u*irho)))*(by1*(1+float64(u*irho)))) + float64((im1*(1+float64(u*irho)))*(im1*(1+float64(u*irho)))) + float64((float64(im1*ypr1)-float64(by1*xpr1))*(float64(im1*ypr1)-float64(by1*xpr1)))) * vn1
		fac1 = (1.0 + float64(u*irho) + (float64(xpr1*xpr1)+float64(ypr1*ypr1))/2.0) / (pN1 * pN1) * k1
		dp01 = e
		e -= float64(rc * b2p1 * fac1)
		pN1 = 1.0 / (1.0 + e)
		pu = xpr1 / pN1
		pv = ypr1 / pN1
		pu -= float64(k1 * (re1 - float64((dp01-float64(u*irho))*irho)))
		pv += float64(k1 * im1)
		cu += float64(k1 * irho * u)
		pN0 = 1 / (1 + d)
		nL0 = l1 * pN0
		x += float64(nL0 * px)
		y += float64(nL0 * py)
		ct += nL0 * pN0 * (float64(px*px) + float64(py*py)) / 2
		pN1 = 1 / (1 + e)
		nL1 = l1 * pN1
		u += float64(nL1 * pu)
		v += float64(nL1 * pv)
		cu += nL1 * pN1 * (float64(pu*pu) + float64(pv*pv)) / 2
	}
	r[0], r[1], r[2], r[3], r[4], r[5] = x, px, y, py, d, ct
	q[0], q[1], q[2], q[3], q[4], q[5] = u, pu, v, pv, e, cu
}
