package host

import (
	"math"
	"math/big"
)

// This file holds what the classical synchrotron-radiation kicks of AT's
// radiating integrators need (constants, the radiation constant, |e × B|²
// of diff_str_kick.c and diff_bnd_kick.c) and the kick of
// BndMPoleSymplectic4E2RadPass.c. The straight and bend radiating kicks
// themselves are strRadKick and bndRadKick in integrator.go. All are
// without the diffusion-matrix propagation: gotrack tracks without quantum
// diffusion, where AT passes a null diffusion matrix and the particle
// arithmetic is the same.

// Physical constants of AT's atconstants.h. They are variables initialised
// in float64 arithmetic, one rounding per operation, as C computes them.
var (
	atPi     = math.Pi
	atTwoPi  = 2.0 * atPi
	atRe     = 2.8179403205e-15 // classical electron radius [m]
	atE0GeV  = 510.99895069e-6  // electron rest energy [GeV]
	atCGamma = 4.0 * atPi * atRe / (3.0 * atE0GeV * atE0GeV * atE0GeV)
	atRadC   = 2.0 / 3.0 * atRe
)

// atGamma is the Lorentz factor AT's radiating passmethods use: energy
// over rest energy, with the electron mass when the rest energy is 0
// (PyAT's 'relativistic' particle).
func atGamma(energy, restEnergy float64) float64 {
	if restEnergy == 0.0 {
		return 1.0e-9 * energy / atE0GeV
	}
	return energy / restEnergy
}

// cube returns x³ correctly rounded, as glibc's pow(x, 3) does (Go's
// math.Pow rounds twice for integer exponents).
func cube(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x * x * x
	}
	f := new(big.Float).SetPrec(200).SetFloat64(x)
	g := new(big.Float).SetPrec(200).Mul(f, f)
	g.Mul(g, f)
	v, _ := g.Float64()
	return v
}

// radConstant is AT's rad_const = RAD_CONST·γ³ for the radiating
// multipole and bend integrators.
func radConstant(energy, restEnergy float64) float64 {
	return atRadC * cube(atGamma(energy, restEnergy))
}

// strB2Perp is |e × B|² for a straight element, e the unit vector along
// the particle velocity (diff_str_kick.c's B2perp).
func strB2Perp(bx, by, xpr, ypr float64) float64 {
	vNorm2 := 1.0 / (1.0 + float64(xpr*xpr) + float64(ypr*ypr))
	return (float64(by*by) + float64(bx*bx) + float64((float64(bx*ypr)-float64(by*xpr))*(float64(bx*ypr)-float64(by*xpr)))) * vNorm2
}

// bndB2Perp is |e × B|² in a curved frame of curvature irho (the B2perp of
// diff_bnd_kick.c and BndMPoleSymplectic4E2RadPass.c).
func bndB2Perp(bx, by, irho, x, xpr, ypr float64) float64 {
	vNorm2 := 1.0 / (float64((1.0+float64(x*irho))*(1.0+float64(x*irho))) + float64(xpr*xpr) + float64(ypr*ypr))
	return (float64((by*(1+float64(x*irho)))*(by*(1+float64(x*irho)))) + float64((bx*(1+float64(x*irho)))*(bx*(1+float64(x*irho)))) + float64((float64(bx*ypr)-float64(by*xpr))*(float64(bx*ypr)-float64(by*xpr)))) * vNorm2
}

// e2CRad is the radiation constant C_γ·E³/(2π·10²⁷) of
// BndMPoleSymplectic4E2RadPass for a reference energy e0 in eV.
func e2CRad(e0 float64) float64 {
	return atCGamma * e0 * e0 * e0 / (atTwoPi * 1e27)
}

// e2BndRadKick is the E2 bend kick (curvilinear Hamiltonian expanded to
// 4th order, PolynomA ignored) with classical radiation; crad comes from
// e2CRad (AT's bndthinkickrad of BndMPoleSymplectic4E2RadPass.c).
func e2BndRadKick(r *Particle, b []float64, l, h, crad float64, maxOrder int) {
	k1 := b[1]
	k2 := 0.0
	if maxOrder >= 2 {
		k2 = b[2]
	}
	reSum := b[maxOrder]
	imSum := 0.0
	for i := maxOrder - 1; i >= 0; i-- {
		t := float64(reSum*r[0]) - float64(imSum*r[2]) + b[i]
		imSum = float64(imSum*r[0]) + float64(reSum*r[2])
		reSum = t
	}

	pNorm := 1 / (1 + r[4])
	x := r[0]
	xpr := r[1] * pNorm
	y := r[2]
	ypr := r[3] * pNorm

	imSum += h * (float64(k1*h) - k2) * y * y * y / 6.0
	reSum += -k1*h*y*y/2.0 + h*(float64(k1*h)-k2)*x*y*y/2.0

	b2p := bndB2Perp(imSum, reSum+h, h, x, xpr, ypr)
	r[4] = r[4] - float64(crad*((1+r[4])*(1+r[4]))*b2p*(1+float64(x*h)+(float64(xpr*xpr)+float64(ypr*ypr))/2)*l)

	pNorm = 1 / (1 + r[4])
	r[1] = xpr / pNorm
	r[3] = ypr / pNorm

	r[1] -= float64(l * (float64(-h*r[4]) + reSum + float64(h*(float64(h*r[0])+float64(k1*(float64(r[0]*r[0])-float64(0.5*r[2]*r[2])))+float64(k2*(float64(r[0]*r[0]*r[0])-float64(4.0/3.0*r[0]*r[2]*r[2])))))))
	r[3] += float64(l * (imSum + float64(h*(float64(k1*r[0]*r[2])+float64(4.0/3.0*k2*r[0]*r[0]*r[2])+float64((float64(h/6.0*k1)-k2/3.0)*r[2]*r[2]*r[2])))))
	r[5] += float64(l * h * r[0])
}
