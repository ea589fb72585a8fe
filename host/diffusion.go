package host

import (
	"math"
	"math/big"

	"github.com/gotrack/gotrack/device"
)

// This file computes the quantum-excitation diffusion matrices of the
// radiating multipoles and bends: AT's StrMPoleSymplectic4RadPass and
// BndMPoleSymplectic4RadPass run with a non-null bdiff (diff_drift.c,
// diff_str_kick.c, diff_bnd_kick.c, diff_bend_fringe.c), which is what
// PyAT's diffusion_matrix returns for one particle on the closed orbit.
// Matrices are 36 values, column-major as AT stores them: B[i][j] =
// b[i+6*j]. The kernel source has the same functions in diffusion.cuh.

// atDifConst is AT's DIF_CONST = 55/(24√3)·ħc/E0·r_e [m²], evaluated left
// to right as C does.
var atDifConst = 55.0 / 24.0 / 1.7320508075688772 * 197.3269804e-18 / atE0GeV * atRe

// pow5 returns x⁵ correctly rounded, as glibc's pow(x, 5) does.
func pow5(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x * x * x * x * x
	}
	f := new(big.Float).SetPrec(400).SetFloat64(x)
	g := new(big.Float).SetPrec(400).Mul(f, f)
	g.Mul(g, g)
	g.Mul(g, f)
	v, _ := g.Float64()
	return v
}

// identity66 sets m to the 6x6 identity.
func identity66(m *[36]float64) {
	*m = [36]float64{}
	for i := 0; i < 6; i++ {
		m[7*i] = 1
	}
}

// diffSandwich replaces b by m·b·mᵀ with AT's loop order (ATsandwichmmt:
// ATmultmm, then the product by mᵀ row by row).
func diffSandwich(m, b *[36]float64) {
	var t [6]float64
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			s := 0.0
			for k := 0; k < 6; k++ {
				s += float64(m[j+6*k] * b[k+6*i])
			}
			t[j] = s
		}
		for j := 0; j < 6; j++ {
			b[j+6*i] = t[j]
		}
	}
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			s := 0.0
			for k := 0; k < 6; k++ {
				s += float64(b[i+6*k] * m[j+6*k])
			}
			t[j] = s
		}
		for j := 0; j < 6; j++ {
			b[i+6*j] = t[j]
		}
	}
}

