package host_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/refcase"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// openGo opens the Go engine.
func openGo(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }

// timedAgreement runs PyAT's cases of passmethod pm (testdata/elements),
// their one-turn lattice_pass and their multi-turn run from their first
// turn number, through the Go engine, requires the suite's element
// tolerance on every value and returns the largest relative difference
// (over the nonzero finite values of PyAT).
func timedAgreement(t *testing.T, pm string) float64 {
	t.Helper()
	cases, err := trackingtest.LoadElementCases("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	worst, n, turns := 0.0, 0, 0
	cmp := func(where string, got, want float64) {
		n++
		if math.IsNaN(want) || math.IsInf(want, 0) {
			if !(math.IsNaN(got) && math.IsNaN(want)) && got != want {
				t.Errorf("%s: got %v, PyAT %v", where, got, want)
			}
			return
		}
		d := math.Abs(got - want)
		if d > refcase.ElementAbs+refcase.ElementRel*math.Abs(want) {
			t.Errorf("%s: got %.17g, PyAT %.17g", where, got, want)
		}
		if want != 0 {
			worst = math.Max(worst, d/math.Abs(want))
		}
	}
	for _, c := range cases {
		if c.PassMethod != pm {
			continue
		}
		lat, err := c.Lattice()
		if err != nil {
			t.Fatal(err)
		}
		res, err := tracking.Track(lat, trackingtest.InputBeam(c.Input), tracking.Options{Turns: 1, Open: openGo})
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range c.LatticePass.Output {
			for k := 0; k < 6; k++ {
				cmp(c.Case, res.Final.Coords[k][i], float64(w[k]))
			}
		}
		if c.Turns != nil {
			trackingtest.TrackTurns(t, c, openGo, cmp)
			turns++
		}
	}
	if n == 0 || turns == 0 {
		t.Fatalf("no %s case with a multi-turn run in testdata/elements", pm)
	}
	t.Logf("%s: %d values, largest relative difference from PyAT %.3g", pm, n, worst)
	return worst
}

// TestCrabCavityPassPyAT compares CrabCavityPass with PyAT's cases, one
// turn and several turns from turns 500 and 1000 (the phase slip).
func TestCrabCavityPassPyAT(t *testing.T) {
	if w := timedAgreement(t, "CrabCavityPass"); w > 1e-13 {
		t.Errorf("largest relative difference %.3g, want <= 1e-13 (Go's sin and cos within an ulp or two of glibc's)", w)
	}
}

// crabLattice is a crab cavity of the attributes attrs followed by a
// drift making the ring 100 m long, at 6 GeV.
func crabLattice(t *testing.T, attrs string) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.ParseLattice([]byte(`{"atjson": 1, "elements": [{"FamName": "CC", "PassMethod": "CrabCavityPass", `+attrs+`},
	{"FamName": "D", "PassMethod": "DriftPass", "Length": 100}],
	"properties": {"energy": 6e9, "particle": {"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}}}`), "crab.json")
	if err != nil {
		t.Fatal(err)
	}
	return lat
}

