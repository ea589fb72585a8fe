package optics

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// Tolerances of issue 12 (radiation equilibrium), relative unless said.
const (
	tolEmit     = 1e-5  // emittances, damping times, sigma_e, sigma_l, J, f_s
	tolU0       = 1e-8  // energy loss per turn
	tolTinyEmit = 1e-20 // absolute, for the near-zero vertical emittances
	// tolDiffusion is asked of the cumulated diffusion matrix against
	// at.quantdiffmat, relative to its largest entry (B[4][4], 3.4e-11;
	// the smallest non-zero entries are 1e-7 of it, so entry-wise relative
	// errors would only measure the cancellations in them). The orbit, the
	// element matrices (finite differences of tracking that reproduces
	// PyAT bit for bit) and each element's diffusion matrix (AT's
	// operations in AT's order) are PyAT's to rounding; what is left is the
	// summation order of the 6x6 products of the cumulation (numpy's dot
	// against ours), a few ulps per element over 121 elements. Measured:
	// 7.7e-16 of B[4][4] on the Go engine and the C backend; 1e-13 leaves
	// a factor of 100 for other lattices and orbits while still catching
	// any error in the physics (a wrong term is 1e-3 or more).
	tolDiffusion = 1e-13
)

// radRef is testdata/radiation_ref.json, trimmed from the PyAT reference
// files (see its note).
type radRef struct {
	HMBA struct {
		Orbit6 struct {
			Orbit [6]float64 `json:"orbit"`
		} `json:"orbit6"`
		Ohmi struct {
			ModeEmittances [3]float64    `json:"mode_emittances"`
			Tunes          [3]float64    `json:"tunes"`
			DampingRates   [3]float64    `json:"damping_rates"`
			EmitXY         [2]float64    `json:"emitXY"`
			EmitXYZ        [3]float64    `json:"emitXYZ"`
			R66            [6][6]float64 `json:"r66"`
		} `json:"ohmi_envelope"`
		Params struct {
			Emittances [3]float64 `json:"emittances"`
			J          [3]float64 `json:"J"`
			Tau        [3]float64 `json:"Tau"`
			SigmaE     float64    `json:"sigma_e"`
			SigmaL     float64    `json:"sigma_l"`
			U0         float64    `json:"U0"`
			FS         float64    `json:"f_s"`
			Tunes6     [3]float64 `json:"tunes6"`
			E0         float64    `json:"E0"`
		} `json:"envelope_parameters"`
		EnergyLoss struct {
			Value float64 `json:"value"`
		} `json:"energy_loss"`
	} `json:"hmba"`
	DBA struct {
		EnergyLoss struct {
			Value float64 `json:"value"`
		} `json:"energy_loss"`
	} `json:"dba"`
	Quantdiff struct {
		Diffusion struct {
			Value [6][6]float64 `json:"value"`
		} `json:"diffusion_matrix"`
		Orbit struct {
			Orbit [6]float64 `json:"orbit"`
		} `json:"closed_orbit6"`
	} `json:"hmba_quantdiff"`
}

