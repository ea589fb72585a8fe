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
	t1 := arr(pool, e.T1, 6)
	t2 := arr(pool, e.T2, 6)
	r1 := arr(pool, e.R1, 36)
	r2 := arr(pool, e.R2, 36)
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
		if m != nil {
			mulMat(r, m)
		}
		if r2 != nil {
			mulMat(r, r2)
		}
		if t2 != nil {
			addVec(r, t2)
		}
	}
}
