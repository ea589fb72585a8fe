package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's ChangePRefPass.c.

// init registers the passmethods of this file.
func init() { register(device.ChangePRefPass, changePRefPass) }

// changePRefPass is ChangePRefPass: it rescales every live particle to a
// reference momentum multiplied by the element's FieldScaling.
func changePRefPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	scaling := e.FieldScaling
	for i := range tile {
		r := &tile[i]
		if live(r) {
			changePRef(r, scaling)
		}
	}
}