func loadRadRef(t testing.TB) *radRef {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "radiation_ref.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r radRef
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func loadRadLat(t *testing.T, name string) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.LoadLattice(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return lat
}

// goEngine opens the pure-Go engine, which every build has.
func goEngine(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }

// relCheck fails when |got-want| > tol·|want|, and logs the difference.
func relCheck(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	d := math.Abs(got-want) / math.Abs(want)
	if !(d <= tol) {
		t.Errorf("%s: got %.17g want %.17g (relative %.3g, tolerance %g)", what, got, want, d, tol)
		return
	}
	t.Logf("%s: relative %.3g (tolerance %g)", what, d, tol)
}

// absCheck fails when |got-want| > tol.
func absCheck(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	d := math.Abs(got - want)
	if !(d <= tol) {
		t.Errorf("%s: got %.17g want %.17g (absolute %.3g, tolerance %g)", what, got, want, d, tol)
		return
	}
	t.Logf("%s: absolute %.3g (tolerance %g)", what, d, tol)
}

func TestEnergyLossIntegral(t *testing.T) {
	ref := loadRadRef(t)
	for _, c := range []struct {
		file string
		want float64
	}{{"hmba_6d.json", ref.HMBA.EnergyLoss.Value}, {"dba_6d.json", ref.DBA.EnergyLoss.Value}} {
		u0, err := EnergyLossIntegral(loadRadLat(t, c.file))
		if err != nil {
			t.Fatal(err)
		}
		relCheck(t, c.file+" U0", u0, c.want, tolU0)
	}
}

// TestQuantDiffMat compares the diffusion matrix cumulated over the hmba
// cell with PyAT's at.quantdiffmat.
func TestQuantDiffMat(t *testing.T) {
	ref := loadRadRef(t)
	lat := loadRadLat(t, "hmba_6d.json")
	orbit := ref.Quantdiff.Orbit.Orbit
	got, err := QuantDiffMat(lat, &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	want := ref.Quantdiff.Diffusion.Value
	scale := 0.0
	for i := range want {
		for j := range want[i] {
			scale = math.Max(scale, math.Abs(want[i][j]))
		}
	}
	worst := 0.0
	for i := range want {
		for j := range want[i] {
			d := math.Abs(got[i][j]-want[i][j]) / scale
			if !(d <= tolDiffusion) {
				t.Errorf("B[%d][%d]: got %.17g want %.17g (%.3g of the largest entry, tolerance %g)", i, j, got[i][j], want[i][j], d, tolDiffusion)
			}
			worst = math.Max(worst, d)
		}
	}
	t.Logf("quantdiffmat: largest difference %.3g of B[4][4] (tolerance %g)", worst, tolDiffusion)
}

func TestOhmiEnvelopeHMBA(t *testing.T) {
	ref := loadRadRef(t)
	lat := loadRadLat(t, "hmba_6d.json")
	orbit := ref.HMBA.Orbit6.Orbit
	opt := &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: goEngine}}
	env, err := OhmiEnvelope(lat, []int{0, len(lat.Elements)}, opt)
	if err != nil {
		t.Fatal(err)
	}
	o := ref.HMBA.Ohmi
	for i := 0; i < 3; i++ {
		if o.ModeEmittances[i] < 1e-20 {
			absCheck(t, "mode emittance "+string(rune('1'+i)), env.ModeEmittances[i], o.ModeEmittances[i], tolTinyEmit)
		} else {
			relCheck(t, "mode emittance "+string(rune('1'+i)), env.ModeEmittances[i], o.ModeEmittances[i], tolEmit)
		}
		relCheck(t, "damping rate "+string(rune('1'+i)), env.DampingRates[i], o.DampingRates[i], tolEmit)
		relCheck(t, "tune "+string(rune('1'+i)), env.Tunes[i], o.Tunes[i], tolEmit)
	}
	for i := 0; i < 3; i++ {
		if o.EmitXYZ[i] < 1e-20 {
			absCheck(t, "emitXYZ "+string(rune('1'+i)), env.Start.EmitXYZ[i], o.EmitXYZ[i], tolTinyEmit)
		} else {
			relCheck(t, "emitXYZ "+string(rune('1'+i)), env.Start.EmitXYZ[i], o.EmitXYZ[i], tolEmit)
		}
	}
	relCheck(t, "emitXY x", env.Start.EmitXY[0], o.EmitXY[0], tolEmit)
	absCheck(t, "emitXY y", env.Start.EmitXY[1], o.EmitXY[1], tolTinyEmit)
	// r66: entries of the horizontal-longitudinal block relative to the
	// diagonal scale sqrt(r_ii r_jj); the vertical ones (1e-37) absolute
	worst := 0.0
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			w, g := o.R66[i][j], env.Start.R66[i][j]
			if i == 2 || i == 3 || j == 2 || j == 3 {
				absCheck(t, "r66 vertical", g, w, tolTinyEmit)
				continue
			}
			d := math.Abs(g-w) / math.Sqrt(o.R66[i][i]*o.R66[j][j])
			if !(d <= tolEmit) {
				t.Errorf("r66[%d][%d]: got %.17g want %.17g (%.3g of sqrt(r_ii r_jj))", i, j, g, w, d)
			}
			worst = math.Max(worst, d)
		}
	}
	t.Logf("r66: largest difference %.3g of sqrt(r_ii r_jj) (tolerance %g)", worst, tolEmit)
	// the end of the cell is the start again
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			a, b := env.At[0].R66[i][j], env.At[1].R66[i][j]
			if d := math.Abs(a - b); d > 1e-9*math.Sqrt(env.Start.R66[i][i]*env.Start.R66[j][j])+1e-30 {
				t.Errorf("r66[%d][%d] at the end %.17g differs from the start %.17g", i, j, b, a)
			}
		}
	}
}

