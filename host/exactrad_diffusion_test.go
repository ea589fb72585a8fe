package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestExactMultipoleDiffusion checks the diffusion matrix of
// ExactMultipoleRadPass on a quadrupole entered 1 mm off axis: its
// energy-energy entry against Ohmi's DIF_CONST γ⁵ ∫|K x(s)|³ ds along the
// orbit x(s) = x0 cos(√K s), DIF_CONST γ⁵ (K x0)³ (sin φ - sin³φ/3)/√K with
// φ = √K L (within 1e-3: the radiation and the slicing), and the whole matrix against StrMPoleSymplectic4RadPass's
// on the same magnet, which differs only by the paraxial expansion of the
// drifts and of the radiated power (angles of 1e-3: within 1e-5 of the
// largest entry). The exact bends' are BndMPoleSymplectic4RadPass's.
func TestExactMultipoleDiffusion(t *testing.T) {
	const L, k, x0, energy = 0.3, 0.8, 1e-3, 6e9
	e, pool := xtBend(device.ExactMultipoleRadPass, L, 0, k)
	e.Energy = energy
	orbit := [6]float64{x0, 0, 0, 0, 0, 0}
	got := elementDiffusion(&e, pool, orbit)

	gamma := energy / 0.51099895e6
	w := math.Sqrt(k)
	sn := math.Sin(w * L)
	want44 := atDifConst * math.Pow(gamma, 5) * math.Pow(k*x0, 3) * (sn - sn*sn*sn/3) / w
	if math.Abs(got[28]-want44) > 1e-3*want44 {
		t.Errorf("B[4][4] = %.6g, want %.6g (DIF_CONST γ⁵ ∫|K x|³ ds)", got[28], want44)
	}

	s := e
	s.Method = device.StrMPoleSymplectic4RadPass
	ref := elementDiffusion(&s, pool, orbit)
	scale := 0.0
	for _, v := range ref {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range ref {
		if d := math.Abs(got[i] - ref[i]); d > 1e-5*scale {
			t.Errorf("B[%d][%d]: exact %.6g, StrMPoleSymplectic4RadPass %.6g", i%6, i/6, got[i], ref[i])
		}
	}

	// PyAT computes the exact bends' matrices as BndMPoleSymplectic4RadPass's.
	for _, m := range []device.Method{device.ExactSectorBendRadPass, device.ExactRectBendRadPass, device.ExactRectangularBendRadPass} {
		b, pool := xtBend(m, L, 0.05, k)
		b.Energy = energy
		b.EntranceAngle, b.ExitAngle = 0.02, 0.03
		b.FullGap, b.FringeInt1, b.FringeInt2 = 0.04, 0.5, 0.4
		ref := b
		ref.Method = device.BndMPoleSymplectic4RadPass
		got, want := elementDiffusion(&b, pool, orbit), elementDiffusion(&ref, pool, orbit)
		if got != want || want == ([36]float64{}) {
			t.Errorf("%v: diffusion matrix not BndMPoleSymplectic4RadPass's (%v vs %v)", m, got[28], want[28])
		}
	}
}
