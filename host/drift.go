package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's DriftPass: a field-free straight section in the
// paraxial (expanded) approximation.

// driftPass tracks a tile through a DriftPass element: entrance
// misalignment, aperture checks at both ends of the drift, exit
// misalignment.
func driftPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	t1, t2 := arr(pool, e.T1, 6), arr(pool, e.T2, 6)
	r1, r2 := arr(pool, e.R1, 36), arr(pool, e.R2, 36)
	rap, eap := arr(pool, e.RApertures, 4), arr(pool, e.EApertures, 2)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		entranceOps(r, t1, r1, rap, eap)
		drift6(r, le)
		exitOps(r, 1.0, t2, r2, rap, eap)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.DriftPass, driftPass)
}
