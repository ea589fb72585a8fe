package optics

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// mul66 returns a·b.
func mul66(a, b [6][6]float64) [6][6]float64 {
	var c [6][6]float64
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			s := 0.0
			for k := 0; k < 6; k++ {
				s += a[i][k] * b[k][j]
			}
			c[i][j] = s
		}
	}
	return c
}

// add66 returns a+b.
func add66(a, b [6][6]float64) [6][6]float64 {
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			a[i][j] += b[i][j]
		}
	}
	return a
}

// transpose66 returns aᵀ.
func transpose66(a [6][6]float64) [6][6]float64 {
	var t [6][6]float64
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			t[j][i] = a[i][j]
		}
	}
	return t
}

// subDense returns the rows×cols block of a at (r0, c0) as a gonum matrix,
// rows and columns picked by the index lists.
func subDense(a [6][6]float64, rows, cols []int) *mat.Dense {
	d := mat.NewDense(len(rows), len(cols), nil)
	for i, r := range rows {
		for j, c := range cols {
			d.Set(i, j, a[r][c])
		}
	}
	return d
}

// det2 is the determinant of the 2x2 block of a on indices i, j.
func det2(a [6][6]float64, i, j int) float64 {
	return a[i][i]*a[j][j] - a[i][j]*a[j][i]
}

// solveLyapunov solves R = M·R·Mᵀ + B for R (what PyAT solves with
// solve_sylvester(inv(M), -Mᵀ, inv(M)·B)), through the 36x36 linear
// system (I - M⊗M)·vec(R) = vec(B), and returns (R + Rᵀ)/2.
func solveLyapunov(m, b [6][6]float64) ([6][6]float64, error) {
	a := mat.NewDense(36, 36, nil)
	rhs := mat.NewVecDense(36, nil)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			row := 6*i + j
			rhs.SetVec(row, b[i][j])
			for k := 0; k < 6; k++ {
				for l := 0; l < 6; l++ {
					v := -m[i][k] * m[j][l]
					if i == k && j == l {
						v += 1
					}
					a.Set(row, 6*k+l, v)
				}
			}
		}
	}
	var x mat.VecDense
	if err := x.SolveVec(a, rhs); err != nil {
		return [6][6]float64{}, fmt.Errorf("equilibrium beam matrix: %w", err)
	}
	var r [6][6]float64
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			r[i][j] = x.AtVec(6*i + j)
		}
	}
	for i := 0; i < 6; i++ {
		for j := 0; j < i; j++ {
			v := 0.5 * (r[i][j] + r[j][i])
			r[i][j], r[j][i] = v, v
		}
	}
	return r, nil
}

// jmat6 is PyAT's jmat(3); jmatSwap6 its jmatswap(3) (the last block
// transposed).
var (
	jmat6     = jBlocks(1)
	jmatSwap6 = jBlocks(-1)
)

// jBlocks is block_diag(J2, J2, last·J2) with J2 = [[0, 1], [-1, 0]].
func jBlocks(last float64) [6][6]float64 {
	var j [6][6]float64
	for k := 0; k < 3; k++ {
		s := 1.0
		if k == 2 {
			s = last
		}
		j[2*k][2*k+1] = s
		j[2*k+1][2*k] = -s
	}
	return j
}

