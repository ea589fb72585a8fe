package host

import "math"

// This file ports the quadrupole fringe maps of AT's quadfringe.c and the
// dipole edge and fringe maps of AT's atphyslib.c (plus the edge map of
// diff_bend_fringe.c used by the radiating bends). Every expression keeps
// AT's order of floating-point operations.

// quadFringeP applies the hard-edge quadrupole fringe map at a magnet
// entrance (Lee-Whiting's thin-lens limit, as in Forest's "Beam Dynamics"),
// for a normalised gradient b2 (AT's QuadFringePassP).
func quadFringeP(r *Particle, b2 float64) {
	u := b2 / (12.0 * (1.0 + r[4]))
	x2 := r[0] * r[0]
	z2 := r[2] * r[2]
	xz := r[0] * r[2]
	gx := u * (x2 + float64(3*z2)) * r[0]
	gz := u * (z2 + float64(3*x2)) * r[2]

	r[0] += gx
	r1tmp := 3 * u * (float64(2*xz*r[3]) - float64((x2+z2)*r[1]))
	r[2] -= gz
	r3tmp := 3 * u * (float64(2*xz*r[1]) - float64((x2+z2)*r[3]))
	r[5] -= (float64(gz*r[3]) - float64(gx*r[1])) / (1 + r[4])
	r[1] += r1tmp
	r[3] -= r3tmp
}

// quadFringeN applies the hard-edge quadrupole fringe map at a magnet exit
// (AT's QuadFringePassN): the entrance map with the signs of the
// corrections reversed.
func quadFringeN(r *Particle, b2 float64) {
	u := b2 / (12.0 * (1.0 + r[4]))
	x2 := r[0] * r[0]
	z2 := r[2] * r[2]
	xz := r[0] * r[2]
	gx := u * (x2 + float64(3*z2)) * r[0]
	gz := u * (z2 + float64(3*x2)) * r[2]

	r[0] -= gx
	r1tmp := 3 * u * (float64(2*xz*r[3]) - float64((x2+z2)*r[1]))
	r[2] += gz
	r3tmp := 3 * u * (float64(2*xz*r[1]) - float64((x2+z2)*r[3]))
	r[5] += (float64(gz*r[3]) - float64(gx*r[1])) / (1 + r[4])
	r[1] -= r1tmp
	r[3] += r3tmp
}

// fringeMat4 holds the transverse 4x4 block of the elegant-like linear
// quadrupole fringe matrix; the longitudinal block is the identity.
type fringeMat4 [4][4]float64

// quadPartialFringeMatrix builds elegant's linear fringe matrix for
// gradient k1 from the five fringe integrals fi; part 1 is the inner
// (magnet side) half, part 2 the outer half (AT's quadPartialFringeMatrix).
func quadPartialFringeMatrix(k1, inFringe float64, fi []float64, part int) fringeMat4 {
	var r fringeMat4
	var j1x, j2x, j3x, j1y, j2y, j3y float64
	k1sqr := k1 * k1
	if part == 1 {
		j1x = inFringe * (float64(k1*fi[1]) - 2*k1sqr*fi[3]/3. - k1sqr*fi[0]*fi[2]/2)
		j2x = inFringe * k1 * fi[2]
		j3x = inFringe * k1sqr * (fi[2] + fi[4] + float64(fi[0]*fi[1]))

		j1y = inFringe * (float64(-k1*fi[1]) - 2*k1sqr*fi[3]/3. - k1sqr*fi[0]*fi[2]/2)
		j2y = -j2x
		j3y = j3x
	} else {
		j1x = inFringe * (float64(k1*fi[1]) + k1sqr*fi[0]*fi[2]/2)
		j2x = inFringe * k1 * fi[2]
		j3x = inFringe * k1sqr * (fi[4] - float64(fi[0]*fi[1]))

		j1y = inFringe * (float64(-k1*fi[1]) + k1sqr*fi[0]*fi[2]/2)
		j2y = -j2x
		j3y = j3x
	}

	expJ1x := math.Exp(j1x)
	r[0][0] = expJ1x
	r[0][1] = j2x / expJ1x
	r[1][0] = expJ1x * j3x
	r[1][1] = (1 + float64(j2x*j3x)) / expJ1x

	expJ1y := math.Exp(j1y)
	r[2][2] = expJ1y
	r[2][3] = j2y / expJ1y
	r[3][2] = expJ1y * j3y
	r[3][3] = (1 + float64(j2y*j3y)) / expJ1y
	return r
}

// apply multiplies the transverse coordinates of r by the block-diagonal
// fringe matrix, as AT writes it out element by element.
func (m *fringeMat4) apply(r *Particle) {
	x, px, y, py := r[0], r[1], r[2], r[3]
	r[0] = float64(m[0][0]*x) + float64(m[0][1]*px)
	r[1] = float64(m[1][0]*x) + float64(m[1][1]*px)
	r[2] = float64(m[2][2]*y) + float64(m[2][3]*py)
	r[3] = float64(m[3][2]*y) + float64(m[3][3]*py)
}

