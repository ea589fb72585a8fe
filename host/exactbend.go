package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's ExactSectorBendPass.c and ExactRectangularBendPass.c
// with their helpers exactbend.c and exactbendfringe.c: dipoles tracked with
// the exact (non-paraxial) Hamiltonian, after E. Forest's maps.

// init registers the passmethods of this file.
func init() {
	register(device.ExactSectorBendPass, exactSectorBendPass)
	register(device.ExactRectangularBendPass, exactRectBendPass)
}

// exPz returns sqrt(dp1² - px² - py²), the longitudinal momentum for a
// relative momentum dp1 = 1+δ.
func exPz(dp1, px, py float64) float64 {
	return math.Sqrt(float64(dp1*dp1) - float64(px*px) - float64(py*py))
}

// exBend is the exact map of a sector dipole body of curvature irho over
// arc length l (Forest 12.18, map W). ct gains the absolute path length.
// Curvatures below 1e-6 are tracked as an exact drift.
func exBend(r *Particle, irho, l float64) {
	dp1 := 1.0 + r[4]
	pz := exPz(dp1, r[1], r[3])
	if math.Abs(irho) < 1.e-6 {
		normL := l / pz
		r[0] += float64(r[1] * normL)
		r[2] += float64(r[3] * normL)
		r[5] += float64(normL * dp1)
		return
	}
	pzmx := pz - (1.0 + float64(r[0]*irho))
	cs := exCos(irho * l)
	sn := math.Sin(irho * l)
	px := float64(r[1]*cs) + float64(pzmx*sn)
	d2 := exPz(dp1, 0.0, r[3])
	dasin := l + (exAsin(r[1]/d2)-exAsin(px/d2))/irho
	x := (exPz(dp1, px, r[3]) - float64(pzmx*cs) + float64(r[1]*sn) - 1.0) / irho
	dy := r[3] * dasin
	dct := dp1 * dasin

	r[0] = x
	r[1] = px
	r[2] += dy
	r[5] += dct
}

// exYRot rotates the reference frame by phi about the vertical axis in
// free space (Forest 10.26). A zero angle is a no-op.
func exYRot(r *Particle, phi float64) {
	if phi == 0.0 {
		return
	}
	dp1 := 1.0 + r[4]
	c := exCos(phi)
	s := math.Sin(phi)
	pz := exPz(dp1, r[1], r[3])
	p := float64(c*pz) - float64(s*r[1])
	px := float64(s*pz) + float64(c*r[1])
	x := r[0] * pz / p
	dy := r[0] * r[3] * s / p
	dct := dp1 * r[0] * s / p
	r[0] = x
	r[1] = px
	r[2] += dy
	r[5] += dct
}

// exBendFringe is the hard-edge dipole fringe of Forest 13.13 for a field
// irho and fringe integral gK (the exit uses -irho). The derivatives of
// the kick angle with respect to px, py and δ are kept in AT's expanded
// form so that rounding matches.
func exBendFringe(r *Particle, irho, gK float64) {
	b0 := irho

	pz := exPz(1.0+r[4], r[1], r[3])
	px := r[1]
	py := r[3]
	d := r[4]
	xp := px / pz
	yp := py / pz

	phi := -b0 * math.Tan(float64(b0*gK*(1+float64(xp*xp*(2+float64(yp*yp))))*pz)-math.Atan(xp/(1+float64(yp*yp))))

	px2 := px * px
	px4 := px2 * px2
	py2 := py * py
	py4 := py2 * py2
	py6 := py4 * py2
	pz2 := pz * pz
	pz3 := pz2 * pz
	pz4 := pz2 * pz2
	pz5 := pz4 * pz
	pz6 := pz4 * pz2
	py2z2 := (py2 + pz2) * (py2 + pz2)
	// sec² of the angle; pow(x, 2) is the correctly rounded x·x.
	sec := 1.0 / exCos((b0*gK*(pz4+float64(px2*(py2+float64(2*pz2)))))/pz3-math.Atan((px*pz)/(py2+pz2)))
	powsec := sec * sec
	denom := (pz5 * (py4 + float64(px2*pz2) + float64(2*py2*pz2) + pz4))

	dpx := -(b0 * (float64(px2*pz4*(py2-pz2)) - float64(pz6*(py2+pz2)) + float64(b0*gK*px*(float64(pz2*py2z2*(float64(2*py2)+float64(3*pz2)))+float64(px4*(float64(3*py2*pz2)+float64(2*pz4)))+float64(px2*(float64(3*py6)+float64(8*py4*pz2)+float64(9*py2*pz4)+float64(5*pz6)))))) * powsec) /
		denom

	dpy := -(b0 * py * (float64(px*pz4*(py2+pz2)) + float64(b0*gK*(-(pz4*py2z2)+float64(px4*(float64(3*py2*pz2)+float64(4*pz4)))+float64(px2*(float64(3*py6)+float64(10*py4*pz2)+float64(11*py2*pz4)+float64(3*pz6)))))) * powsec) /
		denom

	dd := (b0 * (1 + d) * (float64(px*pz4*(py2-pz2)) + float64(b0*gK*
		(-(pz4*py2z2)+float64(px4*(float64(3*py2*pz2)+float64(2*pz4)))+float64(px2*(float64(3*py6)+float64(8*py4*pz2)+float64(7*py2*pz4)+pz6))))) * powsec) /
		denom

	// The new y solves a quadratic (Forest, fringe_part_I).
	yf := (2 * r[2]) / (1 + math.Sqrt(1-float64(2*dpy*r[2])))
	dxf := 0.5 * dpx * yf * yf
	dct := 0.5 * dd * yf * yf
	dpyf := phi * yf

	r[2] = yf
	r[0] += dxf
	r[3] -= dpyf
	r[5] -= dct
}

