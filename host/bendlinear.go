package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's BendLinearPass: a sector bend with gradient tracked
// with its linear (chromatic) transfer matrix, and first-order edge and
// fringe maps at the faces.

// focusPlane returns the transfer matrix terms (diagonal, M12, M21) of
// length l in one plane of focusing g, as AT's bend6 computes them, with
// sqrt(|g|) and l*sqrt(|g|) (0 when g is 0) for the dispersion terms.
func focusPlane(g, l float64) (md, m12, m21, sqrtG, arg float64) {
	switch {
	case g == 0:
		return 1, l, 0, 0, 0
	case g > 0:
		sqrtG = math.Sqrt(g)
		arg = l * sqrtG
		return math.Cos(arg), math.Sin(arg) / sqrtG, -math.Sin(arg) * sqrtG, sqrtG, arg
	}
	sqrtG = math.Sqrt(-g)
	arg = l * sqrtG
	return math.Cosh(arg), math.Sinh(arg) / sqrtG, math.Sinh(arg) * sqrtG, sqrtG, arg
}

// bend6 tracks r through the body of a linear sector bend of length l,
// bending angle bAngle, gradient grd and relative field error byError
// (AT's bend6).
func bend6(r *Particle, l, bAngle, grd, byError float64) {
	kx := bAngle / l
	pNorm := 1 / (1 + r[4])
	g1 := (float64(kx*kx) + grd) * pNorm
	g2 := -grd * pNorm

	mhd, m12, m21, sqrtG1, arg1 := focusPlane(g1, l)
	mvd, m34, m43, _, _ := focusPlane(g2, l)

	x := r[0]
	xpr := r[1] * pNorm
	y := r[2]
	ypr := r[3] * pNorm
	delta := r[4]

	r[0] = float64(mhd*x) + float64(m12*xpr)
	r[1] = (float64(m21*x) + float64(mhd*xpr)) / pNorm

	if g1 == 0 {
		r[0] += (float64(delta*pNorm) - byError) * l * l * kx / 2
		r[1] += (float64(delta*pNorm) - byError) * l * kx / pNorm
	} else if g1 > 0 {
		r[0] += (float64(delta*pNorm) - byError) * (1 - math.Cos(arg1)) * kx / g1
		r[1] += (float64(delta*pNorm) - byError) * math.Sin(arg1) * kx / (sqrtG1 * pNorm)
	} else {
		r[0] += (float64(delta*pNorm) - byError) * (1 - math.Cosh(arg1)) * kx / g1
		r[1] += (float64(delta*pNorm) - byError) * math.Sinh(arg1) * kx / (sqrtG1 * pNorm)
	}

	r[2] = float64(mvd*y) + float64(m34*ypr)
	r[3] = (float64(m43*y) + float64(mvd*ypr)) / pNorm

	r[5] += xpr * xpr * (l + float64(mhd*m12)) / 4
	if g1 != 0 {
		d := float64(delta*pNorm) - byError
		r[5] += (l - float64(mhd*m12)) * (float64(x*x*g1) + d*d*kx*kx/g1 - float64(2*x*kx*d)) / 4
		r[5] += m12 * m21 * (float64(x*xpr) - xpr*d*kx/g1) / 2
		r[5] += float64(kx*x*m12) + xpr*(1-mhd)*kx/g1 + d*(l-m12)*kx*kx/g1
	}
	r[5] += (float64((l-float64(mvd*m34))*y*y*g2) + float64(ypr*ypr*(l+float64(mvd*m34)))) / 4
	r[5] += m34 * m43 * x * xpr / 2
}

// bendLinearPass tracks a tile through a BendLinearPass element. As in AT,
// particles with a non-finite momentum deviation are left untouched, and
// the faces always use the first-order fringe model. The gradient is the
// record's K, which the compiler sets as AT reads it (PolynomB[1] when the
// element has PolynomB, else K).
func bendLinearPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	le := e.Length
	ba := e.BendingAngle
	irho := ba / le
	grd := e.K
	bye := e.ByError
	fr := newFrame(e, pool)

	for i := range tile {
		r := &tile[i]
		if !live(r) || math.IsInf(r[4], 0) || math.IsNaN(r[4]) {
			continue
		}
		entranceOps(r, fr.t1, fr.r1, nil, nil)
		edgeFringe(r, irho, e.EntranceAngle, e.FringeInt1, e.FullGap, 1, 1)
		bend6(r, le, ba, grd, bye)
		edgeFringe(r, irho, e.ExitAngle, e.FringeInt2, e.FullGap, 1, -1)
		exitOps(r, 1, fr.t2, fr.r2, nil, nil)
	}
}

// init registers the passmethods of this file with the CPU backend.
func init() {
	register(device.BendLinearPass, bendLinearPass)
}