// swapDiag exchanges the diagonal entries of each plane, which turns
// elegant's exit-side matrix into the entrance-side one.
func (m *fringeMat4) swapDiag() {
	m[0][0], m[1][1] = m[1][1], m[0][0]
	m[2][2], m[3][3] = m[3][3], m[2][2]
}

// linearQuadFringeEntrance applies elegant's linear fringe matrices around
// the Lee-Whiting entrance map (AT's linearQuadFringeElegantEntrance).
func linearQuadFringeEntrance(r *Particle, b2 float64, fringeIntM0, fringeIntP0 []float64) {
	m := quadPartialFringeMatrix(b2, 1.0, fringeIntP0, 2)
	m.swapDiag()
	m.apply(r)
	quadFringeP(r, b2)
	m = quadPartialFringeMatrix(b2, 1.0, fringeIntM0, 1)
	m.swapDiag()
	m.apply(r)
}

// linearQuadFringeExit applies elegant's linear fringe matrices around the
// Lee-Whiting exit map (AT's linearQuadFringeElegantExit).
func linearQuadFringeExit(r *Particle, b2 float64, fringeIntM0, fringeIntP0 []float64) {
	m := quadPartialFringeMatrix(b2, 1.0, fringeIntM0, 1)
	m.apply(r)
	quadFringeN(r, b2)
	m = quadPartialFringeMatrix(b2, 1.0, fringeIntP0, 2)
	m.apply(r)
}

// quadFringe describes the quadrupole fringe settings of a multipole
// magnet: the model at each end and the optional elegant integrals.
type quadFringe struct {
	entrance, exit int32
	intM0, intP0   []float64
}

// newQuadFringe reads the quadrupole fringe settings from an element record.
func newQuadFringe(fqEntrance, fqExit int32, pool []float64, offM0, offP0 int32) quadFringe {
	return quadFringe{
		entrance: fqEntrance,
		exit:     fqExit,
		intM0:    arr(pool, offM0, 5),
		intP0:    arr(pool, offP0, 5),
	}
}

// atEntrance applies the entrance quadrupole fringe for gradient b1, as
// AT's multipole integrators do: nothing when the model is 0 or b1 is 0,
// the elegant-like map for model 2 with both integral sets, else
// Lee-Whiting's map.
func (q *quadFringe) atEntrance(r *Particle, b1 float64) {
	if q.entrance != 0 && b1 != 0 {
		if q.entrance == 2 && q.intM0 != nil && q.intP0 != nil {
			linearQuadFringeEntrance(r, b1, q.intM0, q.intP0)
		} else {
			quadFringeP(r, b1)
		}
	}
}

// atExit is the exit counterpart of atEntrance.
func (q *quadFringe) atExit(r *Particle, b1 float64) {
	if q.exit != 0 && b1 != 0 {
		if q.exit == 2 && q.intM0 != nil && q.intP0 != nil {
			linearQuadFringeExit(r, b1, q.intM0, q.intP0)
		} else {
			quadFringeN(r, b1)
		}
	}
}

// edgeFringeCorr is the vertical fringe-field angle correction of a dipole
// edge, zero when the fringe integral, the gap or the model is zero.
func edgeFringeCorr(invRho, edgeAngle, fint, gap float64, method int32) float64 {
	if fint == 0.0 || gap == 0.0 || method == 0 {
		return 0.0
	}
	sedge := math.Sin(edgeAngle)
	cedge := math.Cos(edgeAngle)
	return invRho * gap * fint * (1 + float64(sedge*sedge)) / cedge
}

// edgeFringe applies dipole edge focusing with a fringe-field correction
// at a face of the magnet (AT's edge_fringe_entrance for side +1,
// edge_fringe_exit for side -1; the two differ only in the sign of the
// THOMX slope term). method is 0 (no fringe), 1 (Brown first order), 2
// (SOLEIL) or 3 (THOMX); any other value falls back to method 1.
func edgeFringe(r *Particle, invRho, edgeAngle, fint, gap float64, method int32, side float64) {
	fringecorr := edgeFringeCorr(invRho, edgeAngle, fint, gap, method)
	fx := invRho * math.Tan(edgeAngle)
	var fy float64
	switch method {
	case 2:
		fy = invRho * math.Tan(edgeAngle-fringecorr/(1+r[4])) / (1 + r[4])
	case 3:
		// (side*r[1])/(1+r[4]) is ±r[1]/(1+r[4]) exactly, and adding a
		// negated value is subtracting it: AT's two expressions, bit for bit.
		fy = invRho * math.Tan(edgeAngle-fringecorr+side*r[1]/(1+r[4]))
	default:
		fy = invRho * math.Tan(edgeAngle-fringecorr/(1+r[4]))
	}
	r[1] += float64(r[0] * fx)
	r[3] -= float64(r[2] * fy)
}

