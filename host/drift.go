package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's DriftPass: a field-free straight section in the
// paraxial (expanded) approximation.

// driftPass tracks a tile through a DriftPass element: entrance
// misalignment, aperture checks at both ends of the drift, exit
// misalignment.
func driftPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	fr := newFrame(e, pool)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		drift6(r, le)
		exitOps(r, 1.0, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.DriftPass, driftPass)
}
