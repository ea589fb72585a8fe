package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's CavityPass.c and RFCavityPass.c (attrackfunc.c's
// trackRFCavity): an RF cavity as a longitudinal kick, between two
// half-length paraxial drifts when the cavity is thick.

// init registers the passmethods of this file.
func init() {
	register(device.CavityPass, cavityPass)
	register(device.RFCavityPass, rfCavityPass)
}

// AT's atconstants.h values, held in float64 variables so that products
// with them round exactly as in C: TWOPI = 2.0*M_PI and C0 = c [m/s].
var (
	cavPi    = math.Pi
	cavTwoPi = 2.0 * cavPi
	cavC0    = 2.99792458e8
)

// cavityPass is CavityPass: energy kick -V/E·sin(2π f (ct - TimeLag)/c -
// PhaseLag), applied in the middle of the cavity length. It has no
// revolution-time term.
func cavityPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	nv := e.Voltage / e.Energy
	freq := e.Frequency
	lag := e.TimeLag
	philag := e.PhaseLag
	if le == 0 {
		for i := range tile {
			r := &tile[i]
			if live(r) {
				r[4] += float64(-nv * math.Sin(cavTwoPi*freq*(r[5]-lag)/cavC0-philag))
			}
		}
		return
	}
	halflength := le / 2
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		drift6(r, halflength)
		r[4] += float64(-nv * math.Sin(cavTwoPi*freq*(r[5]-lag)/cavC0-philag))
		drift6(r, halflength)
	}
}

// rfCavityPass is RFCavityPass: like CavityPass, but the phase includes the
// turn-by-turn slip (h/f - T0)·turn between the RF period and the
// revolution time, and a zero voltage skips the kick.
func rfCavityPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	nv := e.Voltage / e.Energy
	freq := e.Frequency
	h := e.HarmNumber
	lag := e.TimeLag
	philag := e.PhaseLag
	t0 := env.T0
	nturn := float64(env.Turn)
	if le == 0 {
		if nv != 0 {
			for i := range tile {
				r := &tile[i]
				if live(r) {
					r[4] += float64(-nv * math.Sin(float64(cavTwoPi*freq*((r[5]-lag)/cavC0-float64((h/freq-t0)*nturn)))-philag))
				}
			}
		}
		return
	}
	halflength := le / 2
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		drift6(r, halflength)
		if nv != 0.0 {
			r[4] += float64(-nv * math.Sin(float64(cavTwoPi*freq*((r[5]-lag)/cavC0-float64((h/freq-t0)*nturn)))-philag))
		}
		drift6(r, halflength)
	}
}
