package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's CorrectorPass: a steering magnet that adds the
// angles KickAngle, either as a thin kick (zero length) or spread
// uniformly over a thick element.

// correctorPass tracks a tile through a CorrectorPass element.
func correctorPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var xkick, ykick float64
	if ka := arr(pool, e.KickAngle, 2); ka != nil {
		xkick, ykick = ka[0], ka[1]
	}
	le := e.Length
	scaling := e.FieldScaling
	fr := newFrame(e, pool)

	if le == 0.0 {
		for i := range tile {
			r := &tile[i]
			if !live(r) {
				continue
			}
			if scaling != 1.0 {
				changePRef(r, scaling)
			}
			entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
			r[1] += xkick
			r[3] += ykick
			if fr.r2 != nil {
				mulMat(r, fr.r2)
			}
			if fr.t2 != nil {
				addVec(r, fr.t2)
			}
			if scaling != 1.0 {
				changePRef(r, 1.0/scaling)
			}
		}
		return
	}
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		pNorm := 1.0 / (1.0 + r[4])
		normL := le * pNorm
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		r[5] += normL * pNorm * (xkick*xkick/3 + ykick*ykick/3 + float64(r[1]*r[1]) + float64(r[3]*r[3]) + float64(r[1]*xkick) + float64(r[3]*ykick)) / 2
		r[0] += float64(normL * (r[1] + xkick/2))
		r[1] += xkick
		r[2] += float64(normL * (r[3] + ykick/2))
		r[3] += ykick
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.CorrectorPass, correctorPass)
}
