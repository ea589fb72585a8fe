package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's BndMPoleSymplectic4E2Pass and
// BndMPoleSymplectic4E2RadPass (X. Huang's bends): the Hamiltonian is
// integrated in the curvilinear frame with a (1+hx)-weighted pseudo-drift,
// the field is expanded to 4th order in x and y, and the faces use the
// second-order fringe transport maps with pole-face curvature H1/H2.

// bendHxDrift6 is the pseudo-drift of H1 = (1+hx)(px²+py²)/(2(1+δ)) over
// length l in a frame of curvature h (AT's ATbendhxdrift6).
func bendHxDrift6(r *Particle, l, h float64) {
	hs := h * l
	i1pd := 1.0 / (1 + r[4])
	x, px, py := r[0], r[1], r[3]

	r[0] += float64((1+float64(h*x))*px*i1pd*l) + float64(0.25*hs*l*(float64(px*px)-float64(py*py))*i1pd*i1pd)
	r[1] -= hs * (float64(px*px) + float64(py*py)) * i1pd / 2.0
	r[2] += float64((1.0 + float64(h*x)) * i1pd * py * l * (1. + px*hs/2.0))
	r[5] += float64((1.0 + float64(h*x)) * i1pd * i1pd * l / 2.0 * (float64(px*px) + float64(py*py)))
}

// e2BndThinKick is the E2 bend kick of length l in a frame of curvature h:
// PolynomA is ignored and the gradient and sextupole terms carry the
// curvature corrections (AT's bndthinkick of BndMPoleSymplectic4E2Pass.c).
func e2BndThinKick(r *Particle, b []float64, l, h float64, maxOrder int) {
	k1 := b[1]
	k2 := 0.0
	if maxOrder >= 2 {
		k2 = b[2]
	}
	reSum := b[maxOrder]
	imSum := 0.0
	for i := maxOrder - 1; i >= 0; i-- {
		t := float64(reSum*r[0]) - float64(imSum*r[2]) + b[i]
		imSum = float64(imSum*r[0]) + float64(reSum*r[2])
		reSum = t
	}

	r[1] -= float64(l * (float64(-h*r[4]) + reSum + float64(h*(float64(h*r[0])+float64(k1*(float64(r[0]*r[0])-float64(0.5*r[2]*r[2])))+float64(k2*(float64(r[0]*r[0]*r[0])-float64(4.0/3.0*r[0]*r[2]*r[2])))))))
	r[3] += float64(l * (imSum + float64(h*(float64(k1*r[0]*r[2])+float64(4.0/3.0*k2*r[0]*r[0]*r[2])+float64((float64(h/6.0*k1)-k2/3.0)*r[2]*r[2]*r[2])))))
	r[5] += float64(l * h * r[0])
}

// e2Faces returns the fringe integrals and gap the E2 face maps use at
// each end: the element's values when both the integral and the gap are
// non-zero, else zero (AT's useFringe1/useFringe2).
func e2Faces(e *device.Element) (fint1, gap1, fint2, gap2 float64) {
	if e.FringeInt1 != 0 && e.FullGap != 0 {
		fint1, gap1 = e.FringeInt1, e.FullGap
	}
	if e.FringeInt2 != 0 && e.FullGap != 0 {
		fint2, gap2 = e.FringeInt2, e.FullGap
	}
	return
}

// bndMPoleE2Pass tracks a tile through a BndMPoleSymplectic4E2Pass element.
func bndMPoleE2Pass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	_, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	irho := e.BendingAngle / e.Length
	maxOrder := int(e.MaxOrder)
	fint1, gap1, fint2, gap2 := e2Faces(e)
	entrance := e2Face{invRho: irho, edgeAngle: e.EntranceAngle, fint: fint1, gap: gap1, hface: e.H1, k1: b[1]}
	exit := e2Face{invRho: irho, edgeAngle: e.ExitAngle, fint: fint2, gap: gap2, hface: e.H2, k1: b[1], exit: true}
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		edgeFringe2(r, &entrance)
		for m := 0; m < nsteps; m++ {
			bendHxDrift6(r, y.l1, irho)
			e2BndThinKick(r, b, y.k1, irho, maxOrder)
			bendHxDrift6(r, y.l2, irho)
			e2BndThinKick(r, b, y.k2, irho, maxOrder)
			bendHxDrift6(r, y.l2, irho)
			e2BndThinKick(r, b, y.k1, irho, maxOrder)
			bendHxDrift6(r, y.l1, irho)
		}
		edgeFringe2(r, &exit)
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// bndMPoleE2RadPass tracks a tile through a BndMPoleSymplectic4E2RadPass
// element: the E2 bend with classical radiation in every kick.
func bndMPoleE2RadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	_, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	irho := e.BendingAngle / e.Length
	maxOrder := int(e.MaxOrder)
	fint1, gap1, fint2, gap2 := e2Faces(e)
	entrance := e2Face{invRho: irho, edgeAngle: e.EntranceAngle, fint: fint1, gap: gap1, hface: e.H1, k1: b[1]}
	exit := e2Face{invRho: irho, edgeAngle: e.ExitAngle, fint: fint2, gap: gap2, hface: e.H2, k1: b[1], exit: true}
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)
	crad := e2CRad(e.Energy)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		edgeFringe2(r, &entrance)
		for m := 0; m < nsteps; m++ {
			bendHxDrift6(r, y.l1, irho)
			e2BndRadKick(r, b, y.k1, irho, crad, maxOrder)
			bendHxDrift6(r, y.l2, irho)
			e2BndRadKick(r, b, y.k2, irho, crad, maxOrder)
			bendHxDrift6(r, y.l2, irho)
			e2BndRadKick(r, b, y.k1, irho, crad, maxOrder)
			bendHxDrift6(r, y.l1, irho)
		}
		edgeFringe2(r, &exit)
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.BndMPoleSymplectic4E2Pass, bndMPoleE2Pass)
	register(device.BndMPoleSymplectic4E2RadPass, bndMPoleE2RadPass)
}
