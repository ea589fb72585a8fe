package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports the radiating exact integrators of AT:
// ExactMultipoleRadPass.c (with diff_exactdrift.c and diff_str_exactkick.c)
// and ExactSectorBendRadPass.c and ExactRectangularBendRadPass.c (with
// exactkickrad.c). The body maps, edges and fringes are those of the
// non-radiating exact passes (exactmultipole.go, exactbend.go); only the
// thin kicks lose energy, with the exact (square-root) velocity in the
// radiated power. gotrack tracks without the diffusion matrix, where AT
// passes a null bdiff and the particle arithmetic is the same.

// init registers the passmethods of this file.
func init() {
	register(device.ExactMultipoleRadPass, exactMultipoleRadPass)
	register(device.ExactSectorBendRadPass, exactSectorBendRadPass)
	register(device.ExactRectangularBendRadPass, exactRectangularBendRadPass)
}

// exField returns the multipole field sums (ReSum, ImSum) = (By, Bx)/Bρ at
// the particle by Horner's rule from the highest order.
func exField(r *Particle, a, b []float64, maxOrder int) (reSum, imSum float64) {
	reSum = b[maxOrder]
	imSum = a[maxOrder]
	for i := maxOrder - 1; i >= 0; i-- {
		t := float64(reSum*r[0]) - float64(imSum*r[2]) + b[i]
		imSum = float64(imSum*r[0]) + float64(reSum*r[2]) + a[i]
		reSum = t
	}
	return reSum, imSum
}

// exStrB2Perp is |B × e|² for a straight frame with e the unit velocity
// (xpr, ypr, sqrt(1-xpr²-ypr²)): |B|² - (B·e)², B longitudinal-free.
func exStrB2Perp(bx, by, xpr, ypr float64) float64 {
	s := float64(bx*xpr) + float64(by*ypr)
	return float64(bx*bx) + float64(by*by) - float64(s*s)
}

// exBndB2Perp is |e × B|² in a frame of curvature irho, with the
// velocity norm written as AT's exactkickrad.c writes it.
func exBndB2Perp(bx, by, irho, x, xpr, ypr float64) float64 {
	h := 1.0 + float64(x*irho)
	nrm := h * h
	vNorm2 := nrm + float64(float64(xpr*xpr)*(1.0-nrm)) + float64(float64(ypr*ypr)*(1.0-nrm))
	s := float64(bx*xpr) + float64(by*ypr)
	return float64(bx*bx) + float64(by*by) - float64(s*s)/vNorm2
}

// exRadDrift is AT's diff_exactdrift without the diffusion matrix: an exact
// drift whose path factor is computed from the angles xpr, ypr. ct gains
// the absolute path length.
func exRadDrift(r *Particle, l float64) {
	pNorm := 1.0 / (1.0 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	normL := float64(l*pNorm) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))
	r[0] += float64(normL * r[1])
	r[2] += float64(normL * r[3])
	r[5] += float64(normL * (1.0 + r[4]))
}

// exStrRadKick is AT's diff_str_exactkick without the diffusion matrix: a
// thin multipole kick of integrated length l preceded by the classical
// energy loss along the exact path.
func exStrRadKick(r *Particle, a, b []float64, maxOrder int, l, radConst float64) {
	reSum, imSum := exField(r, a, b, maxOrder)
	pNorm := 1.0 / (1.0 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	b2p := exStrB2Perp(imSum, reSum, xpr, ypr)
	factor := l / float64(pNorm*pNorm) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))

	r[4] -= float64(float64(radConst*b2p) * factor)

	pNorm = 1.0 / (1.0 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm
	r[1] -= float64(l * reSum)
	r[3] += float64(l * imSum)
}

// exStrThinKickRad is AT's ex_strthinkickrad: a straight-frame thin kick of
// length l whose radiation sees the extra vertical field b0 (the dipole
// field of a rectangular bend whose body map carries it) besides the
// multipoles; the kick itself comes from the multipoles only.
func exStrThinKickRad(r *Particle, a, b []float64, maxOrder int, b0, l, radConst float64) {
	reSum, imSum := exField(r, a, b, maxOrder)
	pNorm := 1 / (1 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	b2p := exStrB2Perp(imSum, reSum+b0, xpr, ypr)

	dp1 := 1 + r[4]
	r[4] -= float64(float64(float64(radConst*float64(dp1*dp1))*b2p)*l) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))

	pNorm = 1 / (1 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm
	r[1] -= float64(l * reSum)
	r[3] += float64(l * imSum)
}

// exBndThinKickRad is AT's ex_bndthinkickrad: a thin multipole kick of
// length l in a sector bend of curvature irho whose body map carries the
// guide field; the radiation sees the full field (guide field included).
func exBndThinKickRad(r *Particle, a, b []float64, maxOrder int, l, irho, radConst float64) {
	reSum, imSum := exField(r, a, b, maxOrder)
	pNorm := 1 / (1 + r[4])
	x := r[0]
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	b2p := exBndB2Perp(imSum, reSum+irho, irho, x, xpr, ypr)

	dp1 := 1 + r[4]
	r[4] -= float64(float64(float64(float64(radConst*float64(dp1*dp1))*b2p)*(1.0+float64(x*irho)))*l) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))

	pNorm = 1 / (1 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm
	r[1] -= float64(l * reSum)
	r[3] += float64(l * imSum)
}

