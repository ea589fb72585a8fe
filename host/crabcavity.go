package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's CrabCavityPass.c: a crab cavity as a transverse
// kick, nvx·sin(ωt) on px and nvy·sin(ωt) on py, with the energy change
// that goes with it (Panofsky-Wenzel), between two half-length paraxial
// drifts when the cavity is thick. AT's SigPhi and SigVV noise is refused
// when the plan is compiled (AT draws it from its own generator).

// init registers the passmethod of this file.
func init() {
	register(device.CrabCavityPass, crabCavityPass)
}

// crabCavityPass is CrabCavityPass. The record's Modulation holds the
// voltages (Vx, Vy); the phase of a particle is k·ct + φ with k = 2π f/c
// and φ = 2π (f T0 - h)·turn - k·TimeLag - PhaseLag, AT's slip of the
// cavity phase from turn to turn.
func crabCavityPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	v := arr(pool, e.Modulation, 2)
	energy := e.Energy
	nvx := v[0] / energy
	nvy := v[1] / energy
	freq := e.Frequency
	k := float64(cavTwoPi*freq) / cavC0
	phi := float64(float64(float64(cavTwoPi*float64(freq*env.T0-e.HarmNumber))*float64(env.Turn))-float64(k*e.TimeLag)) - e.PhaseLag
	le := e.Length
	half := le / 2
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if le != 0 {
			drift6(r, half)
		}
		crabKick(r, nvx, nvy, k, phi)
		if le != 0 {
			drift6(r, half)
		}
	}
}

// crabKick is AT's relativistic_kick: the transverse kicks nvx·sin(ωt),
// nvy·sin(ωt) and the energy change -(nvx x + nvy y) k cos(ωt)/(1+δ), ωt
// = k·ct + phi.
func crabKick(r *Particle, nvx, nvy, k, phi float64) {
	ot := float64(k*r[5]) + phi
	c := math.Cos(ot)
	s := math.Sin(ot)
	ddpp := float64(float64(-(float64(nvy*r[2])+float64(nvx*r[0]))*k)*c) / (1.0 + r[4])
	r[1] += float64(nvx * s)
	r[3] += float64(nvy * s)
	r[4] += ddpp
}