// exBendEdge is the ideal wedge map U(theta, rhoinv) of Forest 12.41,
// rotating the pole face by theta inside a field of curvature rhoinv.
// Curvatures below 1e-6 leave the particle unchanged.
func exBendEdge(r *Particle, rhoinv, theta float64) {
	if math.Abs(rhoinv) < 1.e-6 {
		return
	}
	dp1 := 1.0 + r[4]
	c := exCos(theta)
	s := math.Sin(theta)
	pz := exPz(dp1, r[1], r[3])
	d2 := exPz(dp1, 0.0, r[3])
	px := float64(r[1]*c) + float64((pz-float64(rhoinv*r[0]))*s)
	dasin := exAsin(r[1]/d2) - exAsin(px/d2)
	num := r[0] * (float64(r[1]*math.Sin(2.0*theta)) + float64(s*s*(float64(2.0*pz)-float64(rhoinv*r[0]))))
	den := exPz(dp1, px, r[3]) + float64(exPz(dp1, r[1], r[3])*c) - float64(r[1]*s)
	x := float64(r[0]*c) + num/den
	dy := r[3]*theta/rhoinv + float64(r[3]/rhoinv*dasin)
	dct := dp1 / rhoinv * (theta + dasin)

	r[0] = x
	r[1] = px
	r[2] += dy
	r[5] += dct
}

// exactSectorBendPass is ExactSectorBendPass: a sector dipole with exact
// body maps split by thin multipole kicks (Yoshida 4th order), exact pole
// face rotations, Forest's bend fringe and optional multipole fringes.
// NumIntSteps 0 tracks the body in one exact step (pure dipole only).
func exactSectorBendPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	maxOrder := int(e.MaxOrder)
	nSteps := int(e.NumIntSteps)
	le := e.Length
	irho := e.BendingAngle / le
	scaling := e.FieldScaling
	gK := e.GK
	entrance := e.EntranceAngle
	exit := e.ExitAngle

	y := newYoshida(le, e.NumIntSteps)
	l1, l2, k1, k2 := y.l1, y.l2, y.k1, y.k2

	fr := newFrame(e, pool)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)

		exYRot(r, entrance)
		if e.FringeBendEntrance != 0 {
			exBendFringe(r, irho, gK)
		}
		if e.FringeQuadEntrance != 0 {
			exMultipoleFringe(r, a, b, maxOrder, 1.0, true)
		}
		exBendEdge(r, irho, -entrance)

		if nSteps == 0 {
			exBend(r, irho, le)
		} else {
			for m := 0; m < nSteps; m++ {
				exBend(r, irho, l1)
				strThinKick(r, a, b, k1, maxOrder)
				exBend(r, irho, l2)
				strThinKick(r, a, b, k2, maxOrder)
				exBend(r, irho, l2)
				strThinKick(r, a, b, k1, maxOrder)
				exBend(r, irho, l1)
			}
		}
		r[5] -= le

		exBendEdge(r, irho, -exit)
		if e.FringeQuadExit != 0 {
			exMultipoleFringe(r, a, b, maxOrder, -1.0, true)
		}
		if e.FringeBendExit != 0 {
			exBendFringe(r, -irho, gK)
		}
		exYRot(r, exit)

		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// exactRectBendPass is ExactRectangularBendPass: a rectangular dipole
