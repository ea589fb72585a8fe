package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's IdentityPass, AperturePass and EAperturePass:
// zero-length elements that only misalign and/or check apertures.

// identityPass tracks a tile through an IdentityPass element: optional
// misalignment around optional rectangular and elliptical aperture checks.
func identityPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	fr := newFrame(e, pool)
	if fr.t1 == nil && fr.t2 == nil && fr.r1 == nil && fr.r2 == nil && fr.rap == nil && fr.eap == nil {
		return
	}
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
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
