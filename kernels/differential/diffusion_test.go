//go:build cgo

package differential

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/kernels/cpu"
)

// diffusionTol is the agreement asked of the Go and C diffusion matrices:
// 1e-13 relative to the matrix's largest entry. The two run the same
// operations in the same order; they differ only where Go's math (Sin,
// Tan, Sqrt is exact) and glibc's round differently, and through pow(γ, 5)
// (glibc's vs a correctly rounded one), a few ulps that the sums of the
// sandwich products carry into entries far below the largest one: so the
// tolerance is taken on the matrix scale, not entry by entry.
const diffusionTol = 1e-13

// TestDiffusionGoC compares the diffusion matrices of the Go engine
// (host) and of the kernel source (kernels/cpu) on random radiating
// elements (misaligned, with fringes, corrector kicks, field scaling) and
// random orbits, and checks that non-radiating elements and lost
// particles give zeros.
func TestDiffusionGoC(t *testing.T) {
	methods := []device.Method{device.StrMPoleSymplectic4RadPass, device.BndMPoleSymplectic4RadPass,
		device.BndMPoleSymplectic4E2RadPass, device.StrMPoleSymplectic4Pass, device.DriftPass,
		device.ExactMultipoleRadPass, device.ExactSectorBendRadPass, device.ExactRectBendRadPass}
	c := cpu.New(device.Config{})
	worst, nonzero := 0.0, 0
	for seed := uint64(1); seed <= 300; seed++ {
		m := methods[seed%uint64(len(methods))]
		plan, in := singleCase(seed, m, 8)
		elems := make([]int, in.Len())
		orbits := make([][6]float64, in.Len())
		for i := range orbits {
			for k := 0; k < 6; k++ {
				// orbits near a closed orbit: the drawn core particles scaled down
				orbits[i][k] = in.Coords[k][i] * 0.1
			}
		}
		orbits[0][0] = math.NaN()
		goB, err := host.Diffusion(plan, elems, orbits)
		if err != nil {
			t.Fatal(err)
		}
		cB, err := c.DiffusionMatrices(plan, elems, orbits)
		if err != nil {
			t.Fatal(err)
		}
		for i := range elems {
			g, w := goB[36*i:36*i+36], cB[36*i:36*i+36]
			scale := 0.0
			for _, v := range w {
				scale = math.Max(scale, math.Abs(v))
			}
			if !m.HasDiffusion() || i == 0 {
				if scale != 0 || maxAbs(g) != 0 {
					t.Fatalf("seed %d %v orbit %d: want a zero matrix, got C %g Go %g", seed, m, i, scale, maxAbs(g))
				}
				continue
			}
			if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
				continue // lost on an aperture or escaped: nothing to compare
			}
			nonzero++
			for k := range w {
				d := math.Abs(g[k]-w[k]) / scale
				if !(d <= diffusionTol) {
					t.Fatalf("seed %d %v orbit %d entry (%d,%d): Go %.17g C %.17g (%.3g of the largest entry)", seed, m, i, k%6, k/6, g[k], w[k], d)
				}
				worst = math.Max(worst, d)
			}
		}
	}
	if nonzero < 300 {
		t.Fatalf("only %d non-zero matrices compared", nonzero)
	}
	t.Logf("%d matrices: largest Go-C difference %.3g of the matrix's largest entry (tolerance %g)", nonzero, worst, diffusionTol)
}

// maxAbs is the largest |v|.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}
