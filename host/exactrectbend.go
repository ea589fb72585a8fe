package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's ExactRectBendPass.c and ExactRectBendRadPass.c: a
// rectangular dipole tracked in a straight frame (offset by X0ref) with
// the exact map of a uniform vertical field along a straight reference
// (Forest 12.39, exactbend.c's exact_straight_bend) between thin multipole
// kicks; pole faces, fringes and RefDZ as in ExactRectangularBendPass.

// init registers the passmethods of this file.
func init() {
	register(device.ExactRectBendPass, exactRectStraightPass)
	register(device.ExactRectBendRadPass, exactRectBendRadPass)
}

// exStraightBend is the exact map V(l, irho) of Forest 12.39: a particle
// in a uniform vertical field of curvature irho advanced by l along a
// straight reference. ct gains the absolute path length. Curvatures below
// 1e-6 are tracked as an exact drift.
func exStraightBend(r *Particle, irho, l float64) {
	dp1 := 1.0 + r[4]
	pz := exPz(dp1, r[1], r[3])
	if math.Abs(irho) < 1.e-6 {
		normL := l / pz
		r[0] += float64(r[1] * normL)
		r[2] += float64(r[3] * normL)
		r[5] += float64(normL * dp1)
		return
	}
	px := r[1] - float64(irho*l)
	d2 := exPz(dp1, 0.0, r[3])
	dasin := (exAsin(r[1]/d2) - exAsin(px/d2)) / irho
	dx := (exPz(dp1, px, r[3]) - pz) / irho
	dy := r[3] * dasin
	dct := dp1 * dasin

	r[0] += dx
	r[1] = px
	r[2] += dy
	r[5] += dct
}

// exactRectStraightPass is ExactRectBendPass: the dipole field is in the body
// map exStraightBend, the thin kicks carry the multipoles only. With
// NumIntSteps 0 the body is one exact map of the chord length (AT allows
// it only without multipoles; the compiler checks).
func exactRectStraightPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	g := newRectGeometry(e)
	maxOrder := int(e.MaxOrder)
	rectBendTrack(tile, e, pool, a, b, g, true, func(r *Particle, l float64) {
		exStraightBend(r, g.irho, l)
	}, func(r *Particle, l float64) {
		strThinKick(r, a, b, l, maxOrder)
	})
}

// exactRectBendRadPass is ExactRectBendRadPass: ExactRectBendPass with
// classical radiation in the thin kicks, which see the dipole field of the
// body in the radiated power (NumIntSteps must be positive).
func exactRectBendRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	g := newRectGeometry(e)
	maxOrder := int(e.MaxOrder)
	rc := radConstant(e.Energy, env.RestEnergy)
	rectBendTrack(tile, e, pool, a, b, g, false, func(r *Particle, l float64) {
		exStraightBend(r, g.irho, l)
	}, func(r *Particle, l float64) {
		exStrThinKickRad(r, a, b, maxOrder, g.irho, l, rc)
	})
}
