package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file computes the diffusion matrix of ExactMultipoleRadPass: AT's
// pass run with a non-null bdiff (diff_exactdrift.c, diff_str_exactkick.c
// and diff_thinkick.c), what PyAT's diffusion_matrix returns for it. PyAT
// computes the radiating exact bends' matrices as
// BndMPoleSymplectic4RadPass's with the same attributes (AT's exact bend
// kicks ignore bdiff), which elementDiffusion does. The multipole fringes,
// misalignments and apertures move the particle but do not propagate the
// matrix, as in AT.

// exDiffDrift propagates b through an exact drift of length l at the
// particle's momentum (AT's drift_propagateB), then moves the particle
// (exRadDrift).
func exDiffDrift(r *Particle, l float64, b *[36]float64) {
	pNorm := 1.0 / (1.0 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	normL := float64(l*pNorm) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))
	den := 1.0 - float64(xpr*xpr) - float64(ypr*ypr)
	var m [36]float64
	identity66(&m)
	m[6] = float64(normL*(1.0-float64(ypr*ypr))) / den
	m[18] = float64(float64(normL*xpr)*ypr) / den
	m[24] = float64(-normL*xpr) / den
	m[8] = float64(float64(normL*xpr)*ypr) / den
	m[20] = float64(normL*(1.0-float64(xpr*xpr))) / den
	m[26] = float64(-normL*ypr) / den
	m[11] = float64(normL*xpr) / den
	m[23] = float64(normL*ypr) / den
	m[29] = float64(-normL*(float64(xpr*xpr)+float64(ypr*ypr))) / den
	diffSandwich(&m, b)
	r[0] += float64(normL * r[1])
	r[2] += float64(normL * r[3])
	r[5] += float64(normL * (1.0 + r[4]))
}

// exDiffKick is exStrRadKick that first propagates b through the kick's
// symplectic matrix and adds the kick's diffusion (AT's
// diff_str_exactkick with a non-null bdiff).
func exDiffKick(r *Particle, a, bp []float64, maxOrder int, l, radC, difC float64, b *[36]float64) {
	reSum, imSum := exField(r, a, bp, maxOrder)
	pNorm := 1.0 / (1.0 + r[4])
	xpr := r[1] * pNorm
	ypr := r[3] * pNorm
	b2p := exStrB2Perp(imSum, reSum, xpr, ypr)
	factor := l / float64(pNorm*pNorm) / math.Sqrt(1.0-float64(xpr*xpr)-float64(ypr*ypr))

	kickMatrix(r, a, bp, maxOrder, l, 0, false, b)
	kickDiffusion(r, difC, b2p, factor, b)

	r[4] -= float64(float64(radC*b2p) * factor)
	pNorm = 1.0 / (1.0 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm
	r[1] -= float64(l * reSum)
	r[3] += float64(l * imSum)
}

// exactMultipoleDiffusion returns the diffusion matrix of an
// ExactMultipoleRadPass element entered at orbit (not lost).
func exactMultipoleDiffusion(e *device.Element, pool []float64, orbit [6]float64) [36]float64 {
	var b [36]float64
	var buf exactPolyBuf
	a, bp := exactPolys(&buf, pool, e)
	maxOrder := int(e.MaxOrder)
	y := newYoshida(e.Length, e.NumIntSteps)
	gamma := atGamma(e.Energy, 0)
	radC := atRadC * cube(gamma)
	difC := atDifConst * pow5(gamma)
	fr := newFrame(e, pool)
	r := Particle(orbit)
	if e.FieldScaling != 1.0 {
		changePRef(&r, e.FieldScaling)
	}
	entranceOps(&r, fr.t1, fr.r1, fr.rap, fr.eap)
	if e.FringeQuadEntrance != 0 {
		exMultipoleFringe(&r, a, bp, maxOrder, 1.0, false)
	}
	for m := 0; m < int(e.NumIntSteps); m++ {
		exDiffDrift(&r, y.l1, &b)
		exDiffKick(&r, a, bp, maxOrder, y.k1, radC, difC, &b)
		exDiffDrift(&r, y.l2, &b)
		exDiffKick(&r, a, bp, maxOrder, y.k2, radC, difC, &b)
		exDiffDrift(&r, y.l2, &b)
		exDiffKick(&r, a, bp, maxOrder, y.k1, radC, difC, &b)
		exDiffDrift(&r, y.l1, &b)
	}
	return b
}
