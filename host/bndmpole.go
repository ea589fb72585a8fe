package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's BndMPoleSymplectic4Pass and
// BndMPoleSymplectic4RadPass: a sector bend with multipoles, integrated
// with the 4th-order symplectic scheme in the curved frame, with dipole
// edge/fringe maps, optional quadrupole fringe, misalignment, apertures,
// corrector kicks and field scaling.

// bndMPolePass tracks a tile through a BndMPoleSymplectic4Pass element.
func bndMPolePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	a, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	irho := e.BendingAngle / e.Length
	maxOrder := int(e.MaxOrder)
	qf := newQuadFringe(e.FringeQuadEntrance, e.FringeQuadExit, pool, e.FringeIntM0, e.FringeIntP0)
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)
	st := steps{a: a, b: b, maxOrder: maxOrder, nsteps: nsteps, yoshida: y, irho: irho}
	finish := func(r *Particle) {
		qf.atExit(r, b[1])
		edgeFringe(r, irho, e.ExitAngle, e.FringeInt2, e.FullGap, e.FringeBendExit, -1)
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
		edgeFringe(r, irho, e.EntranceAngle, e.FringeInt1, e.FullGap, e.FringeBendEntrance, 1)
		qf.atEntrance(r, b[1])
		// Particles are integrated in pairs (see bndSteps2); the first of
		// a pair waits in pend.
		if pend == nil {
			pend, pl1, pl2 = r, normL1, normL2
			continue
		}
		bndSteps2(pend, r, &st, pl1, pl2, normL1, normL2)
		finish(pend)
		finish(r)
		pend = nil
	}
	if pend != nil {
		bndSteps(pend, &st, pl1, pl2)
		finish(pend)
	}
}

// bndMPoleRadPass tracks a tile through a BndMPoleSymplectic4RadPass
// element: BndMPoleSymplectic4Pass with classical radiation in every kick
// and AT's radiating edge map.
func bndMPoleRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	a, b := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	irho := e.BendingAngle / e.Length
	maxOrder := int(e.MaxOrder)
	qf := newQuadFringe(e.FringeQuadEntrance, e.FringeQuadExit, pool, e.FringeIntM0, e.FringeIntP0)
	fr := newFrame(e, pool)
	scaling := e.FieldScaling
	nsteps := int(e.NumIntSteps)
	rc := radConstant(e.Energy, env.RestEnergy)
	st := steps{a: a, b: b, maxOrder: maxOrder, nsteps: nsteps, yoshida: y, irho: irho, rc: rc}

	finish := func(r *Particle) {
		qf.atExit(r, b[1])
		diffBendFringe(r, irho, e.ExitAngle, e.FringeInt2, e.FullGap, e.FringeBendExit, -1.0)
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
		diffBendFringe(r, irho, e.EntranceAngle, e.FringeInt1, e.FullGap, e.FringeBendEntrance, 1.0)
		qf.atEntrance(r, b[1])
		// Particles are integrated in pairs; the first of a pair waits in pend.
		if pend == nil {
			pend = r
			continue
		}
		bndRadSteps2(pend, r, &st)
		finish(pend)
		finish(r)
		pend = nil
	}
	if pend != nil {
		bndRadSteps(pend, &st)
		finish(pend)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.BndMPoleSymplectic4Pass, bndMPolePass)
	register(device.BndMPoleSymplectic4RadPass, bndMPoleRadPass)
}