// exactMultipoleRadPass is ExactMultipoleRadPass: ExactMultipolePass with
// classical radiation in every kick and drifts that follow AT's radiating
// exact drift.
func exactMultipoleRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	maxOrder := int(e.MaxOrder)
	nSteps := int(e.NumIntSteps)
	le := e.Length
	scaling := e.FieldScaling
	rc := radConstant(e.Energy, env.RestEnergy)

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
		if e.FringeQuadEntrance != 0 {
			exMultipoleFringe(r, a, b, maxOrder, 1.0, false)
		}
		for m := 0; m < nSteps; m++ {
			exRadDrift(r, l1)
			exStrRadKick(r, a, b, maxOrder, k1, rc)
			exRadDrift(r, l2)
			exStrRadKick(r, a, b, maxOrder, k2, rc)
			exRadDrift(r, l2)
			exStrRadKick(r, a, b, maxOrder, k1, rc)
			exRadDrift(r, l1)
		}
		r[5] -= le
		if e.FringeQuadExit != 0 {
			exMultipoleFringe(r, a, b, maxOrder, -1.0, false)
		}
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// exactSectorBendRadPass is ExactSectorBendRadPass: ExactSectorBendPass
// with classical radiation in the thin kicks (NumIntSteps must be
// positive; the compiler rejects 0).
func exactSectorBendRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
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
	rc := radConstant(e.Energy, env.RestEnergy)

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

		for m := 0; m < nSteps; m++ {
			exBend(r, irho, l1)
			exBndThinKickRad(r, a, b, maxOrder, k1, irho, rc)
			exBend(r, irho, l2)
			exBndThinKickRad(r, a, b, maxOrder, k2, irho, rc)
			exBend(r, irho, l2)
			exBndThinKickRad(r, a, b, maxOrder, k1, irho, rc)
			exBend(r, irho, l1)
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

// rectGeometry holds what the rectangular exact bends derive from the
// element: curvature, half angle and the Yoshida steps along the chord.
type rectGeometry struct {
	irho, phi2, lr float64
	l1, l2, k1, k2 float64
}

// newRectGeometry computes the chord length L·sin(θ/2)/(θ/2) (the arc
// length below a half angle of 1e-10) and its Yoshida split over
// NumIntSteps slices, as AT's rectangular bends do.
func newRectGeometry(e *device.Element) rectGeometry {
	le := e.Length
	phi2 := 0.5 * e.BendingAngle
	var lr float64
	if phi2 < 1.e-10 {
		lr = le
	} else {
		lr = le * math.Sin(phi2) / phi2
	}
	sl := lr / float64(e.NumIntSteps)
	return rectGeometry{
		irho: e.BendingAngle / le, phi2: phi2, lr: lr,
		l1: sl * drift1, l2: sl * drift2, k1: sl * kick1, k2: sl * kick2,
	}
}

// exactRectangularBendRadPass is ExactRectangularBendRadPass:
// ExactRectangularBendPass with classical radiation in the thin kicks
// (which carry the dipole field).
func exactRectangularBendRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	g := newRectGeometry(e)
	rc := radConstant(e.Energy, env.RestEnergy)
	// The kicks carry the main dipole field (after the corrector term).
	b[0] += g.irho
	rectBendTrack(tile, e, pool, a, b, g, false, func(r *Particle, l float64) {
		exactDrift(r, l)
	}, func(r *Particle, l float64) {
		exStrThinKickRad(r, a, b, int(e.MaxOrder), 0.0, l, rc)
	})
}

// rectBendTrack is the frame, edge and fringe sequence shared by AT's
// rectangular exact bends, with the body built of NumIntSteps Yoshida
// slices of body and kick maps; with NumIntSteps 0 the body is a single
// map of the chord length when oneMap is set (ExactRectBendPass), nothing
// otherwise (as AT's loop does). Apertures are checked after the entrance frame
// rotation and before the exit one.
func rectBendTrack(tile []Particle, e *device.Element, pool []float64, a, b []float64, g rectGeometry, oneMap bool,
	body func(r *Particle, l float64), kick func(r *Particle, l float64)) {
	maxOrder := int(e.MaxOrder)
	nSteps := int(e.NumIntSteps)
	le := e.Length
	irho, phi2 := g.irho, g.phi2
	l1, l2, k1, k2 := g.l1, g.l2, g.k1, g.k2
	scaling := e.FieldScaling
	gK := e.GK
	entrance := e.EntranceAngle
	exit := e.ExitAngle
	x0ref := e.X0Ref
	refdz := e.RefDZ

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
		if nSteps == 0 && oneMap {
			body(r, g.lr)
		}
		for m := 0; m < nSteps; m++ {
			body(r, l1)
			kick(r, k1)
			body(r, l2)
			kick(r, k2)
			body(r, l2)
			kick(r, k1)
			body(r, l1)
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
