package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's generic wiggler, GWigSymplecticPass and
// GWigSymplecticRadPass (gwig.c, wigrad.c): a wiggler field made of
// horizontal-wiggler harmonics (table By) and vertical-wiggler harmonics
// (table Bx), each harmonic a closed-form solution of Maxwell's equations
// with wavenumbers kx, ky, kz = (values in the table) * 2π/Lw. The map is
// Y. K. Wu's second-order split of the paraxial Hamiltonian in the vector
// potential (half drift in y, drift in x, half drift in y, each between
// gauge changes px -= Ax, py -= Ay), composed into a fourth-order scheme
// with the Forest-Ruth coefficients. The Rad variant always uses the
// fourth-order scheme, changes to the canonical momenta of the field
// gauge at entrance and exit, and after every step applies M. Borland's
// classical radiation kick. All arithmetic follows AT's C code operation
// by operation (products and quotients left to right, no fused
// multiply-add).

// gwigEps is AT's GWIG_EPS: below |kx/kw| (|ky/kw|) sin(kx x)/kx is
// computed from its Taylor series.
const gwigEps = 1e-6

// gwigC0 is AT's C0, a variable so that products with it round in float64.
var gwigC0 = 2.99792458e8

// gwig is AT's struct gwig for one element and one particle: the
// wiggler's constants and the running longitudinal position Zw.
type gwig struct {
	po     float64 // βγ of the reference particle
	pb0    float64 // Bmax [T]
	lw     float64 // period [m]
	kw     float64 // 2π/Lw
	aw     float64 // e Bmax Lw / (2π m c) in AT's units
	zw     float64 // position along the wiggler [m]
	zEnd   float64 // end of the field region (Length)
	srCoef float64 // (2/3) r_e γ³
	pn     int     // steps per period
	nw     int     // periods, round(Length/Lw)
	h, v   []float64
	nh, nv int
}

// newGwig is AT's GWigInit2 for element e and Lorentz factor gamma.
func newGwig(e *device.Element, pool []float64, gamma float64) gwig {
	w := gwig{
		po:     math.Sqrt(float64(gamma*gamma) - 1.0),
		pb0:    e.Bmax,
		lw:     e.Lw,
		zEnd:   e.Length,
		srCoef: atRadC * cube(gamma),
		pn:     int(e.Nstep),
		nw:     int(math.Round(e.Length / e.Lw)),
		nh:     int(e.NHharm),
		nv:     int(e.NVharm),
	}
	w.kw = atTwoPi / w.lw
	w.aw = 1.0e-9 * gwigC0 / atE0GeV / atTwoPi * e.Lw * e.Bmax
	if w.nh > 0 {
		w.h = arr(pool, e.By, 6*w.nh)
	}
	if w.nv > 0 {
		w.v = arr(pool, e.Bx, 6*w.nv)
	}
	return w
}

// harm returns harmonic i of table t: amplitude, kx, ky, kz and phase.
func (w *gwig) harm(t []float64, i int) (cw, kx, ky, kz, tz float64) {
	c := t[6*i : 6*i+6 : 6*i+6]
	return c[1], c[2] * w.kw, c[3] * w.kw, c[4] * w.kw, c[5]
}

// gwigSinc is AT's sinc: sin(x)/x to order x⁸.
func gwigSinc(x float64) float64 {
	x2 := x * x
	return 1e0 - float64(x2/6e0*(1e0-float64(x2/20e0*(1e0-float64(x2/42e0*(1e0-x2/72e0))))))
}

// ax is AT's GWigAx: the vector potential Ax at (x, y, Zw) and its
// integral over px's conjugate, axpy = ∂/∂y ∫Ax dx.
func (w *gwig) ax(r *Particle) (ax, axpy float64) {
	x, y, z := r[0], r[2], w.zw
	kw := w.kw
	for i := 0; i < w.nh; i++ {
		raw, kx, ky, kz, tz := w.harm(w.h, i)
		cw := raw * w.aw / w.po
		cx := math.Cos(kx * x)
		chy := math.Cosh(ky * y)
		sz := math.Sin(float64(kz*z) + tz)
		ax = ax + float64(cw*(kw/kz)*cx*chy*sz)
		shy := math.Sinh(ky * y)
		var sxkx float64
		if math.Abs(kx/kw) > gwigEps {
			sxkx = math.Sin(kx*x) / kx
		} else {
			sxkx = x * gwigSinc(kx*x)
		}
		axpy = axpy + float64(cw*(kw/kz)*ky*sxkx*shy*sz)
	}
	for i := 0; i < w.nv; i++ {
		raw, kx, ky, kz, tz := w.harm(w.v, i)
		cw := raw * w.aw / w.po
		shx := math.Sinh(kx * x)
		sy := math.Sin(ky * y)
		sz := math.Sin(float64(kz*z) + tz)
		ax = ax + float64(cw*(kw/kz)*(ky/kx)*shx*sy*sz)
		chx := math.Cosh(kx * x)
		cy := math.Cos(ky * y)
		q := ky / kx
		axpy = axpy + float64(cw*(kw/kz)*float64(q*q)*chx*cy*sz)
	}
	return ax, axpy
}