// diffBendFringe is the dipole edge map of AT's radiating bends
// (diff_bend_fringe.c, without the diffusion-matrix propagation). It uses
// p_norm = 1/(1+delta) products where edgeFringe divides, so it is
// kept separate to reproduce AT's rounding. sign is +1 at the entrance and
// -1 at the exit (it only matters for method 3).
func diffBendFringe(r *Particle, invRho, edgeAngle, fint, gap float64, method int32, sign float64) {
	fx, fy, _, _ := diffBendFringeCoefs(r, invRho, edgeAngle, fint, gap, method, sign)
	r[1] += float64(r[0] * fx)
	r[3] -= float64(r[2] * fy)
}

// e2Face is a dipole face of an E2 bend, as edgeFringe2 maps it.
type e2Face struct {
	invRho    float64 // curvature 1/rho
	edgeAngle float64 // face angle
	fint, gap float64 // fringe-field integral and full gap (e2Faces)
	hface     float64 // pole-face curvature (H1 or H2)
	k1        float64 // gradient (PolynomB[1])
	exit      bool    // the exit face
}

// edgeFringe2 is the second-order transport map of a dipole face with
// fringe field, pole-face curvature hface and gradient k1 (face f), used
// by the E2 bends: AT's edge_fringe2A at the entrance (exit false, hface =
// H1) and edge_fringe2B at the exit (exit true, hface = H2). The two differ in
// the signs of the geometric terms and in the extra h² terms of T211,
// T233 and T413, added here in AT's order.
func edgeFringe2(r *Particle, f *e2Face) {
	invRho, edgeAngle, fint, gap, hface, k1, exit := f.invRho, f.edgeAngle, f.fint, f.gap, f.hface, f.k1, f.exit
	fx := invRho * math.Tan(edgeAngle)
	dpsi := invRho * gap * fint * (1 + float64(math.Sin(edgeAngle)*math.Sin(edgeAngle))) / math.Cos(edgeAngle)
	psiBar := edgeAngle - dpsi
	fy := invRho * math.Tan(psiBar)
	h := invRho
	tpsi, tpsib := math.Tan(edgeAngle), math.Tan(psiBar)
	spsi := 1.0 / math.Cos(edgeAngle)

	r0, r2, r1 := r[0], r[2], r[1]
	t111 := 0.5 * h * tpsi * tpsi
	t133 := -0.5 * h * spsi * spsi
	if !exit {
		t111, t133 = -t111, -t133
	}
	t234 := t111
	t414 := t234
	t212 := -t111
	t313 := -t234
	t423 := -t133
	t211 := float64(0.5*h*hface*spsi*spsi*spsi) + float64(k1*tpsi)
	t233 := float64(-0.5*h*hface*spsi*spsi*spsi) - float64(k1*tpsi)
	t413 := float64(-0.5*h*hface*spsi*spsi*spsi) - float64(k1*tpsi)
	if exit {
		t211 -= float64(0.5 * h * h * tpsi * tpsi * tpsi)
		t233 -= float64(0.5 * h * h * tpsi * tpsib * tpsib)
		t413 += float64(0.5 * h * h * tpsi * (spsi * spsi))
	} else {
		t233 += float64(0.5 * h * h * tpsi * (float64(tpsib*tpsib) + float64(spsi*spsi)))
	}

	r[0] += float64(t111*r[0]*r[0]) + float64(t133*r[2]*r[2])
	r[1] += float64(r0*fx) + float64(2*t212*r0*r[1]) + float64(2*t234*r[2]*r[3]) + float64(t211*r0*r0) + float64(t233*r[2]*r[2])
	r[2] += float64(2 * t313 * r0 * r[2])
	r[3] += float64(-r2*fy) + float64(2*t414*r0*r[3]) + float64(2*t413*r0*r2) + float64(2*t423*r1*r2)
}

// edge applies hard-edge dipole edge focusing without fringe correction
// (AT's edge).
func edge(r *Particle, invRho, edgeAngle float64) {
	psi := invRho * math.Tan(edgeAngle)
	r[1] += float64(r[0] * psi)
	r[3] -= float64(r[2] * psi)
}

// diffBendFringeCoefs returns the horizontal and vertical focusing
// strengths of the dipole face of diffBendFringe (AT's diff_bend_fringe:
// fx from the edge angle, fy with the fringe-field correction psi as the
// method gives it) for the particle r, with psi and 1/(1+delta).
func diffBendFringeCoefs(r *Particle, invRho, edgeAngle, fint, gap float64, method int32, sign float64) (fx, fy, psi, pNorm float64) {
	pNorm = 1.0 / (1.0 + r[4])
	if fint == 0.0 || gap == 0.0 || method == 0 {
		psi = 0.0
	} else {
		sedge := math.Sin(edgeAngle)
		cedge := math.Cos(edgeAngle)
		psi = invRho * gap * fint * (1.0 + float64(sedge*sedge)) / cedge
	}
	fx = invRho * math.Tan(edgeAngle)
	switch method {
	case 2:
		fy = invRho * math.Tan(edgeAngle-float64(psi*pNorm)) * pNorm
	case 3:
		fy = invRho * math.Tan(edgeAngle-psi+float64(sign*r[1]*pNorm))
	default:
		fy = invRho * math.Tan(edgeAngle-float64(psi*pNorm))
	}
	return fx, fy, psi, pNorm
}
