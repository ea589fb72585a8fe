package optics

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// TestSimpleRingOptics compares the 6D closed orbit and one-turn matrix
// of PyAT's simple_ring (SimpleQuantDiffPass off, as PyAT computed them)
// with PyAT's find_orbit6 and find_m66: the lumped elements
// SimpleRadiationRadPass (damping, energy loss) and DeltaQPass (tunes,
// chromaticity) in a ring.
func TestSimpleRingOptics(t *testing.T) {
	ref, lat := loadRadiationCase(t, "simple_ring_quantdiff.json")
	m, o := compareOrbitM66(t, ref, lat, "SimpleQuantDiffPass")
	t.Logf("orbit6 ct %.17g (PyAT %.17g)", o[5], ref.Orbit.Orbit[5])
	// Damping: the determinant of the longitudinal block of a turn is
	// exp(-2/tauz) (amplitudes damped by exp(-1/tauz) per turn, tauz =
	// 300 turns), all of it from damp_mat_diag[4], which damps delta only.
	det := m[4][4]*m[5][5] - m[4][5]*m[5][4]
	if want := math.Exp(-2.0 / 300); math.Abs(det-want) > 1e-11 { // the ring matrix itself is symplectic to ~1e-12
		t.Errorf("longitudinal det %.15g, want exp(-2/tauz) = %.15g", det, want)
	}
}

// TestFastRingOptics compares the 6D closed orbit and one-turn matrix of
// PyAT's fast_ring of the radiating hmba cell (RFCavityPass,
// Matrix66Pass, DeltaQPass; QuantDiffPass off) with PyAT's find_orbit6
// and find_m66.
func TestFastRingOptics(t *testing.T) {
	ref, lat := loadRadiationCase(t, "fast_ring_quantdiff.json")
	compareOrbitM66(t, ref, lat, "QuantDiffPass")
}

// compareOrbitM66 switches the elements of passmethod stochastic off
// (IdentityPass, as PyAT computed its optics), then compares the 6D closed
// orbit and one-turn matrix of lat, on the Go engine, with PyAT's
// find_orbit6 (1e-11) and find_m66 (1e-8), and returns them. The orbit's
// ct is set by the energy loss; delta and x are rounding noise of 1e-12
// and below in both.
func compareOrbitM66(t *testing.T, ref *radiationCase, lat *tracking.Lattice, stochastic string) (Mat66, Vec6) {
	t.Helper()
	for _, e := range lat.Elements {
		if e.PassMethod == stochastic {
			e.PassMethod = "IdentityPass"
		}
	}
	opt := &Options{Open: goEngine}
	o, err := FindOrbit6(lat, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 6; k++ {
		if d := math.Abs(o.Orbit0[k] - ref.Orbit.Orbit[k]); d > 1e-11 {
			t.Errorf("orbit6[%d] = %.17g, PyAT %.17g", k, o.Orbit0[k], ref.Orbit.Orbit[k])
		}
	}
	m, _, err := FindM66(lat, nil, &o.Orbit0, opt)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for i := range m {
		for j := range m[i] {
			d := math.Abs(m[i][j] - ref.M66.Matrix[i][j])
			worst = math.Max(worst, d)
			if d > 1e-8 {
				t.Errorf("m66[%d][%d] = %.17g, PyAT %.17g", i, j, m[i][j], ref.M66.Matrix[i][j])
			}
		}
	}
	t.Logf("m66 within %.2g of PyAT's", worst)
	return m, o.Orbit0
}

// TestSwitch6DLumped checks Disable6D and Enable6D on PyAT's lumped
// elements as PyAT's disable_6d and enable_6d switch them:
// SimpleRadiation and EnergyLoss elements to IdentityPass and back to
// SimpleRadiationRadPass (with Energy) and EnergyLossRadPass (without),
// M66 between Matrix66Pass and Matrix66RadPass (with Energy); DeltaQPass
// and LongtAperturePass are not switched.
func TestSwitch6DLumped(t *testing.T) {
	_, lat := loadRadiationCase(t, "simple_ring_quantdiff.json")
	el := &tracking.Element{FamName: "EL", PassMethod: "EnergyLossRadPass"}
	el.Set("EnergyLoss", 1e6)
	el.Set("Class", "EnergyLoss")
	la := &tracking.Element{FamName: "LA", PassMethod: "LongtAperturePass"}
	la.Set("Limits", []float64{-0.01, 0.01, -1, 1})
	la.Set("Class", "LongtAperture")
	m66 := &tracking.Element{FamName: "M", PassMethod: "Matrix66Pass"}
	m66.Set("M66", [][]float64{{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 1}})
	lat.Elements = append(lat.Elements, el, la, m66)
	if !lat.Is6D() {
		t.Fatal("simple_ring with EnergyLossRadPass is not 6D")
	}
	off := Disable6D(lat)
	if off.Is6D() {
		t.Error("Disable6D: still 6D")
	}
	wantOff := []string{"IdentityPass", "IdentityPass", "IdentityPass", "Matrix66Pass", "DeltaQPass", "IdentityPass", "LongtAperturePass", "Matrix66Pass"}
	on := Enable6D(off)
	// PyAT's enable_6d leaves the quantum diffusion off (gotrack switches
	// it with WithQuantumDiffusion).
	wantOn := []string{"RFCavityPass", "SimpleRadiationRadPass", "IdentityPass", "Matrix66RadPass", "DeltaQPass", "EnergyLossRadPass", "LongtAperturePass", "Matrix66RadPass"}
	if !on.Is6D() {
		t.Error("Enable6D: not 6D")
	}
	for i := range lat.Elements {
		if got := off.Elements[i].PassMethod; got != wantOff[i] {
			t.Errorf("Disable6D: element %d (%s): %s, PyAT %s", i, lat.Elements[i].FamName, got, wantOff[i])
		}
		if got := on.Elements[i].PassMethod; got != wantOn[i] {
			t.Errorf("Enable6D: element %d (%s): %s, PyAT %s", i, lat.Elements[i].FamName, got, wantOn[i])
		}
	}
	for i, wantEnergy := range map[int]bool{1: true, 3: true, 5: false, 7: true} {
		_, has := on.Elements[i].Get("Energy")
		if has != wantEnergy {
			t.Errorf("Enable6D: element %d (%s) has Energy %v, PyAT %v", i, on.Elements[i].FamName, has, wantEnergy)
		}
	}
	// The switched-on ring tracks: Matrix66RadPass falls back on M66.
	if _, err := FindOrbit6(on, nil, &Options{Open: goEngine}); err != nil {
		t.Errorf("orbit6 of the switched-on ring: %v", err)
	}
}
