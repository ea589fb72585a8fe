package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file holds the small vector and matrix operations of AT's atlalib.c
// that every passmethod family uses, with AT's order of operations.

// addVec adds the 6-vector d to r (AT's ATaddvv).
func addVec(r *Particle, d []float64) {
	for i := 0; i < 6; i++ {
		r[i] += d[i]
	}
}

// mulMat replaces r by M·r, M column-major (AT's ATmultmv): each row is
// summed left to right from zero.
func mulMat(r *Particle, m []float64) {
	var t Particle
	for i := 0; i < 6; i++ {
		s := 0.0
		for j := 0; j < 6; j++ {
			s += float64(m[i+j*6] * r[j])
		}
		t[i] = s
	}
	*r = t
}

// drift6 is AT's ATdrift6: a drift of physical length l.
func drift6(r *Particle, l float64) {
	pnorm := 1 / (1 + r[4])
	normL := l * pnorm
	r[0] += float64(normL * r[1])
	r[2] += float64(normL * r[3])
	r[5] += normL * pnorm * (float64(r[1]*r[1]) + float64(r[3]*r[3])) / 2
}

// changePRef rescales the coordinates to a reference momentum scaled by s
// (AT's ATChangePRef).
func changePRef(r *Particle, s float64) {
	r[1] /= s
	r[3] /= s
	r[4] = (r[4] + 1.0 - s) / s
}

// markLost marks a particle lost by an aperture the way AT does: ct = +Inf.
// The engine's loss check then records it after the element.
func markLost(r *Particle) { r[5] = math.Inf(1) }

// checkRectAp applies a rectangular aperture lim = (xmin, xmax, ymin, ymax)
// (AT's checkiflostRectangularAp).
func checkRectAp(r *Particle, lim []float64) {
	if r[0] < lim[0] || r[0] > lim[1] {
		markLost(r)
	} else if r[2] < lim[2] || r[2] > lim[3] {
		markLost(r)
	}
}

// checkEllAp applies an elliptical aperture with half axes ax = (a, b)
// (AT's checkiflostEllipticalAp).
func checkEllAp(r *Particle, ax []float64) {
	xn := r[0] / ax[0]
	yn := r[2] / ax[1]
	if float64(xn*xn)+float64(yn*yn) >= 1 {
		markLost(r)
	}
}

// live reports whether a particle is still tracked (AT: x is not NaN).
func live(r *Particle) bool { return r[0] == r[0] }

// frame is an element's misalignment (T1, R1 at the entrance, R2, T2 at
// the exit) and its apertures, each nil when absent.
type frame struct {
	t1, t2, r1, r2, rap, eap []float64
}

// newFrame reads the misalignment and apertures of e from the pool.
func newFrame(e *device.Element, pool []float64) frame {
	return frame{
		t1: arr(pool, e.T1, 6), t2: arr(pool, e.T2, 6),
		r1: arr(pool, e.R1, 36), r2: arr(pool, e.R2, 36),
		rap: arr(pool, e.RApertures, 4), eap: arr(pool, e.EApertures, 2),
	}
}