// modeData is PyAT's get_tunes_damp(M, R): the tunes, damping rates and
// (with the beam matrix r) emittances of the three normal modes, in PyAT's
// order (the modes that project most on x, y, z).
func modeData(m, r [6][6]float64) (tunes, damping, emit [3]float64, err error) {
	var eig mat.Eigen
	if !eig.Factorize(subDense(m, seq6, seq6), mat.EigenRight) {
		return tunes, damping, emit, fmt.Errorf("eigen-decomposition of the one-turn matrix failed")
	}
	vals := eig.Values(nil)
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	v := make([][6]complex128, 6)
	for k := 0; k < 6; k++ {
		for i := 0; i < 6; i++ {
			v[k][i] = vecs.At(i, k)
		}
	}
	// norms n_k = -i/2 · v_kᴴ·J·v_k with PyAT's swapped J
	norm := func(x [6]complex128) complex128 {
		s := complex(0, 0)
		for i := 0; i < 6; i++ {
			for j := 0; j < 6; j++ {
				s += cmplx.Conj(x[i]) * complex(jmatSwap6[i][j], 0) * x[j]
			}
		}
		return complex(0, -0.5) * s
	}
	n := make([]complex128, 6)
	for k := range n {
		n[k] = norm(v[k])
		if cmplx.Abs(n[k]) < 1e-12 {
			return tunes, damping, emit, fmt.Errorf("unstable ring")
		}
	}
	// positive norm first in each conjugate pair, then normalise
	var vn [3][6]complex128
	var lm [3]complex128
	for p := 0; p < 3; p++ {
		k := 2 * p
		if real(n[k]) < 0 {
			k++
		}
		s := complex(math.Sqrt(cmplx.Abs(n[k])), 0)
		for i := 0; i < 6; i++ {
			vn[p][i] = v[k][i] / s
		}
		lm[p] = vals[k]
	}
	// projection of each mode on the planes: 0.5·|sqrt(-i·vᴴ·J·V_xyz)|,
	// V_xyz = block_diag of [[-i, -1], [1, i]]; column 2q of plane q
	proj := func(x [6]complex128, q int) float64 {
		// (vᴴ J)[c] for c in the block of plane q, times column 2q of V_xyz
		s := complex(0, 0)
		for _, c := range []int{2 * q, 2*q + 1} {
			vj := complex(0, 0)
			for i := 0; i < 6; i++ {
				vj += cmplx.Conj(x[i]) * complex(jmatSwap6[i][c], 0)
			}
			vx := complex(0, -1) // V_xyz[2q][2q]
			if c == 2*q+1 {
				vx = 1 // V_xyz[2q+1][2q]
			}
			s += vj * vx
		}
		return 0.5 * cmplx.Abs(cmplx.Sqrt(complex(0, -1)*s))
	}
	rows := []int{0, 1, 2}
	var order [3]int
	for q := 0; q < 3; q++ {
		best := 0
		for i := 1; i < len(rows); i++ {
			if proj(vn[rows[i]], q) > proj(vn[rows[best]], q) {
				best = i
			}
		}
		order[q] = rows[best]
		rows = append(rows[:best], rows[best+1:]...)
	}
	// A = [Re v1, Im v1, Re v2, ...]; mode emittances from diag(Aᵀ J R J A)
	jrj := mul66(mul66(jmat6, r), jmat6)
	for q := 0; q < 3; q++ {
		x := vn[order[q]]
		l := lm[order[q]]
		tunes[q] = math.Mod(cmplx.Phase(l)/2.0/math.Pi, 1.0)
		if tunes[q] < 0 {
			tunes[q] += 1.0
		}
		damping[q] = -math.Log(cmplx.Abs(l))
		var re, im [6]float64
		for i := 0; i < 6; i++ {
			re[i], im[i] = real(x[i]), imag(x[i])
		}
		emit[q] = -0.5 * (quad6(re, jrj) + quad6(im, jrj))
	}
	return tunes, damping, emit, nil
}

// quad6 is xᵀ·a·x.
func quad6(x [6]float64, a [6][6]float64) float64 {
	s := 0.0
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			s += x[i] * a[i][j] * x[j]
		}
	}
	return s
}

// seq6 is 0..5.
var seq6 = []int{0, 1, 2, 3, 4, 5}

// inverse returns the inverse of the square gonum matrix a.
func inverse(a *mat.Dense) (*mat.Dense, error) {
	var inv mat.Dense
	if err := inv.Inverse(a); err != nil {
		return nil, err
	}
	return &inv, nil
}
