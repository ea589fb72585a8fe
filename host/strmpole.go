package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's StrMPoleSymplectic4Pass: a straight multipole
// magnet integrated with the 4th-order Forest-Ruth (Yoshida) scheme, with
// optional quadrupole fringe fields, misalignment, apertures, corrector
// kicks and field scaling.

// polyScratch is per-call stack storage for an element's multipole
// coefficients when they must be modified (corrector kicks), so that the
// shared pool is never written.
type polyScratch struct {
	a, b [16]float64
}

// polynoms returns the PolynomA and PolynomB coefficients of e, indices
// 0..MaxOrder (at least 0..1, so that the gradient B[1] can always be
// read). Without KickAngle the slices alias the pool and must be treated
// as read-only; with KickAngle they are local copies with AT's corrector
// dipole terms added: B[0] -= kick(KickAngle[0]), A[0] += kick(KickAngle[1]),
// where kick is sin(angle)/Length for the thick magnets (thin false) and
// the bare angle for thin multipoles (thin true).
func polynoms(e *device.Element, pool []float64, s *polyScratch, thin bool) (a, b []float64) {
	n := int(e.MaxOrder) + 1
	if n < 2 {
		n = 2
	}
	a = polyView(pool, e.PolynomA, n)
	b = polyView(pool, e.PolynomB, n)
	ka := arr(pool, e.KickAngle, 2)
	if ka == nil {
		return a, b
	}
	a = copyPoly(s.a[:], a)
	b = copyPoly(s.b[:], b)
	if thin {
		b[0] -= ka[0]
		a[0] += ka[1]
	} else {
		b[0] -= math.Sin(ka[0]) / e.Length
		a[0] += math.Sin(ka[1]) / e.Length
	}
	return a, b
}

// polyView returns n coefficients of the array at off. Values beyond the
// end of the pool read as zero (a copy is made then); an Absent array reads
// as all zeros.
func polyView(pool []float64, off int32, n int) []float64 {
	if off == device.Absent {
		return make([]float64, n)
	}
	if int(off)+n <= len(pool) {
		return pool[off : int(off)+n : int(off)+n]
	}
	p := make([]float64, n)
	copy(p, pool[off:])
	return p
}

// copyPoly copies src into buf when it fits, else into a new slice.
func copyPoly(buf, src []float64) []float64 {
	var dst []float64
	if len(src) <= len(buf) {
		dst = buf[:len(src)]
	} else {
		dst = make([]float64, len(src))
	}
	copy(dst, src)
	return dst
}

// yoshida holds the physical lengths of the drifts and kicks of one
// integration slice of length Length/NumIntSteps.
type yoshida struct {
	l1, l2, k1, k2 float64
}

// newYoshida splits a magnet of length le into nsteps slices and returns
// the drift and kick lengths of one slice, computed as AT does.
func newYoshida(le float64, nsteps int32) yoshida {
	sl := le / float64(nsteps)
	return yoshida{
		l1: sl * drift1,
		l2: sl * drift2,
		k1: sl * kick1,
		k2: sl * kick2,
	}
}

// entranceOps applies the entrance misalignment and entrance aperture
// checks common to AT's magnet integrators.
func entranceOps(r *Particle, t1, r1, rap, eap []float64) {
	if t1 != nil {
		addVec(r, t1)
	}
	if r1 != nil {
		mulMat(r, r1)
	}
	if rap != nil {
		checkRectAp(r, rap)
	}
	if eap != nil {
		checkEllAp(r, eap)
	}
}

// exitOps applies the exit aperture checks, the exit misalignment and the
// return to the nominal reference momentum.
func exitOps(r *Particle, scaling float64, t2, r2, rap, eap []float64) {
	if rap != nil {
		checkRectAp(r, rap)
	}
	if eap != nil {
		checkEllAp(r, eap)
	}
	if r2 != nil {
		mulMat(r, r2)
	}
	if t2 != nil {
		addVec(r, t2)
	}
	if scaling != 1.0 {
		changePRef(r, 1.0/scaling)
	}
}

// strMPolePass tracks a tile through a StrMPoleSymplectic4Pass element.
func strMPolePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	a, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	maxOrder := int(e.MaxOrder)
	qf := newQuadFringe(e.FringeQuadEntrance, e.FringeQuadExit, pool, e.FringeIntM0, e.FringeIntP0)
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)
	st := steps{a: a, b: b, maxOrder: maxOrder, nsteps: nsteps, yoshida: y}
	finish := func(r *Particle) {
		qf.atExit(r, b[1])
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
	var pend *Particle
	var pl1, pl2 float64

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		pNorm := 1.0 / (1.0 + r[4])
		normL1 := y.l1 * pNorm
		normL2 := y.l2 * pNorm
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		qf.atEntrance(r, b[1])
		// Particles are integrated in pairs (see strSteps2); the first of
		// a pair waits in pend.
		if pend == nil {
			pend, pl1, pl2 = r, normL1, normL2
			continue
		}
		strSteps2(pend, r, &st, pl1, pl2, normL1, normL2)
		finish(pend)
		finish(r)
		pend = nil
	}
	if pend != nil {
		strSteps(pend, &st, pl1, pl2)
		finish(pend)
	}
}

// strMPoleRadPass tracks a tile through a StrMPoleSymplectic4RadPass
// element: StrMPoleSymplectic4Pass with classical radiation in every kick
// and drifts that renormalise by the current momentum.
func strMPoleRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	a, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	maxOrder := int(e.MaxOrder)
	qf := newQuadFringe(e.FringeQuadEntrance, e.FringeQuadExit, pool, e.FringeIntM0, e.FringeIntP0)
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)
	rc := radConstant(e.Energy, env.RestEnergy)
	st := steps{a: a, b: b, maxOrder: maxOrder, nsteps: nsteps, yoshida: y, rc: rc}

	finish := func(r *Particle) {
		qf.atExit(r, b[1])
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
	var pend *Particle

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		qf.atEntrance(r, b[1])
		// Particles are integrated in pairs; the first of a pair waits in pend.
		if pend == nil {
			pend = r
			continue
		}
		strRadSteps2(pend, r, &st)
		finish(pend)
		finish(r)
		pend = nil
	}
	if pend != nil {
		strRadSteps(pend, &st)
		finish(pend)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.StrMPoleSymplectic4Pass, strMPolePass)
	register(device.StrMPoleSymplectic4RadPass, strMPoleRadPass)
}