// integrated in a straight frame offset by X0ref, with the dipole field in
// the kicks, exact drifts of the chord length, wedge maps for the pole
// faces and a path-length correction RefDZ.
func exactRectBendPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	maxOrder := int(e.MaxOrder)
	nSteps := int(e.NumIntSteps)
	le := e.Length
	bendingAngle := e.BendingAngle
	irho := bendingAngle / le
	phi2 := 0.5 * bendingAngle
	var lr float64
	if phi2 < 1.e-10 {
		lr = le
	} else {
		lr = le * math.Sin(phi2) / phi2
	}
	scaling := e.FieldScaling
	gK := e.GK
	entrance := e.EntranceAngle
	exit := e.ExitAngle
	x0ref := e.X0Ref
	refdz := e.RefDZ

	sl := lr / float64(nSteps)
	l1 := sl * drift1
	l2 := sl * drift2
	k1 := sl * kick1
	k2 := sl * kick2

	// The kicks carry the main dipole field (after the corrector term).
	b[0] += irho

	fr := newFrame(e, pool)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, nil, nil)

		exYRot(r, entrance)

		if fr.rap != nil {
			checkRectAp(r, fr.rap)
		}
		if fr.eap != nil {
			checkEllAp(r, fr.eap)
		}

		if e.FringeBendEntrance != 0 {
			exBendFringe(r, irho, gK)
		}
		if e.FringeQuadEntrance != 0 {
			exMultipoleFringe(r, a, b, maxOrder, 1.0, true)
		}
		exBendEdge(r, irho, phi2-entrance)

		r[0] += x0ref
		for m := 0; m < nSteps; m++ {
			exactDrift(r, l1)
			strThinKick(r, a, b, k1, maxOrder)
			exactDrift(r, l2)
			strThinKick(r, a, b, k2, maxOrder)
			exactDrift(r, l2)
			strThinKick(r, a, b, k1, maxOrder)
			exactDrift(r, l1)
		}
		r[0] -= x0ref

		r[5] -= (le + refdz)

		exBendEdge(r, irho, phi2-exit)
		if e.FringeQuadExit != 0 {
			exMultipoleFringe(r, a, b, maxOrder, -1.0, true)
		}
		if e.FringeBendExit != 0 {
			exBendFringe(r, -irho, gK)
		}

		if fr.rap != nil {
			checkRectAp(r, fr.rap)
		}
		if fr.eap != nil {
			checkEllAp(r, fr.eap)
		}

		exYRot(r, exit)

		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
		if scaling != 1.0 {
			changePRef(r, 1.0/scaling)
		}
	}
}

// exAsin is arcsine evaluated as x + x·P(x²)/Q(x²) with the rational
// minimax coefficients of fdlibm's asin for |x| < 0.5, and asinLarge beyond.
// For the small arguments met in the exact bends it agrees bit for bit with
// glibc's asin (which PyAT uses) far more often than math.Asin does, whose
// atan-based formula is off by an ulp for about a third of such arguments;
// the exact bend maps difference nearly equal arcsines, so each ulp shows.
func exAsin(x float64) float64 {
	const (
		p0 = 1.66666666666666657415e-01
		p1 = -3.25565818622400915405e-01
		p2 = 2.01212532134862925881e-01
		p3 = -4.00555345006794114027e-02
		p4 = 7.91534994289814532176e-04
		p5 = 3.47933107596021167570e-05
		q1 = -2.40339491173441421878e+00
		q2 = 2.02094576023350569471e+00
		q3 = -6.88283971605453293030e-01
		q4 = 7.70381505559019352791e-02
	)
	ax := math.Abs(x)
	if !(ax < 0.5) {
		return asinLarge(x)
	}
	if ax < 0x1p-27 {
		return x
	}
	t := x * x
	p := t * (p0 + float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5))))))))))
	q := 1.0 + float64(t*(q1+float64(t*(q2+float64(t*(q3+float64(t*q4)))))))
	return x + float64(x*(p/q))
}

// exCos is cosine evaluated for |x| <= π/4 with fdlibm's kernel, which
// computes 1 - x²/2 with a compensated correction; math.Cos is used beyond.
// Like exAsin it exists to agree with glibc's cos in the last bit far more
// often than math.Cos does for small angles.
func exCos(x float64) float64 {
	const (
		c1 = 4.16666666666666019037e-02
		c2 = -1.38888888888741095749e-03
		c3 = 2.48015872894767294178e-05
		c4 = -2.75573143513906633035e-07
		c5 = 2.08757232129817482790e-09
		c6 = -1.13596475577881948265e-11
	)
	ax := math.Abs(x)
	if !(ax <= math.Pi/4) {
		return math.Cos(x)
	}
	if ax < 0x1p-27 {
		return 1
	}
	z := x * x
	w := z * z
	r := float64(z*(c1+float64(z*(c2+float64(z*c3))))) + float64(w*w*(c4+float64(z*(c5+float64(z*c6)))))
	hz := 0.5 * z
	w = 1 - hz
	return w + (((1 - w) - hz) + float64(z*r))
}
