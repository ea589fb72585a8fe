package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's lumped ring elements, which stand for a whole ring
// (or a part of it) in one zero-length element:
//   - SimpleRadiationRadPass: the energy loss per turn and the damping of
//     each betatron and longitudinal coordinate around the dispersion
//     orbit (SimpleRadiationRadPass.c);
//   - EnergyLossRadPass: a momentum loss proportional to (1+delta)^2 that
//     keeps the angles (EnergyLossRadPass.c);
//   - DeltaQPass: a detuning element, tunes shifted by chromaticity and
//     amplitude (DeltaQPass.c);
//   - Matrix66RadPass: a 6x6 matrix with radiation (Matrix66RadPass.c);
//   - LongtAperturePass: limits on delta and ct (LongtAperturePass.c).
// The element parameters are precomputed into the pool when the plan is
// compiled (package tracking), as AT's trackFunction does once per element.

// simpleRadiationRadPass removes the energy loss U0/E from delta, then
// damps the coordinates measured from the dispersion orbit by the
// diagonal damp_mat_diag (a factor of exactly 1 leaves its coordinate
// untouched, as AT skips it).
func simpleRadiationRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	p := arr(pool, e.Lumped, 11)
	damp := p[0:6]
	dispx, dispxp, dispy, dispyp, loss := p[6], p[7], p[8], p[9], p[10]
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		r[4] -= loss
		dpp := r[4]
		x := r[0] - float64(dispx*dpp)
		xp := r[1] - float64(dispxp*dpp)
		y := r[2] - float64(dispy*dpp)
		yp := r[3] - float64(dispyp*dpp)
		z := r[5]
		if damp[0] != 1 {
			x *= damp[0]
		}
		if damp[1] != 1 {
			xp *= damp[1]
		}
		if damp[2] != 1 {
			y *= damp[2]
		}
		if damp[3] != 1 {
			yp *= damp[3]
		}
		if damp[4] != 1 {
			dpp *= damp[4]
		}
		if damp[5] != 1 {
			z *= damp[5]
		}
		r[4] = dpp
		r[5] = z
		r[0] = x + float64(dispx*dpp)
		r[1] = xp + float64(dispxp*dpp)
		r[2] = y + float64(dispy*dpp)
		r[3] = yp + float64(dispyp*dpp)
	}
}

// energyLossRadPass lowers delta by dpp (1+delta)^2, dpp the element's
// nominal momentum step, and rescales px and py so that the angles
// px/(1+delta), py/(1+delta) are kept.
func energyLossRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	dpp := arr(pool, e.Lumped, 1)[0]
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		pn := 1.0 + r[4]
		xpr := r[1] / pn
		ypr := r[3] / pn
		r[4] -= float64(dpp*pn) * pn
		pn = 1.0 + r[4]
		r[1] = xpr * pn
		r[3] = ypr * pn
	}
}

// deltaQPass rotates each transverse phase space (in the angles
// x' = px/(1+delta)) by 2 pi dQ, with the tune shift
// dQx = sum_k chromx[k-1] delta^k / k! + A1 Jx + A2 Jy and
// dQy = sum_k chromy[k-1] delta^k / k! + A2 Jx + A3 Jy, the actions J
// computed from the element's Twiss parameters; between the entrance (T1,
// R1) and exit (R2, T2) misalignments.
func deltaQPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	n := int(e.ChromOrder)
	if n < 0 {
		n = 0
	}
	p := arr(pool, e.Lumped, 7+2*n)
	ax, ay, bx, by, a1, a2, a3 := p[0], p[1], p[2], p[3], p[4], p[5], p[6]
	chx, chy := p[7:7+n], p[7+n:7+2*n]
	fr := newFrame(e, pool)
	gx := (1 + float64(ax*ax)) / bx
	gy := (1 + float64(ay*ay)) / by
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if fr.t1 != nil {
			addVec(r, fr.t1)
		}
		if fr.r1 != nil {
			mulMat(r, fr.r1)
		}
		dpp := r[4]
		x := r[0]
		xp := r[1] / (1.0 + dpp)
		y := r[2]
		yp := r[3] / (1.0 + dpp)
		jx := 0.5 * (float64(float64(gx*x)*x) + float64(float64(2.0*ax*x)*xp) + float64(float64(bx*xp)*xp))
		jy := 0.5 * (float64(float64(gy*y)*y) + float64(float64(2.0*ay*y)*yp) + float64(float64(by*yp)*yp))
		var dqxc, dqyc float64
		fact, dp := 1.0, dpp
		for k := 1; k <= n; k++ {
			fact *= float64(k)
			dqxc += float64(chx[k-1]*dp) / fact
			dqyc += float64(chy[k-1]*dp) / fact
			dp *= dpp
		}
		dqx := dqxc + float64(a1*jx) + float64(a2*jy)
		dqy := dqyc + float64(a2*jx) + float64(a3*jy)
		c, s := math.Cos(2*math.Pi*dqx), math.Sin(2*math.Pi*dqx)
		r11x, r12x, r21x, r22x := c+float64(ax*s), bx*s, -gx*s, c-float64(ax*s)
		c, s = math.Cos(2*math.Pi*dqy), math.Sin(2*math.Pi*dqy)
		r11y, r12y, r21y, r22y := c+float64(ay*s), by*s, -gy*s, c-float64(ay*s)
		r[0] = float64(r11x*x) + float64(r12x*xp)
		r[1] = (float64(r21x*x) + float64(r22x*xp)) * (1 + dpp)
		r[2] = float64(r11y*y) + float64(r12y*yp)
		r[3] = (float64(r21y*y) + float64(r22y*yp)) * (1 + dpp)
		if fr.r2 != nil {
			mulMat(r, fr.r2)
		}
		if fr.t2 != nil {
			addVec(r, fr.t2)
		}
	}
}

// matrix66RadPass is Matrix66Pass for the radiating matrix: the record's
// M66, T1 and T2 hold AT's M66Rad (or M66 when absent), T1Rad and T2Rad.
func matrix66RadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	matrix66Pass(tile, e, pool, env)
}

// longtAperturePass marks lost the particles whose delta or ct is outside
// the limits (deltamin, deltamax, ctmin, ctmax) kept in RApertures (AT's
// checkiflostLongtRectangularAp).
func longtAperturePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	lim := arr(pool, e.RApertures, 4)
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if r[4] < lim[0] || r[4] > lim[1] {
			markLost(r)
		} else if r[5] < lim[2] || r[5] > lim[3] {
			markLost(r)
		}
	}
}

// init registers the passmethods of this file.
func init() {
	register(device.SimpleRadiationRadPass, simpleRadiationRadPass)
	register(device.EnergyLossRadPass, energyLossRadPass)
	register(device.DeltaQPass, deltaQPass)
	register(device.Matrix66RadPass, matrix66RadPass)
	register(device.LongtAperturePass, longtAperturePass)
}
