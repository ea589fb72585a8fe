package optics

import (
	"errors"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// errUnstable is PyAT's AtError('Unstable ring') of a_matrix.
var errUnstable = errors.New("unstable ring")

// dense is a small square matrix, rows first.
type dense [][]float64

func newDense(n int) dense {
	m := make(dense, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

// mul returns a b.
func (a dense) mul(b dense) dense {
	n := len(a)
	c := newDense(n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for k := 0; k < n; k++ {
				s += a[i][k] * b[k][j]
			}
			c[i][j] = s
		}
	}
	return c
}

// jmat returns PyAT's jmat(dms) (swap false) or jmatswap(dms) (swap true):
// block-diagonal [[0, 1], [-1, 0]] blocks, the third one transposed when
// swapped.
func jmat(dms int, swap bool) dense {
	j := newDense(2 * dms)
	for k := 0; k < dms; k++ {
		s := 1.0
		if swap && k == 2 {
			s = -1
		}
		j[2*k][2*k+1] = s
		j[2*k+1][2*k] = -s
	}
	return j
}

// aMatrix is PyAT's a_matrix(M): the matrix A with M = A R A^-1, R made of
// (damped) rotations ordered as x, y, z, and the eigenvalues of each mode.
func aMatrix(m dense) (dense, []complex128, error) {
	nv := len(m)
	dms := nv / 2
	flat := make([]float64, 0, nv*nv)
	for _, r := range m {
		flat = append(flat, r...)
	}
	var eig mat.Eigen
	if !eig.Factorize(mat.NewDense(nv, nv, flat), mat.EigenRight) {
		return nil, nil, errors.New("eigen decomposition failed")
	}
	lmbd := eig.Values(nil)
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	vv := make([][]complex128, nv) // vv[k] = eigenvector k
	for k := 0; k < nv; k++ {
		vv[k] = make([]complex128, nv)
		for i := 0; i < nv; i++ {
			vv[k][i] = vecs.At(i, k)
		}
	}
	jmt := jmat(dms, true)
	// n_k = -0.5j v_k^H jmt v_k
	n := make([]complex128, nv)
	for k := 0; k < nv; k++ {
		var s complex128
		for i := 0; i < nv; i++ {
			var t complex128
			for j := 0; j < nv; j++ {
				t += complex(jmt[i][j], 0) * vv[k][j]
			}
			s += cmplx.Conj(vv[k][i]) * t
		}
		n[k] = -0.5i * s
		if cmplx.Abs(n[k]) < 1e-12 {
			return nil, nil, errUnstable
		}
	}
	// positive before negative within each pair
	order := make([]int, nv)
	for k := 0; k < nv; k++ {
		order[k] = 2 * (k / 2)
		if real(n[k]) < 0 || (real(n[k]) == 0 && imag(n[k]) < 0) {
			order[k]++
		}
	}
	vn := make([][]complex128, nv)
	ln := make([]complex128, nv)
	for k := 0; k < nv; k++ {
		src := order[k]
		ln[k] = lmbd[src]
		sc := complex(math.Sqrt(cmplx.Abs(n[src])), 0)
		vn[k] = make([]complex128, nv)
		for i := range vn[k] {
			vn[k][i] = vv[src][i] / sc
		}
	}
	// nn[r][c] = 0.5 |sqrt(-1j (vn^H jmt vxyz)[r][c])|, vxyz block
	// diagonal [[-1j, -1], [1, 1j]]
	vxyz := make([][]complex128, nv)
	for i := range vxyz {
		vxyz[i] = make([]complex128, nv)
	}
	for b := 0; b < dms; b++ {
		vxyz[2*b][2*b], vxyz[2*b][2*b+1] = -1i, -1
		vxyz[2*b+1][2*b], vxyz[2*b+1][2*b+1] = 1, 1i
	}
	nn := func(r, c int) float64 {
		// (vn^H jmt vxyz)[r][c] = sum_i conj(vn[r][i]) sum_j jmt[i][j] vxyz[j][c]
		var s complex128
		for i := 0; i < nv; i++ {
			var t complex128
			for j := 0; j < nv; j++ {
				t += complex(jmt[i][j], 0) * vxyz[j][c]
			}
			s += cmplx.Conj(vn[r][i]) * t
		}
		return 0.5 * cmplx.Abs(cmplx.Sqrt(-1i*s))
	}
	rows := make([]int, 0, dms)
	for k := 0; k < nv; k += 2 {
		rows = append(rows, k)
	}
	a := newDense(nv)
	vps := make([]complex128, dms)
	for p, ixz := 0, 0; ixz < nv; p, ixz = p+1, ixz+2 {
		best := 0
		for r := 1; r < len(rows); r++ {
			if nn(rows[r], ixz) > nn(rows[best], ixz) {
				best = r
			}
		}
		k := rows[best]
		rows = append(rows[:best], rows[best+1:]...)
		vps[p] = ln[k]
		for i := 0; i < nv; i++ {
			a[i][2*p] = real(vn[k][i])
			a[i][2*p+1] = imag(vn[k][i])
		}
	}
	return a, vps, nil
}

// tunesOf returns PyAT's mod(angle(vps)/2pi, 1).
func tunesOf(vps []complex128) []float64 {
	t := make([]float64, len(vps))
	for i, v := range vps {
		t[i] = math.Mod(cmplx.Phase(v)/2/math.Pi, 1)
		if t[i] < 0 {
			t[i] += 1
		}
	}
	return t
}

// phase22 is PyAT's get_phase: atan2(a[0][1], a[0][0]) of a 2×2 block.
func phase22(a dense, k int) float64 {
	return math.Atan2(a[2*k][2*k+1], a[2*k][2*k])
}

// standardize is PyAT's _analyze6 standardize: each pair of columns
// rotated so that the diagonal blocks have a zero [0][1] element.
func standardize(a dense) dense {
	nv := len(a)
	out := newDense(nv)
	for k := 0; k < nv/2; k++ {
		rot := -phase22(a, k)
		cs, sn := math.Cos(rot), math.Sin(rot)
		for i := 0; i < nv; i++ {
			x, y := a[i][2*k], a[i][2*k+1]
			out[i][2*k] = x*cs + y*(-sn)
			out[i][2*k+1] = x*sn + y*cs
		}
	}
	return out
}

// rMatrices is PyAT's r_matrices: the phases mu_k of the diagonal blocks
// of ai and the mode matrices R_k = A S I_k A^-1 S^T.
func rMatrices(ai dense) ([]float64, []dense, error) {
	nv := len(ai)
	dms := nv / 2
	tt := jmat(dms, true)
	ss := jmat(dms, false)
	// ais = ai[:, slc] @ tt[slc, slc] for each slice
	ais := newDense(nv)
	for k := 0; k < dms; k++ {
		for i := 0; i < nv; i++ {
			for c := 0; c < 2; c++ {
				s := 0.0
				for q := 0; q < 2; q++ {
					s += ai[i][2*k+q] * tt[2*k+q][2*k+c]
				}
				ais[i][2*k+c] = s
			}
		}
	}
	// invai = solve(ai, ss.T)
	invai := newDense(nv)
	for c := 0; c < nv; c++ {
		b := make([]float64, nv)
		for i := 0; i < nv; i++ {
			b[i] = ss[c][i]
		}
		x, err := solve(ai, b)
		if err != nil {
			return nil, nil, err
		}
		for i := 0; i < nv; i++ {
			invai[i][c] = x[i]
		}
	}
	rs := make([]dense, dms)
	mu := make([]float64, dms)
	for k := 0; k < dms; k++ {
		r := newDense(nv)
		for i := 0; i < nv; i++ {
			for j := 0; j < nv; j++ {
				r[i][j] = ais[i][2*k]*invai[2*k][j] + ais[i][2*k+1]*invai[2*k+1][j]
			}
		}
		rs[k] = r
		mu[k] = phase22(ai, k)
	}
	return mu, rs, nil
}