// ay is AT's GWigAy: the vector potential Ay and aypx = ∂/∂x ∫Ay dy.
func (w *gwig) ay(r *Particle) (ay, aypx float64) {
	x, y, z := r[0], r[2], w.zw
	kw := w.kw
	for i := 0; i < w.nh; i++ {
		raw, kx, ky, kz, tz := w.harm(w.h, i)
		cw := raw * w.aw / w.po
		sx := math.Sin(kx * x)
		shy := math.Sinh(ky * y)
		sz := math.Sin(float64(kz*z) + tz)
		ay = ay + float64(cw*(kw/kz)*(kx/ky)*sx*shy*sz)
		cx := math.Cos(kx * x)
		chy := math.Cosh(ky * y)
		q := kx / ky
		aypx = aypx + float64(cw*(kw/kz)*float64(q*q)*cx*chy*sz)
	}
	for i := 0; i < w.nv; i++ {
		raw, kx, ky, kz, tz := w.harm(w.v, i)
		cw := raw * w.aw / w.po
		chx := math.Cosh(kx * x)
		cy := math.Cos(ky * y)
		sz := math.Sin(float64(kz*z) + tz)
		ay = ay + float64(cw*(kw/kz)*chx*cy*sz)
		shx := math.Sinh(kx * x)
		var syky float64
		if math.Abs(ky/kw) > gwigEps {
			syky = math.Sin(ky*y) / ky
		} else {
			syky = y * gwigSinc(ky*y)
		}
		aypx = aypx + float64(cw*(kw/kz)*kx*shx*syky*sz)
	}
	return ay, aypx
}

// map2 is AT's GWigMap_2nd: one second-order step of length dl (half
// drift in y, drift in x, half drift in y, each in the field gauge),
// advancing Zw by dl. ct gains the differential path length only.
func (w *gwig) map2(r *Particle, dl float64) {
	dld := dl / (1.0 + r[4])
	dl2 := 0.5 * dl
	dl2d := dl2 / (1.0 + r[4])

	w.zw = w.zw + dl2

	ay, aypx := w.ay(r)
	r[1] = r[1] - aypx
	r[3] = r[3] - ay
	r[2] = r[2] + float64(dl2d*r[3])
	r[5] = r[5] + float64(0.5*dl2d*float64(r[3]*r[3])/(1.0+r[4]))
	ay, aypx = w.ay(r)
	r[1] = r[1] + aypx
	r[3] = r[3] + ay

	ax, axpy := w.ax(r)
	r[1] = r[1] - ax
	r[3] = r[3] - axpy
	r[0] = r[0] + float64(dld*r[1])
	r[5] = r[5] + float64(0.5*dld*float64(r[1]*r[1])/(1.0+r[4]))
	ax, axpy = w.ax(r)
	r[1] = r[1] + ax
	r[3] = r[3] + axpy

	ay, aypx = w.ay(r)
	r[1] = r[1] - aypx
	r[3] = r[3] - ay
	r[2] = r[2] + float64(dl2d*r[3])
	r[5] = r[5] + float64(0.5*dl2d*float64(r[3]*r[3])/(1.0+r[4]))
	ay, aypx = w.ay(r)
	r[1] = r[1] + aypx
	r[3] = r[3] + ay

	w.zw = w.zw + dl2
}

// field is AT's GWigB without Bz (which the radiation kick does not
// use): the transverse field (Bx, By) [T] at the particle, zero outside
// 0 <= Zw <= Length.
func (w *gwig) field(r *Particle) (bx, by float64) {
	x, y, z := r[0], r[2], w.zw
	b0 := w.pb0
	if w.nh > 0 && z >= 0 && z <= w.zEnd {
		for i := 0; i < w.nh; i++ {
			raw, kx, ky, kz, tz := w.harm(w.h, i)
			sx := math.Sin(kx * x)
			cx := math.Cos(kx * x)
			chy := math.Cosh(ky * y)
			shy := math.Sinh(ky * y)
			cz := math.Cos(float64(kz*z) + tz)
			bx += float64(b0 * raw * kx / ky * sx * shy * cz)
			by -= float64(b0 * raw * cx * chy * cz)
		}
	}
	if w.nv > 0 && z >= 0 && z <= w.zEnd {
		for i := 0; i < w.nv; i++ {
			raw, kx, ky, kz, tz := w.harm(w.v, i)
			shx := math.Sinh(kx * x)
			chx := math.Cosh(kx * x)
			sy := math.Sin(ky * y)
			cy := math.Cos(ky * y)
			cz := math.Cos(float64(kz*z) + tz)
			bx += float64(b0 * raw * chx * cy * cz)
			by -= float64(b0 * raw * ky / kx * shx * sy * cz)
		}
	}
	return bx, by
}