func TestEnvelopeParametersHMBA(t *testing.T) {
	ref := loadRadRef(t)
	lat := loadRadLat(t, "hmba_6d.json")
	// the closed orbit found by FindOrbit6, as PyAT's envelope_parameters does
	rp, err := EnvelopeParameters(lat, &EnvelopeOptions{Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	p := ref.HMBA.Params
	for i := 0; i < 3; i++ {
		n := string(rune('1' + i))
		if p.Emittances[i] < 1e-20 {
			absCheck(t, "emittance "+n, rp.Emittances[i], p.Emittances[i], tolTinyEmit)
		} else {
			relCheck(t, "emittance "+n, rp.Emittances[i], p.Emittances[i], tolEmit)
		}
		relCheck(t, "J "+n, rp.J[i], p.J[i], tolEmit)
		relCheck(t, "Tau "+n, rp.Tau[i], p.Tau[i], tolEmit)
		relCheck(t, "tunes6 "+n, rp.Tunes6[i], p.Tunes6[i], tolEmit)
	}
	relCheck(t, "sigma_e", rp.SigmaE, p.SigmaE, tolEmit)
	relCheck(t, "sigma_l", rp.SigmaL, p.SigmaL, tolEmit)
	relCheck(t, "f_s", rp.FS, p.FS, tolEmit)
	relCheck(t, "U0", rp.U0, p.U0, tolU0)
	relCheck(t, "E0", rp.E0, p.E0, 0)
}

// BenchmarkOhmiEnvelopeRing times the envelope of the full hmba ring (the
// cell repeated 32 times, 3872 elements) on the Go engine, the closed
// orbit given.
func BenchmarkOhmiEnvelopeRing(b *testing.B) {
	cell, err := atjson.LoadLattice(filepath.Join("testdata", "hmba_6d.json"))
	if err != nil {
		b.Fatal(err)
	}
	ring, err := cell.Repeat(32)
	if err != nil {
		b.Fatal(err)
	}
	ref := loadRadRef(b)
	orbit := ref.HMBA.Orbit6.Orbit
	opt := &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: goEngine}}
	for b.Loop() {
		if _, err := OhmiEnvelope(ring, nil, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEnvelopeParametersFullRing checks that the full hmba ring (the cell
// repeated 32 times, periodicity 1, 3872 elements) has the cell's
// equilibrium: PyAT's envelope_parameters of the cell (periodicity 32)
// within the same tolerances.
func TestEnvelopeParametersFullRing(t *testing.T) {
	ref := loadRadRef(t)
	ring, err := loadRadLat(t, "hmba_6d.json").Repeat(32)
	if err != nil {
		t.Fatal(err)
	}
	rp, err := EnvelopeParameters(ring, &EnvelopeOptions{Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	p := ref.HMBA.Params
	for i := 0; i < 3; i++ {
		if p.Emittances[i] > 1e-20 {
			relCheck(t, "ring emittance", rp.Emittances[i], p.Emittances[i], tolEmit)
		}
		relCheck(t, "ring Tau", rp.Tau[i], p.Tau[i], tolEmit)
		relCheck(t, "ring J", rp.J[i], p.J[i], tolEmit)
	}
	relCheck(t, "ring sigma_e", rp.SigmaE, p.SigmaE, tolEmit)
	relCheck(t, "ring sigma_l", rp.SigmaL, p.SigmaL, tolEmit)
	relCheck(t, "ring f_s", rp.FS, p.FS, tolEmit)
	relCheck(t, "ring U0", rp.U0, p.U0, tolU0)
}
