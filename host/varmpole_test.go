package host_test

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// TestVariableThinMPolePassPyAT compares VariableThinMPolePass with PyAT's
// cases (SINE with time per particle, SINE with ramps and misalignment,
// ARBITRARY non-periodic with apertures), one turn and several turns.
func TestVariableThinMPolePassPyAT(t *testing.T) {
	if w := timedAgreement(t, "VariableThinMPolePass"); w > 1e-13 {
		t.Errorf("largest relative difference %.3g, want <= 1e-13 (Go's sin within an ulp or two of glibc's)", w)
	}
}

// varMPoleKick tracks p once through a VariableThinMultipole of the
// attributes attrs, in a ring made 100 m long by a drift, at turn n, and
// returns the coordinates after the element.
func varMPoleKick(t *testing.T, attrs string, p [6]float64, n int) [6]float64 {
	t.Helper()
	lat, err := atjson.ParseLattice([]byte(`{"atjson": 1, "elements": [{"FamName": "VM", "PassMethod": "VariableThinMPolePass", `+attrs+`},
	{"FamName": "D", "PassMethod": "DriftPass", "Length": 100}],
	"properties": {"energy": 3e9, "particle": {"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}}}`), "vm.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := tracking.Track(lat, tracking.BeamFromRows([][6]float64{p}), tracking.Options{Turns: 1, Turn0: n, Refpts: []int{1}, Open: openGo})
	if err != nil {
		t.Fatal(err)
	}
	return res.MonitorAt(0, 0, 0)
}

// TestVariableThinMPoleRamps checks the ramp of the amplitude over turns
// (Ramps = [1, 3, 5, 8]: zero up to turn 1, linear up to turn 3, flat to
// turn 5, linear down to zero at turn 8) on a dipole kick of a one-sample
// periodic table: px = -2e-4 × ramp(turn).
func TestVariableThinMPoleRamps(t *testing.T) {
	attrs := `"MaxOrder": 0, "Mode": 2, "PolynomA": [0], "PolynomB": [0], "AmplitudeB": [2e-4], "FuncB": [1], "NSamplesB": 1, "Ramps": [1, 3, 5, 8]`
	ramp := []float64{0, 0, 0.5, 1, 1, 1, 2.0 / 3, 1.0 / 3, 0, 0}
	for n, r := range ramp {
		got := varMPoleKick(t, attrs, [6]float64{}, n)
		if want := -2e-4 * r; math.Abs(got[1]-want) > 1e-19 {
			t.Errorf("turn %d: px %.17g, want %.17g (ramp %.4g)", n, got[1], want, r)
		}
	}
}

// TestVariableThinMPoleArbitrary checks the turn-by-turn table on a normal
// quadrupole (px = -K1·x): FuncB = [1, 0.5, -0.5] repeats when Periodic,
// and gives no kick from turn 3 on when not.
func TestVariableThinMPoleArbitrary(t *testing.T) {
	const x, k1 = 2e-3, 0.3
	p := [6]float64{x, 0, 0, 0, 0, 0}
	for _, c := range []struct {
		periodic string
		factor   []float64
	}{
		{"true", []float64{1, 0.5, -0.5, 1, 0.5, -0.5, 1}},
		{"false", []float64{1, 0.5, -0.5, 0, 0, 0, 0}},
	} {
		attrs := `"MaxOrder": 1, "Mode": 2, "PolynomA": [0, 0], "PolynomB": [0, 0], "AmplitudeB": [0, 0.3], "FuncB": [1, 0.5, -0.5], "NSamplesB": 3, "Periodic": ` + c.periodic
		for n, fac := range c.factor {
			got := varMPoleKick(t, attrs, p, n)
			if want := -k1 * fac * x; math.Abs(got[1]-want) > 1e-18 {
				t.Errorf("Periodic %s, turn %d: px %.17g, want %.17g", c.periodic, n, got[1], want)
			}
		}
	}
}

// TestVariableThinMPoleSine checks the sine excitation on a skew
// quadrupole (py = A1·x): A1 = 0.03 sin(2π f t + 0.3) at the particle's
// time t = n·T0 + ct/c, T0 = 100 m/c, for several turns and delays.
func TestVariableThinMPoleSine(t *testing.T) {
	const amp, f, ph, x = 0.03, 1.234e6, 0.3, 1e-3
	attrs := `"MaxOrder": 1, "Mode": 0, "PolynomA": [0, 0], "PolynomB": [0, 0], "AmplitudeA": [0, 0.03], "FrequencyA": 1.234e6, "PhaseA": 0.3`
	t0 := 100 / tracking.C0
	for _, n := range []int{0, 3, 250} {
		for _, ct := range []float64{0, 0.05, -0.7} {
			got := varMPoleKick(t, attrs, [6]float64{x, 0, 0, 0, 0, ct}, n)
			tt := float64(n)*t0 + ct/tracking.C0
			phase := 2*math.Pi*f*tt + ph
			want := amp * math.Sin(phase) * x
			// A few ulps of the phase (up to 2π f·250 T0 ≈ 650 rad).
			if math.Abs(got[3]-want) > amp*x*1e-15*(1+phase) || got[1] != 0 {
				t.Errorf("turn %d ct %v: py %.17g, want %.17g (px %v, want 0)", n, ct, got[3], want, got[1])
			}
		}
	}
}
