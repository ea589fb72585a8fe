package tracking_test

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// compileHead and compileTail wrap elements into a lattice file.
const (
	compileHead = `{"atjson": 1, "elements": [`
	compileTail = `], "properties": {"energy": 3e9, "particle": {"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}}}`
)

// TestCompileRecords checks the records Compile fills: AT's defaults, the
// polynomials and matrices in the pool (column-major), the ring's energy
// and harmonic number in a cavity, and the plan's parameters.
func TestCompileRecords(t *testing.T) {
	data := compileHead + `{"FamName": "B", "PassMethod": "BndMPoleSymplectic4Pass", "Length": 1, "BendingAngle": 0.1, "EntranceAngle": 0.05, "ExitAngle": 0.05, "MaxOrder": 1, "NumIntSteps": 10, "PolynomA": [0, 0], "PolynomB": [0, 0.5], "R1": [[1,2,3,4,5,6],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]]},
	{"FamName": "RF", "PassMethod": "RFCavityPass", "Length": 0, "Voltage": 1e6, "Frequency": 352e6, "HarmNumber": 1}` + compileTail
	lat, err := atjson.ParseLattice([]byte(data), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	b := p.Elements[0]
	if b.FringeBendEntrance != 1 || b.FieldScaling != 1 || b.FringeQuadEntrance != 0 {
		t.Errorf("AT defaults not applied: %+v", b)
	}
	if got := p.Pool[b.PolynomB+1]; got != 0.5 {
		t.Errorf("PolynomB[1] = %v", got)
	}
	// R1 row 0 is (1..6): column-major, M[0][j] sits at j*6.
	for j := 0; j < 6; j++ {
		if got := p.Pool[int(b.R1)+6*j]; got != float64(j+1) {
			t.Errorf("R1[0][%d] = %v, want %d", j, got, j+1)
		}
	}
	rf := p.Elements[1]
	if rf.Energy != 3e9 {
		t.Errorf("cavity energy %v, want the ring's 3e9", rf.Energy)
	}
	// AT recomputes the harmonic number as round(f*T0) with T0 = L/c.
	if want := math.Round(352e6 * 1 / tracking.C0); rf.HarmNumber != want {
		t.Errorf("HarmNumber %v, want %v", rf.HarmNumber, want)
	}
	if p.Params.RingLength != 1 || len(p.Segments) != 1 || p.Segments[0].End != 2 {
		t.Errorf("params %+v segments %+v", p.Params, p.Segments)
	}
}

// TestShortPolynomialPadded checks that a polynomial of one value (valid
// for MaxOrder 0) is padded with a zero gradient in the pool, which AT's
// integrators read.
func TestShortPolynomialPadded(t *testing.T) {
	data := compileHead + `{"FamName": "B", "PassMethod": "BndMPoleSymplectic4Pass", "Length": 1, "BendingAngle": 0.1, "EntranceAngle": 0, "ExitAngle": 0, "MaxOrder": 0, "NumIntSteps": 10, "PolynomA": [0], "PolynomB": [0]},
	{"FamName": "M", "PassMethod": "Matrix66Pass", "M66": [[7,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]]}` + compileTail
	lat, err := atjson.ParseLattice([]byte(data), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	b := p.Elements[0]
	if got := p.Pool[b.PolynomB+1]; got != 0 {
		t.Errorf("B[1] reads %v, want the zero padding", got)
	}
	if got := p.Pool[b.PolynomA+1]; got != 0 {
		t.Errorf("A[1] reads %v, want the zero padding", got)
	}
}
