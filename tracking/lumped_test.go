package tracking_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// compileLumpedLattice compiles elements (JSON objects, comma separated) in a
// 3 GeV lattice of the given particle.
func compileLumpedLattice(t *testing.T, particle, elements string) (*device.Plan, error) {
	t.Helper()
	data := `{"atjson": 1, "elements": [` + elements + `], "properties": {"energy": 3e9, "particle": ` + particle + `}}`
	lat, err := atjson.ParseLattice([]byte(data), "lumped.json")
	if err != nil {
		t.Fatal(err)
	}
	return tracking.Compile(lat)
}

const (
	lumpedElectron     = `{"name": "electron", "rest_energy": 510998.95, "charge": -1.0}`
	lumpedRelativistic = `{"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}`
)

// TestCompileLumped checks the pool arrays of the lumped elements: what
// AT's trackFunction computes once (U0/E, EnergyLoss/Energy/beta^2 with
// the element's Energy preferred), DeltaQPass's parameters and
// chrom_maxorder terms (default 1), Matrix66RadPass's M66Rad (M66 when
// absent) with T1Rad, T2Rad (T1, T2 not read) and LongtAperturePass's
// Limits.
func TestCompileLumped(t *testing.T) {
	p, err := compileLumpedLattice(t, lumpedElectron, `
	{"FamName": "SR", "PassMethod": "SimpleRadiationRadPass", "U0": 2526188.658758993, "damp_mat_diag": [1, 0.99, 1, 0.98, 0.97, 1], "dispx": 0.03, "dispyp": -0.001, "Energy": 1e9},
	{"FamName": "EL", "PassMethod": "EnergyLossRadPass", "EnergyLoss": 1e6},
	{"FamName": "EL2", "PassMethod": "EnergyLossRadPass", "EnergyLoss": 4e5, "Energy": 2.5e9},
	{"FamName": "DQ", "PassMethod": "DeltaQPass", "Alphax": 0.1, "Alphay": -0.05, "Betax": 6.9, "Betay": 2.6, "A1": 3000, "A2": -1500, "A3": 2000, "chromx_arr": [2.1, 5], "chromy_arr": [1.4, 6], "T1": [1e-4, 0, 0, 0, 0, 0]},
	{"FamName": "DQ3", "PassMethod": "DeltaQPass", "Alphax": 0, "Alphay": 0, "Betax": 1, "Betay": 1, "A1": 0, "A2": 0, "A3": 0, "chromx_arr": [1, 2, 3], "chromy_arr": [4, 5, 6], "chrom_maxorder": 3},
	{"FamName": "MR", "PassMethod": "Matrix66RadPass", "M66": [[2,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]], "M66Rad": [[3,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]], "T1": [5e-3, 0, 0, 0, 0, 0], "T1Rad": [-1e-4, 0, 0, 0, 2e-4, 0], "T2Rad": [1e-4, 0, 0, 0, 0, 0]},
	{"FamName": "M6", "PassMethod": "Matrix66RadPass", "M66": [[2,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]], "T1": [5e-3, 0, 0, 0, 0, 0]},
	{"FamName": "LA", "PassMethod": "LongtAperturePass", "Limits": [-0.02, 0.02, -0.005, 0.005]}`)
	if err != nil {
		t.Fatal(err)
	}
	lumped := func(i, n int) []float64 {
		e := p.Elements[i]
		if e.Lumped == device.Absent {
			t.Fatalf("element %d: no Lumped array", i)
		}
		return p.Pool[e.Lumped : int(e.Lumped)+n]
	}
	// SimpleRadiationRadPass divides U0 by the ring energy (not the
	// element's Energy).
	sr := lumped(0, 11)
	wantSR := []float64{1, 0.99, 1, 0.98, 0.97, 1, 0.03, 0, 0, -0.001, 2526188.658758993 / 3e9}
	for k := range wantSR {
		if sr[k] != wantSR[k] {
			t.Errorf("SimpleRadiationRadPass pool[%d] = %v, want %v", k, sr[k], wantSR[k])
		}
	}
	// EnergyLossRadPass: 1e6/3e9 and 4e5/2.5e9, divided by beta^2 of an
	// electron at the ring's 3 GeV (1 - 2.9e-8).
	for i, want := range map[int]float64{1: 0.000333333343004442, 2: 0.00016000000464213218} {
		if got := lumped(i, 1)[0]; math.Abs(got-want) > 1e-18 {
			t.Errorf("EnergyLossRadPass element %d: dpp %.17g, want %.17g", i, got, want)
		}
	}
	dq := p.Elements[3]
	if dq.ChromOrder != 1 || dq.T1 == device.Absent {
		t.Errorf("DeltaQPass: ChromOrder %d (want the default 1), T1 %d", dq.ChromOrder, dq.T1)
	}
	wantDQ := []float64{0.1, -0.05, 6.9, 2.6, 3000, -1500, 2000, 2.1, 1.4}
	for k, v := range lumped(3, 9) {
		if v != wantDQ[k] {
			t.Errorf("DeltaQPass pool[%d] = %v, want %v", k, v, wantDQ[k])
		}
	}
	if p.Elements[4].ChromOrder != 3 {
		t.Errorf("DeltaQPass chrom_maxorder 3: ChromOrder %d", p.Elements[4].ChromOrder)
	}
	for k, v := range lumped(4, 13)[7:] {
		if v != float64(k+1) {
			t.Errorf("DeltaQPass order 3: chromaticity %d = %v, want %d", k, v, k+1)
		}
	}
	mr := p.Elements[5]
	if m := p.Pool[mr.M66]; m != 3 {
		t.Errorf("Matrix66RadPass: M66[0][0] %v, want M66Rad's 3", m)
	}
	if mr.T1 == device.Absent || p.Pool[mr.T1] != -1e-4 || p.Pool[mr.T1+4] != 2e-4 || mr.T2 == device.Absent || p.Pool[mr.T2] != 1e-4 {
		t.Errorf("Matrix66RadPass: T1 %d, T2 %d do not hold T1Rad, T2Rad", mr.T1, mr.T2)
	}
	m6 := p.Elements[6]
	if m := p.Pool[m6.M66]; m != 2 || m6.T1 != device.Absent {
		t.Errorf("Matrix66RadPass without M66Rad: M66[0][0] %v (want M66's 2), T1 %d (want absent: T1 is not read)", m, m6.T1)
	}
	la := p.Elements[7]
	for k, want := range []float64{-0.02, 0.02, -0.005, 0.005} {
		if got := p.Pool[int(la.RApertures)+k]; got != want {
			t.Errorf("LongtAperturePass Limits[%d] = %v, want %v", k, got, want)
		}
	}
}

