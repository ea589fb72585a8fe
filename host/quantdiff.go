package host

import (
	"github.com/gotrack/gotrack/device"
)

// This file ports AT's lumped quantum-excitation elements: QuantDiffPass
// (a random kick with the covariance Lmatp Lmatp^T of a ring's diffusion
// matrix) and SimpleQuantDiffPass (independent kicks on px, py and delta
// sized by equilibrium emittances and damping times). The random numbers
// come from package device/rng, keyed by the particle, turn and element:
// six (three) normal deviates per particle, drawn whether or not it is
// lost, as AT draws them.

// quantDiffPass adds to each live particle the kick L g, g six standard
// normal deviates and L the lower-triangular Lmatp.
func quantDiffPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	l := arr(pool, e.Diffusion, 36)
	for i := range tile {
		s := env.stream(i)
		var g, d [6]float64
		for k := range g {
			g[k] = s.Normal()
		}
		for k := 0; k < 6; k++ {
			for j := 0; j <= k; j++ {
				d[k] += float64(g[j] * l[k+6*j])
			}
		}
		r := &tile[i]
		if !live(r) {
			continue
		}
		for k := range d {
			r[k] += d[k]
		}
	}
}

// simpleQuantDiffPass kicks px, py and delta of each live particle by the
// element's amplitudes times a normal deviate (zero amplitudes: no kick).
func simpleQuantDiffPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	amp := arr(pool, e.Diffusion, 3)
	for i := range tile {
		s := env.stream(i)
		g := [3]float64{s.Normal(), s.Normal(), s.Normal()}
		r := &tile[i]
		if !live(r) {
			continue
		}
		for k, c := range [3]int{1, 3, 4} {
			if amp[k] != 0 {
				r[c] += float64(amp[k] * g[k])
			}
		}
	}
}

func init() {
	register(device.QuantDiffPass, quantDiffPass)
	register(device.SimpleQuantDiffPass, simpleQuantDiffPass)
}
