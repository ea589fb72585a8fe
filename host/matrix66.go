package host

import "github.com/gotrack/gotrack/device"

// This file ports AT's Matrix66Pass.c: a linear 6x6 transfer matrix with
// optional misalignment.

// init registers the passmethods of this file.
func init() { register(device.Matrix66Pass, matrix66Pass) }

// matrix66Pass is Matrix66Pass: r -> M66·r, framed by the entrance and exit
// misalignments T1, R1 and R2, T2.
func matrix66Pass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	m := arr(pool, e.M66, 36)
	fr := newFrame(e, pool)
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, nil, nil)
		if m != nil {
			mulMat(r, m)
		}
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
	}
}
