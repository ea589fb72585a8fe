package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's exactdrift.c and ExactDriftPass.c: a field-free
// drift with the full square-root Hamiltonian (no paraxial expansion).

// init registers the passmethods of this file.
func init() { register(device.ExactDriftPass, exactDriftPass) }

// longMomentum returns the longitudinal momentum pz = sqrt((1+δ)² - px² - py²)
// of a particle, normalised to the reference momentum.
func longMomentum(r *Particle) float64 {
	dp1 := 1 + r[4]
	return math.Sqrt(float64(dp1*dp1) - float64(r[1]*r[1]) - float64(r[3]*r[3]))
}

// exactDrift propagates r through a drift of length l with the exact map.
// ct is incremented by the absolute path length (1+δ)·l/pz; the caller
// subtracts the reference length afterwards.
func exactDrift(r *Particle, l float64) {
	normL := l / longMomentum(r)
	r[0] += float64(r[1] * normL)
	r[2] += float64(r[3] * normL)
	r[5] += float64(normL * (1.0 + r[4]))
}

// exactDriftPass is ExactDriftPass: misalignment, apertures at both ends and
// an exact drift of the element's length.
func exactDriftPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	fr := newFrame(e, pool)
	le := e.Length
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		exactDrift(r, le)
		r[5] -= le
		if fr.rap != nil {
			checkRectAp(r, fr.rap)
		}
		if fr.eap != nil {
			checkEllAp(r, fr.eap)
		}
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
	}
}
