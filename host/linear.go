package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's QuadLinearPass.c and SolenoidLinearPass.c: linear
// (first-order, chromatic) quadrupole and solenoid maps. Cosines go through
// exCos (exactbend.go), which matches glibc's cos in the last bit more
// often than math.Cos.

// init registers the passmethods of this file.
func init() {
	register(device.QuadLinearPass, quadLinearPass)
	register(device.SolenoidLinearPass, solenoidLinearPass)
}

// quadLinear tracks r through a linear quadrupole of length l and strength
// k [1/m²] scaled by 1/(1+δ), with the second-order path lengthening of
// AT's quad6. A zero strength is a paraxial drift.
func quadLinear(r *Particle, l, k float64) {
	pNorm := 1 / (1 + r[4])
	if k == 0 {
		drift6(r, l)
		return
	}
	x := r[0]
	xpr := r[1] * pNorm
	y := r[2]
	ypr := r[3] * pNorm

	g := math.Abs(k) / (1 + r[4])
	t := math.Sqrt(g)
	lt := l * t

	var mhd, m12, m21, mvd, m34, m43 float64
	if k > 0 {
		mhd = exCos(lt)
		m12 = math.Sin(lt) / t
		m21 = -m12 * g
		mvd = math.Cosh(lt)
		m34 = math.Sinh(lt) / t
		m43 = m34 * g
	} else {
		mhd = math.Cosh(lt)
		m12 = math.Sinh(lt) / t
		m21 = m12 * g
		mvd = exCos(lt)
		m34 = math.Sin(lt) / t
		m43 = -m34 * g
	}

	r[0] = float64(mhd*x) + float64(m12*xpr)
	r[1] = (float64(m21*x) + float64(mhd*xpr)) / pNorm
	r[2] = float64(mvd*y) + float64(m34*ypr)
	r[3] = (float64(m43*y) + float64(mvd*ypr)) / pNorm

	r[5] += g * (float64(x*x*(l-float64(mhd*m12))) - float64(y*y*(l-float64(mvd*m34)))) / 4
	r[5] += (float64(xpr*xpr*(l+float64(mhd*m12))) + float64(ypr*ypr*(l+float64(mvd*m34)))) / 4
	r[5] += (float64(x*xpr*m12*m21) + float64(y*ypr*m34*m43)) / 2
}

// quadLinearPass is QuadLinearPass. As in AT, the strength is PolynomB[1]
// when the element has PolynomB, else K; particles with a non-finite δ are
// left alone.
func quadLinearPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	k := e.K
	if e.PolynomB != device.Absent && e.MaxOrder >= 1 {
		k = pool[e.PolynomB+1]
	}
	le := e.Length
	fr := newFrame(e, pool)
	for i := range tile {
		r := &tile[i]
		if !live(r) || math.IsInf(r[4], 0) || math.IsNaN(r[4]) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, nil, nil)
		quadLinear(r, le, k)
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
	}
}

// solenoidLinearPass is SolenoidLinearPass: the hard-edge linear solenoid
// map of strength K = B0/Bρ. As in AT, 1/(1+δ) is taken before the entrance
// misalignment, and a zero strength is a plain drift without misalignment.
//
// Unlike the other passmethods, and exactly like AT's integrator, it does
// not skip lost particles: a particle (NaN, 0, 0, 0, 0, 0) entering a
// solenoid leaves as (NaN, NaN, NaN, NaN, 0, NaN). PyAT records those
// coordinates at loss, and keeps them for particles lost earlier, so
// skipping would change the results.
func solenoidLinearPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	ks := e.K
	if ks == 0 {
		for i := range tile {
			r := &tile[i]
			pNorm := 1 / (1 + r[4])
			normL := le * pNorm
			r[0] += float64(normL * r[1])
			r[2] += float64(normL * r[3])
			r[5] += normL * pNorm * (float64(r[1]*r[1]) + float64(r[3]*r[3])) / 2
		}
		return
	}
	fr := newFrame(e, pool)
	for i := range tile {
		r := &tile[i]
		pNorm := 1 / (1 + r[4])
		entranceOps(r, fr.t1, fr.r1, nil, nil)
		x := r[0]
		xpr := r[1] * pNorm
		y := r[2]
		ypr := r[3] * pNorm
		h := ks * pNorm / 2
		s := math.Sin(le * h)
		c := exCos(le * h)

		r[0] = float64(x*c*c) + xpr*c*s/h + float64(y*c*s) + ypr*s*s/h
		r[1] = (float64(-x*h*c*s) + float64(xpr*c*c) - float64(y*h*s*s) + float64(ypr*c*s)) / pNorm
		r[2] = float64(-x*c*s) - xpr*s*s/h + float64(y*c*c) + ypr*c*s/h
		r[3] = (float64(x*h*s*s) - float64(xpr*c*s) - float64(y*c*s*h) + float64(ypr*c*c)) / pNorm
		r[5] += le * (float64(h*h*(float64(x*x)+float64(y*y))) + float64(2*h*(float64(xpr*y)-float64(ypr*x))) + float64(xpr*xpr) + float64(ypr*ypr)) / 2

		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
	}
}
