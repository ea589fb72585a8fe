package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's IdentityPass, AperturePass and EAperturePass:
// zero-length elements that only misalign and/or check apertures.

// identityPass tracks a tile through an IdentityPass element: optional
// misalignment around optional rectangular and elliptical aperture checks.
func identityPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	t1, t2 := arr(pool, e.T1, 6), arr(pool, e.T2, 6)
	r1, r2 := arr(pool, e.R1, 36), arr(pool, e.R2, 36)
	rap, eap := arr(pool, e.RApertures, 4), arr(pool, e.EApertures, 2)
	if t1 == nil && t2 == nil && r1 == nil && r2 == nil && rap == nil && eap == nil {
		return
	}
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
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
		if r2 != nil {
			mulMat(r, r2)
		}
		if t2 != nil {
			addVec(r, t2)
		}
	}
}

// aperturePass tracks a tile through an AperturePass element: a
// rectangular aperture whose Limits (xmin, xmax, ymin, ymax) the record
// stores in RApertures.
func aperturePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	lim := arr(pool, e.RApertures, 4)
	if lim == nil {
		return
	}
	for i := range tile {
		r := &tile[i]
		if live(r) {
			checkRectAp(r, lim)
		}
	}
}

// eAperturePass tracks a tile through an EAperturePass element: an
// elliptical aperture whose Axes the record stores in EApertures.
func eAperturePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	axes := arr(pool, e.EApertures, 2)
	if axes == nil {
		return
	}
	for i := range tile {
		r := &tile[i]
		if live(r) {
			checkEllAp(r, axes)
		}
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.IdentityPass, identityPass)
	register(device.AperturePass, aperturePass)
	register(device.EAperturePass, eAperturePass)
}