// radKick is AT's GWigRadiationKicks for field (bx, by) over length dl:
// the classical energy loss, px and py scaled with the momentum.
func (w *gwig) radKick(r *Particle, bx, by, dl float64) {
	b2 := float64(bx*bx) + float64(by*by)
	if b2 == 0 {
		return
	}
	h := 1.0e9 * w.po * atE0GeV / gwigC0
	irho2 := b2 / (h * h)
	dFactor := (1 + r[4]) * (1 + r[4])
	dDelta := -w.srCoef * dFactor * irho2 * dl
	r[4] += dDelta
	r[1] *= 1 + dDelta
	r[3] *= 1 + dDelta
}

// radStep is the radiation kick of the Rad pass between steps: with the
// particle's mechanical momenta px - Ax, py - Ay.
func (w *gwig) radStep(r *Particle, dl float64) {
	ax, _ := w.ax(r)
	ay, _ := w.ay(r)
	bx, by := w.field(r)
	r[1] -= ax
	r[3] -= ay
	w.radKick(r, bx, by, dl)
	r[1] += ax
	r[3] += ay
}

// gwigPass tracks a tile through a GWigSymplecticPass element: Nmeth 2
// integrates with Nstep second-order steps per period, Nmeth 4 with
// Nstep fourth-order ones, over round(Length/Lw) periods; any other Nmeth
// leaves the particles to the misalignment alone, as AT does (it prints a
// warning).
func gwigPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	w := newGwig(e, pool, atGamma(e.Energy, env.RestEnergy))
	nstep := w.pn * w.nw
	dl := w.lw / float64(w.pn)
	dl1, dl0 := dl*kick1, dl*kick2
	t1, t2 := arr(pool, e.T1, 6), arr(pool, e.T2, 6)
	r1, r2 := arr(pool, e.R1, 36), arr(pool, e.R2, 36)
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		w.zw = 0
		if t1 != nil {
			addVec(r, t1)
		}
		if r1 != nil {
			mulMat(r, r1)
		}
		switch e.Nmeth {
		case 2:
			for k := 0; k < nstep; k++ {
				w.map2(r, dl)
			}
		case 4:
			for k := 0; k < nstep; k++ {
				w.map2(r, dl1)
				w.map2(r, dl0)
				w.map2(r, dl1)
			}
		}
		if r2 != nil {
			mulMat(r, r2)
		}
		if t2 != nil {
			addVec(r, t2)
		}
	}
}

// gwigRadIter is the number of fourth-order steps of
// GWigSymplecticRadPass: AT's int Niter = Nstep*(Length/Lw), truncated,
// which can be one less than GWigSymplecticPass's round(Length/Lw)*Nstep.
func gwigRadIter(e *device.Element) int {
	return int(float64(e.Nstep) * (e.Length / e.Lw))
}

// gwigRadPass tracks a tile through a GWigSymplecticRadPass element:
// fourth-order steps of Lw/Nstep whatever Nmeth, in the field gauge
// (px += Ax, py += Ay at entrance, undone at exit), a radiation kick of
// length Lw/Nstep before the first step and after every step.
func gwigRadPass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	w := newGwig(e, pool, atGamma(e.Energy, env.RestEnergy))
	sl := e.Lw / float64(e.Nstep)
	dl1, dl0 := sl*kick1, sl*kick2
	niter := gwigRadIter(e)
	t1, t2 := arr(pool, e.T1, 6), arr(pool, e.T2, 6)
	r1, r2 := arr(pool, e.R1, 36), arr(pool, e.R2, 36)
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		w.zw = 0
		if t1 != nil {
			addVec(r, t1)
		}
		if r1 != nil {
			mulMat(r, r1)
		}
		ax, _ := w.ax(r)
		ay, _ := w.ay(r)
		r[1] = r[1] + ax
		r[3] = r[3] + ay
		w.radStep(r, sl)
		for m := 0; m < niter; m++ {
			w.map2(r, dl1)
			w.map2(r, dl0)
			w.map2(r, dl1)
			w.radStep(r, sl)
		}
		ax, _ = w.ax(r)
		ay, _ = w.ay(r)
		r[1] = r[1] - ax
		r[3] = r[3] - ay
		if r2 != nil {
			mulMat(r, r2)
		}
		if t2 != nil {
			addVec(r, t2)
		}
	}
}

func init() {
	register(device.GWigSymplecticPass, gwigPass)
	register(device.GWigSymplecticRadPass, gwigRadPass)
}