// TestCompileLumpedErrors checks that bad attributes of the lumped
// elements are refused with the element and attribute named.
func TestCompileLumpedErrors(t *testing.T) {
	for _, c := range []struct{ elem, attr, msg string }{
		{`{"FamName": "SR", "PassMethod": "SimpleRadiationRadPass", "damp_mat_diag": [1, 1, 1, 1, 1, 1]}`, "U0", "missing"},
		{`{"FamName": "SR", "PassMethod": "SimpleRadiationRadPass", "U0": 1e5, "damp_mat_diag": [1, 1, 1, 1, 1]}`, "damp_mat_diag", "want 6 values"},
		{`{"FamName": "EL", "PassMethod": "EnergyLossRadPass"}`, "EnergyLoss", "missing"},
		{`{"FamName": "EL", "PassMethod": "EnergyLossRadPass", "EnergyLoss": 1e5, "Energy": -1}`, "Energy", "positive"},
		{`{"FamName": "DQ", "PassMethod": "DeltaQPass", "Alphax": 0, "Alphay": 0, "Betax": 0, "Betay": 1, "A1": 0, "A2": 0, "A3": 0, "chromx_arr": [1], "chromy_arr": [1]}`, "Betax", "positive"},
		{`{"FamName": "DQ", "PassMethod": "DeltaQPass", "Alphax": 0, "Alphay": 0, "Betax": 1, "Betay": 1, "A1": 0, "A2": 0, "A3": 0, "chromx_arr": [1, 2], "chromy_arr": [1], "chrom_maxorder": 2}`, "chromy_arr", "at least chrom_maxorder = 2"},
		{`{"FamName": "DQ", "PassMethod": "DeltaQPass", "Alphax": 0, "Alphay": 0, "Betax": 1, "Betay": 1, "A1": 0, "A3": 0, "chromx_arr": [1], "chromy_arr": [1]}`, "A2", "missing"},
		{`{"FamName": "MR", "PassMethod": "Matrix66RadPass", "T1Rad": [0, 0, 0, 0, 0, 0]}`, "M66", "missing"},
		{`{"FamName": "LA", "PassMethod": "LongtAperturePass", "Limits": [0, 1]}`, "Limits", "want 4 values"},
	} {
		_, err := compileLumpedLattice(t, lumpedRelativistic, c.elem)
		var ee *tracking.ElementError
		if !errors.As(err, &ee) || ee.Attr != c.attr || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "element 0") {
			t.Errorf("%s: error %v, want one on attribute %s saying %q", c.elem, err, c.attr, c.msg)
		}
	}
}

// TestLumpedRingOneTurn tracks one particle through SimpleRadiationRadPass
// and EnergyLossRadPass on the Go engine: the energy lost is U0/E plus
// EnergyLoss/E (times (1+delta)^2) for a particle on axis.
func TestLumpedRingOneTurn(t *testing.T) {
	data := `{"atjson": 1, "elements": [
	{"FamName": "SR", "PassMethod": "SimpleRadiationRadPass", "U0": 6e5, "damp_mat_diag": [1, 1, 1, 1, 1, 1]},
	{"FamName": "EL", "PassMethod": "EnergyLossRadPass", "EnergyLoss": 3e5}],
	"properties": {"energy": 3e9, "particle": ` + lumpedRelativistic + `}}`
	lat, err := atjson.ParseLattice([]byte(data), "lumped.json")
	if err != nil {
		t.Fatal(err)
	}
	if !lat.Is6D() {
		t.Error("a lattice with SimpleRadiationRadPass is not 6D")
	}
	res, err := tracking.Track(lat, tracking.NewBeam(1), tracking.Options{Turns: 1, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	d1 := -6e5 / 3e9
	want := d1 - 3e5/3e9*(1+d1)*(1+d1)
	if got := res.Final.Coords[4][0]; math.Abs(got-want) > 1e-18 {
		t.Errorf("delta after one turn %.17g, want %.17g", got, want)
	}
}
