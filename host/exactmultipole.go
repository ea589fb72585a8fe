package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's ExactMultipolePass.c and exactmultipolefringe.c: a
// straight multipole integrated with exact drifts and thin kicks, with
// PTC's hard-edge multipole fringe (Forest 13.29).

// init registers the passmethods of this file.
func init() { register(device.ExactMultipolePass, exactMultipolePass) }

// exactPolyBuf is scratch space for the per-call copies of an element's
// field polynomials; orders above its size fall back to the heap.
type exactPolyBuf struct {
	a, b [16]float64
}

// exactPolys returns private copies of the element's PolynomA and PolynomB
// (MaxOrder+1 values each, zeros when absent) with the KickAngle corrector
// folded into the dipole terms exactly as AT does it before tracking:
// B[0] -= sin(KickAngle[0])/L and A[0] += sin(KickAngle[1])/L. The pool is
// never written.
func exactPolys(buf *exactPolyBuf, pool []float64, e *device.Element) (a, b []float64) {
	n := int(e.MaxOrder) + 1
	if n <= len(buf.a) {
		a, b = buf.a[:n], buf.b[:n]
		clear(a)
		clear(b)
	} else {
		a, b = make([]float64, n), make([]float64, n)
	}
	if pa := arr(pool, e.PolynomA, n); pa != nil {
		copy(a, pa)
	}
	if pb := arr(pool, e.PolynomB, n); pb != nil {
		copy(b, pb)
	}
	if ka := arr(pool, e.KickAngle, 2); ka != nil {
		b[0] -= math.Sin(ka[0]) / e.Length
		a[0] += math.Sin(ka[1]) / e.Length
	}
	return a, b
}

// exMultipoleFringe applies the hard-edge fringe of every multipole order up
// to maxOrder (PTC's multipole_fringer). edge is +1 at the entrance and -1
// at the exit. When skipB0 is set the normal dipole term is left out (it
// is handled by the bend fringe in the exact bends).
func exMultipoleFringe(r *Particle, a, b []float64, maxOrder int, edge float64, skipB0 bool) {
	var u, v, du, dv float64
	fx, fy := 0.0, 0.0
	fxx, fxy, fyx, fyy := 0.0, 0.0, 0.0, 0.0
	rx, ix := 1.0, 0.0

	for n := 0; n <= maxOrder; n++ {
		bn := b[n]
		an := a[n]
		j := n + 1

		drx := rx
		dix := ix
		rx = float64(drx*r[0]) - float64(dix*r[2])
		ix = float64(drx*r[2]) + float64(dix*r[0])

		if n == 0 && skipB0 {
			u = -an * ix
			v = +an * rx
			du = -an * dix
			dv = +an * drx
		} else {
			u = float64(bn*rx) - float64(an*ix)
			v = float64(bn*ix) + float64(an*rx)
			du = float64(bn*drx) - float64(an*dix)
			dv = float64(bn*dix) + float64(an*drx)
		}
		f1 := -edge / 4.0 / float64(j+1)

		u = u * f1
		v = v * f1
		du = du * f1
		dv = dv * f1

		fj := float64(j)
		dux := fj * du
		dvx := fj * dv
		duy := float64(-j) * dv
		dvy := fj * du

		nf := 1.0 * float64(j+2) / fj

		fx += float64(u*r[0]) + float64(nf*v*r[2])
		fy += float64(u*r[2]) - float64(nf*v*r[0])

		fxx += float64(dux*r[0]) + u + float64(nf*r[2]*dvx)
		fxy += float64(duy*r[0]) + float64(nf*v) + float64(nf*r[2]*dvy)

		fyx += float64(dux*r[2]) - float64(nf*v) - float64(nf*r[0]*dvx)
		fyy += float64(duy*r[2]) + u - float64(nf*r[0]*dvy)
	}

	del := 1.0 / (1 + r[4])

	// Solve the 2x2 linear system for the new transverse momenta.
	ma := 1 - float64(fxx*del)
	mb := -fyx * del
	md := 1 - float64(fyy*del)
	mc := -fxy * del

	r[0] = r[0] - float64(fx*del)
	r[2] = r[2] - float64(fy*del)

	pxf := (float64(md*r[1]) - float64(mb*r[3])) / (float64(ma*md) - float64(mb*mc))
	pyf := (float64(ma*r[3]) - float64(mc*r[1])) / (float64(ma*md) - float64(mb*mc))
	r[3] = pyf
	r[1] = pxf
	r[5] = r[5] - float64((float64(r[1]*fx)+float64(r[3]*fy))*del*del)
}

// exactMultipolePass is ExactMultipolePass: a straight multipole tracked
// with Yoshida's 4th-order scheme of exact drifts and thin kicks, with
// optional field scaling, misalignments, apertures and multipole fringes.
func exactMultipolePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	var buf exactPolyBuf
	a, b := exactPolys(&buf, pool, e)
	maxOrder := int(e.MaxOrder)
	nSteps := int(e.NumIntSteps)
	le := e.Length
	scaling := e.FieldScaling

	y := newYoshida(le, e.NumIntSteps)
	l1, l2, k1, k2 := y.l1, y.l2, y.k1, y.k2

	fr := newFrame(e, pool)

	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if scaling != 1.0 {
			changePRef(r, scaling)
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		if e.FringeQuadEntrance != 0 {
			exMultipoleFringe(r, a, b, maxOrder, 1.0, false)
		}
		for m := 0; m < nSteps; m++ {
			exactDrift(r, l1)
			strThinKick(r, a, b, k1, maxOrder)
			exactDrift(r, l2)
			strThinKick(r, a, b, k2, maxOrder)
			exactDrift(r, l2)
			strThinKick(r, a, b, k1, maxOrder)
			exactDrift(r, l1)
		}
		r[5] -= le
		if e.FringeQuadExit != 0 {
			exMultipoleFringe(r, a, b, maxOrder, -1.0, false)
		}
		exitOps(r, scaling, fr.t2, fr.r2, fr.rap, fr.eap)
	}
}
