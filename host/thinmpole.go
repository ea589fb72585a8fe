package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's ThinMPolePass: a thin multipole kick with optional
// corrector kicks, dipole bending terms, misalignment, apertures and field
// scaling.

// thinMPolePass tracks a tile through a ThinMPolePass element. AT's
// optional BendingAngle (bax, bay), stored in the record's BendingAngle and
// BendingAngleY, adds chromatic dipole kicks and path lengthening.
func thinMPolePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var s polyScratch
	a, b := polynoms(e, pool, &s, true)
	maxOrder := int(e.MaxOrder)
	bax, bay := e.BendingAngle, e.BendingAngleY
	scaling := e.FieldScaling
	t1, t2 := arr(pool, e.T1, 6), arr(pool, e.T2, 6)
	r1, r2 := arr(pool, e.R1, 36), arr(pool, e.R2, 36)
	rap, eap := arr(pool, e.RApertures, 4), arr(pool, e.EApertures, 2)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, t1, r1, rap, eap)
		strThinKick(r, a, b, 1.0, maxOrder)
		r[1] += float64(bax * r[4])
		r[3] -= float64(bay * r[4])
		r[5] -= float64(bax*r[0]) - float64(bay*r[2])
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
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.ThinMPolePass, thinMPolePass)
}