// diffDrift propagates b through a drift of length l at the particle's
// momentum, then moves the particle (AT's diff_drift).
func diffDrift(r *Particle, l float64, b *[36]float64) {
	pNorm := 1.0 / (1.0 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	normL := l * pNorm
	var m [36]float64
	identity66(&m)
	m[6] = normL
	m[20] = normL
	m[24] = -normL * xpr
	m[26] = -normL * ypr
	m[11] = normL * xpr
	m[23] = normL * ypr
	m[29] = -normL * (float64(xpr*xpr) + float64(ypr*ypr))
	diffSandwich(&m, b)
	r[0] += float64(normL * r[1])
	r[2] += float64(normL * r[3])
	r[5] += normL * pNorm * (float64(r[1]*r[1]) + float64(r[3]*r[3])) / 2.0
}

// diffKick is a thin multipole kick of length l with classical radiation
// in a magnet of curvature irho (0: straight), which first propagates b
// through the kick's symplectic matrix and adds the kick's own diffusion
// (AT's diff_str_kick when bend is false, diff_bnd_kick when true).
func diffKick(r *Particle, a, bp []float64, maxOrder int, l, irho, radC, difC float64, bend bool, b *[36]float64) {
	re, im := field(r[0], r[2], a, bp, maxOrder)
	pNorm := 1.0 / (1.0 + r[4])
	x := r[0]
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	var b2p, factor float64
	if bend {
		b2p = bndB2Perp(im, re+irho, irho, x, xpr, ypr)
		factor = (1.0 + float64(x*irho) + (float64(xpr*xpr)+float64(ypr*ypr))/2.0) / float64(pNorm*pNorm) * l
	} else {
		b2p = strB2Perp(im, re, xpr, ypr)
		factor = (1.0 + (float64(xpr*xpr)+float64(ypr*ypr))/2.0) / float64(pNorm*pNorm) * l
	}
	kickMatrix(r, a, bp, maxOrder, l, irho, bend, b)
	kickDiffusion(r, difC, b2p, factor, b)

	dp0 := r[4]
	r[4] -= float64(radC * b2p * factor)
	pNorm = 1.0 / (1.0 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm
	if bend {
		r[1] -= float64(l * (re - float64((dp0-float64(r[0]*irho))*irho)))
		r[3] += float64(l * im)
		r[5] += float64(l * irho * r[0])
	} else {
		r[1] -= float64(l * re)
		r[3] += float64(l * im)
	}
}

// kickMatrix propagates b through the symplectic matrix of a thin kick at
// the particle (AT's thinkickM; the bend terms only when bend is true).
func kickMatrix(r *Particle, a, bp []float64, maxOrder int, l, irho float64, bend bool, b *[36]float64) {
	imN := float64(maxOrder) * a[maxOrder]
	reN := float64(maxOrder) * bp[maxOrder]
	for n := maxOrder - 1; n > 0; n-- {
		t := (float64(reN*r[0]) - float64(imN*r[2])) + float64(float64(n)*bp[n])
		imN = float64(imN*r[0]) + float64(reN*r[2]) + float64(float64(n)*a[n])
		reN = t
	}
	var m [36]float64
	identity66(&m)
	m[1] = -l * reN
	m[13] = l * imN
	m[3] = l * imN
	m[15] = l * reN
	if bend {
		m[25] = l * irho
		m[1] += float64(-l * irho * irho)
		m[5] = l * irho
	}
	diffSandwich(&m, b)
}

// kickDiffusion adds the diffusion of one radiating thin kick, Ohmi's B
// of the kick (AT's thinkickB).
func kickDiffusion(r *Particle, difC, b2p, factor float64, b *[36]float64) {
	pNorm := 1.0 / (1.0 + r[4])
	pNorm2 := pNorm * pNorm
	b3p := b2p * math.Sqrt(b2p)
	bb := difC * b3p * factor / pNorm2
	var d [36]float64
	d[7] = bb * r[1] * r[1] * pNorm2
	d[19] = bb * r[1] * r[3] * pNorm2
	d[9] = d[19]
	d[21] = bb * r[3] * r[3] * pNorm2
	d[10] = bb * r[1] * pNorm
	d[25] = d[10]
	d[22] = bb * r[3] * pNorm
	d[27] = d[22]
	d[28] = bb
	for i := range d {
		b[i] += d[i]
	}
}

// diffBendFringeB propagates b through a dipole face (AT's
// diff_bend_fringe with a non-null bdiff) and then moves the particle as
// diffBendFringe does.
func diffBendFringeB(r *Particle, invRho, edgeAngle, fint, gap float64, method int32, sign float64, b *[36]float64) {
	fx, fy, psi, pNorm := diffBendFringeCoefs(r, invRho, edgeAngle, fint, gap, method, sign)
	fringe := fint > 0 && gap > 0
	for m := 0; m < 6; m++ {
		b[1+6*m] += float64(fx * b[6*m])
		b[3+6*m] -= float64(fy * b[2+6*m])
	}
	if fringe {
		for m := 0; m < 6; m++ {
			b[3+6*m] -= float64(b[4+6*m] * r[2] * (float64(invRho*invRho) + float64(fy*fy)) * psi * pNorm * pNorm / invRho)
		}
	}
	for m := 0; m < 6; m++ {
		b[m+6*1] += float64(fx * b[m+6*0])
		b[m+6*3] -= float64(fy * b[m+6*2])
	}
	if fringe {
		for m := 0; m < 6; m++ {
			b[m+6*3] -= float64(b[m+6*4] * r[2] * (float64(invRho*invRho) + float64(fy*fy)) * psi * pNorm * pNorm / invRho)
		}
	}
	r[1] += float64(r[0] * fx)
	r[3] -= float64(r[2] * fy)
}

// elementDiffusion returns the diffusion matrix of element e entered by a
// particle at orbit: zero for a method without one, or for a lost particle
// (NaN x). The radiation and diffusion constants use the electron's mass
// whatever the particle, as PyAT's diffusion_matrix (which passes no
// particle) does.
func elementDiffusion(e *device.Element, pool []float64, orbit [6]float64) [36]float64 {
	var b [36]float64
	if !e.Method.HasDiffusion() || math.IsNaN(orbit[0]) {
		return b
	}
	if e.Method == device.ExactMultipoleRadPass {
		return exactMultipoleDiffusion(e, pool, orbit)
	}
	bend := e.Method != device.StrMPoleSymplectic4RadPass
	r := Particle(orbit)
	var s polyScratch
	a, bp := polynoms(e, pool, &s, false)
	y := newYoshida(e.Length, e.NumIntSteps)
	maxOrder := int(e.MaxOrder)
	irho := 0.0
	if bend {
		irho = e.BendingAngle / e.Length
	}
	gamma := atGamma(e.Energy, 0)
	radC := atRadC * cube(gamma)
	difC := atDifConst * pow5(gamma)
	qf := newQuadFringe(e.FringeQuadEntrance, e.FringeQuadExit, pool, e.FringeIntM0, e.FringeIntP0)
	fr := newFrame(e, pool)
	if e.FieldScaling != 1.0 {
		changePRef(&r, e.FieldScaling)
	}
	entranceOps(&r, fr.t1, fr.r1, fr.rap, fr.eap)
	if bend {
		diffBendFringeB(&r, irho, e.EntranceAngle, e.FringeInt1, e.FullGap, e.FringeBendEntrance, 1.0, &b)
	}
	qf.atEntrance(&r, bp[1])
	for m := 0; m < int(e.NumIntSteps); m++ {
		diffDrift(&r, y.l1, &b)
		diffKick(&r, a, bp, maxOrder, y.k1, irho, radC, difC, bend, &b)
		diffDrift(&r, y.l2, &b)
		diffKick(&r, a, bp, maxOrder, y.k2, irho, radC, difC, bend, &b)
		diffDrift(&r, y.l2, &b)
		diffKick(&r, a, bp, maxOrder, y.k1, irho, radC, difC, bend, &b)
		diffDrift(&r, y.l1, &b)
	}
	qf.atExit(&r, bp[1])
	if bend {
		diffBendFringeB(&r, irho, e.ExitAngle, e.FringeInt2, e.FullGap, e.FringeBendExit, -1.0, &b)
	}
	return b
}

// DiffusionMatrices implements device.DiffusionMatrices in Go.
func (b *Backend) DiffusionMatrices(p *device.Plan, elements []int, orbits [][6]float64) ([]float64, error) {
	return Diffusion(p, elements, orbits)
}

// Diffusion computes the diffusion matrices of device.DiffusionMatrices
// in Go, for any backend.
func Diffusion(p *device.Plan, elements []int, orbits [][6]float64) ([]float64, error) {
	if err := device.CheckDiffusionRequest(p, elements, orbits); err != nil {
		return nil, err
	}
	out := make([]float64, 36*len(elements))
	for k, i := range elements {
		b := elementDiffusion(&p.Elements[i], p.Pool, orbits[k])
		copy(out[36*k:], b[:])
	}
	return out, nil
}