// TestCrabCavityKick checks a thin crab cavity's kick against the physics
// written out independently: at turn n the particle of time-of-flight
// ct meets the cavity, of harmonic number h, at phase k ct + 2π n (f T0 -
// h) - k TimeLag - PhaseLag (k = 2π f/c: the phase slips by 2π (f T0 - h)
// every turn); the kick is
// ΔpX = (Vx/E) sin(phase), ΔpY = (Vy/E) sin(phase), and the energy change
// (Panofsky-Wenzel) Δδ = -(Vx x + Vy y)/E · (2π f/c) cos(phase)/(1+δ).
func TestCrabCavityKick(t *testing.T) {
	const (
		vx, vy, e0 = 2e6, -0.5e6, 6e9
		f, h       = 352.2e6, 117
		lag, plag  = 0.003, 0.4
		ring       = 100.0
	)
	lat := crabLattice(t, `"Length": 0, "Voltages": [2e6, -0.5e6], "Frequency": 352.2e6, "HarmNumber": 117, "TimeLag": 0.003, "PhaseLag": 0.4`)
	p := [6]float64{1e-3, 2e-5, -2e-3, -1e-5, 1e-3, 0.02}
	t0 := ring / tracking.C0
	k := 2 * math.Pi * f / tracking.C0
	for _, n := range []int{0, 1, 7, 1000} {
		res, err := tracking.Track(lat, tracking.BeamFromRows([][6]float64{p}), tracking.Options{Turns: 1, Turn0: n, Refpts: []int{1}, Open: openGo})
		if err != nil {
			t.Fatal(err)
		}
		got := res.MonitorAt(0, 0, 0)
		// Each turn the cavity's phase at the element slips by
		// 2π (f T0 - h); within the turn the particle sees k ct.
		phase := k*p[5] + 2*math.Pi*float64(n)*(f*t0-h) - k*lag - plag
		want := p
		want[1] += vx / e0 * math.Sin(phase)
		want[3] += vy / e0 * math.Sin(phase)
		want[4] -= (vx*p[0] + vy*p[2]) / e0 * k * math.Cos(phase) / (1 + p[4])
		// The phase grows with n to about 3000 rad at turn 1000 and is
		// computed here in another order: allow each kick an error of its
		// amplitude times a few ulps of the phase, and the coordinate 2
		// ulps.
		amp := [6]float64{0, vx / e0, 0, math.Abs(vy / e0), math.Abs(vx*p[0]+vy*p[2]) / e0 * k / (1 + p[4]), 0}
		for q := 0; q < 6; q++ {
			bound := amp[q]*1e-15*(1+math.Abs(phase)) + 4e-16*math.Abs(want[q])
			if d := math.Abs(got[q] - want[q]); d > bound {
				t.Errorf("turn %d %s: got %.17g, want %.17g (kick %.3g, difference %.3g > %.3g)", n, tracking.CoordNames[q], got[q], want[q], want[q]-p[q], d, bound)
			}
		}
	}
}

// TestCrabCavityThickIsDriftKickDrift checks that a thick crab cavity is
// the thin one between two half-length drifts, and that without
// HarmNumber the cavity is locked to the revolution (h = round(f T0)):
// with f = h/T0 its kick is the same every turn.
func TestCrabCavityThickIsDriftKickDrift(t *testing.T) {
	t0 := 100.0 / tracking.C0
	f := 335 / t0
	thin := crabLattice(t, `"Length": 0, "Voltages": [1e6, 1e6], "Frequency": `+fmtF(f))
	p := [6]float64{1e-3, 2e-4, -2e-3, -1e-4, 1e-3, 0.02}
	run := func(lat *tracking.Lattice, in [6]float64, turn int) [6]float64 {
		res, err := tracking.Track(lat, tracking.BeamFromRows([][6]float64{in}), tracking.Options{Turns: 1, Turn0: turn, Refpts: []int{1}, Open: openGo})
		if err != nil {
			t.Fatal(err)
		}
		return res.MonitorAt(0, 0, 0)
	}
	k0 := run(thin, p, 0)
	for _, n := range []int{1, 50, 977} {
		if k := run(thin, p, n); math.Abs(k[1]-k0[1]) > 1e-12*math.Abs(k0[1]-p[1]) {
			t.Errorf("turn %d: px %.17g, turn 0 %.17g: a revolution-locked cavity must kick the same every turn", n, k[1], k0[1])
		}
	}
	// Thick, of length 0.4, in a ring kept at 100 m: drift 0.2, kick, drift 0.2.
	thick, err := atjson.ParseLattice([]byte(`{"atjson": 1, "elements": [{"FamName": "CC", "PassMethod": "CrabCavityPass", "Length": 0.4, "Voltages": [1e6, 1e6], "Frequency": `+fmtF(f)+`},
	{"FamName": "D", "PassMethod": "DriftPass", "Length": 99.6}], "properties": {"energy": 6e9, "particle": {"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}}}`), "thick.json")
	if err != nil {
		t.Fatal(err)
	}
	half := func(r [6]float64) [6]float64 {
		pn := 1 / (1 + r[4])
		r[0] += 0.2 * pn * r[1]
		r[2] += 0.2 * pn * r[3]
		r[5] += 0.2 * pn * pn * (r[1]*r[1] + r[3]*r[3]) / 2
		return r
	}
	want := half(run(thin, half(p), 0))
	got := run(thick, p, 0)
	for q := 0; q < 6; q++ {
		if math.Abs(got[q]-want[q]) > 1e-16+1e-14*math.Abs(want[q]) {
			t.Errorf("%s: thick %.17g, drift-thin-drift %.17g", tracking.CoordNames[q], got[q], want[q])
		}
	}
}

// fmtF writes a float64 so that it reads back exactly.
func fmtF(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
