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
		strThinKick(r, a, b, 1.0, maxOrder)
		r[1] += float64(bax * r[4])
		r[3] -= float64(bay * r[4])
		r[5] -= float64(bax*r[0]) - float64(bay*r[2])
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
		if scaling != 1.0 {
			changePRef(r, 1.0/scaling)
		}
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.ThinMPolePass, thinMPolePass)
}
