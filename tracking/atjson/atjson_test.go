package atjson

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/collective"
)

var latticeFiles = []string{"hmba", "hmba_6d", "dba", "dba_6d", "FODO", "esrf"}

func TestLoadReferenceLattices(t *testing.T) {
	want := map[string]struct {
		n      int
		energy float64
		period int
	}{
		"hmba": {121, 6e9, 32}, "hmba_6d": {121, 6e9, 32}, "esrf": {1636, 6.04e9, 1},
	}
	for _, name := range latticeFiles {
		lat, err := LoadLattice(filepath.Join("..", "..", "testdata", "lattices", name+".json"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := tracking.Compile(lat); err != nil {
			t.Errorf("%s: compile: %v", name, err)
		}
		if w, ok := want[name]; ok {
			if len(lat.Elements) != w.n || lat.Energy != w.energy || lat.Periodicity != w.period {
				t.Errorf("%s: %d elements, energy %v, periodicity %d; want %d, %v, %d",
					name, len(lat.Elements), lat.Energy, lat.Periodicity, w.n, w.energy, w.period)
			}
		}
	}
	cell, _ := LoadLattice("../../testdata/lattices/hmba.json")
	// The cell length PyAT reports in testdata/lattices/index.json.
	if got, want := cell.Length(), 26.374287952316944; got != want {
		t.Errorf("hmba length %.17g, want %.17g", got, want)
	}
	if cell.Is6D() {
		t.Error("hmba (cavity off, no radiation) reported 6D")
	}
	six, _ := LoadLattice("../../testdata/lattices/hmba_6d.json")
	if !six.Is6D() {
		t.Error("hmba_6d not reported 6D")
	}
}

// TestRoundTrip reads each reference lattice, writes it, reads it again
// and requires the same lattice, attribute by attribute, bit for bit.
func TestRoundTrip(t *testing.T) {
	for _, name := range latticeFiles {
		path := filepath.Join("..", "..", "testdata", "lattices", name+".json")
		a, err := LoadLattice(path)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), name+".json")
		if err := SaveLattice(a, out); err != nil {
			t.Fatal(err)
		}
		b, err := LoadLattice(out)
		if err != nil {
			t.Fatalf("%s: reading back: %v", name, err)
		}
		a.File, b.File = "", ""
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: lattice changed in a write/read round trip", name)
		}
		// Writing again gives the same bytes.
		var w1, w2 bytes.Buffer
		WriteLattice(a, &w1)
		WriteLattice(b, &w2)
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			t.Errorf("%s: second write differs", name)
		}
	}
}

const goodHead = `{"atjson": 1, "elements": [`
const goodTail = `], "properties": {"energy": 3e9, "particle": {"name": "relativistic", "rest_energy": 0.0, "charge": -1.0}}}`

// TestLoaderErrors checks that bad input gives an error naming the file,
// the element index, the FamName and the attribute.
func TestLoaderErrors(t *testing.T) {
	quad := `{"FamName": "QF", "PassMethod": "StrMPoleSymplectic4Pass", "Length": 0.5, "MaxOrder": 1, "NumIntSteps": 10, "PolynomA": [0, 0], "PolynomB": [0, 1.2]}`
	drift := `{"FamName": "D1", "PassMethod": "DriftPass", "Length": 1.0}`
	cases := []struct {
		name, elem string
		want       []string // substrings of the error
	}{
		{"unknown passmethod", `{"FamName": "X1", "PassMethod": "WarpDrivePass", "Length": 1}`, []string{"bad.json", "element 1", "X1", "PassMethod", "WarpDrivePass"}},
		{"missing attribute", `{"FamName": "Q2", "PassMethod": "StrMPoleSymplectic4Pass", "Length": 0.5, "MaxOrder": 1, "PolynomA": [0, 0], "PolynomB": [0, 1]}`, []string{"element 1", "Q2", "NumIntSteps", "missing"}},
		{"ill-typed attribute", `{"FamName": "D2", "PassMethod": "DriftPass", "Length": "long"}`, []string{"element 1", "D2", "Length", "want a number", "long"}},
		{"short polynomial", `{"FamName": "S1", "PassMethod": "StrMPoleSymplectic4Pass", "Length": 0.2, "MaxOrder": 2, "NumIntSteps": 10, "PolynomA": [0, 0, 0], "PolynomB": [0, 1]}`, []string{"element 1", "S1", "PolynomB", "at least MaxOrder+1 = 3", "got 2"}},
		{"wrong vector length", `{"FamName": "D3", "PassMethod": "DriftPass", "Length": 1, "T1": [0, 0, 0]}`, []string{"element 1", "D3", "T1", "want 6 values, got 3"}},
		{"bad matrix", `{"FamName": "M1", "PassMethod": "Matrix66Pass", "Length": 0, "M66": [[1, 0], [0, 1]]}`, []string{"element 1", "M1", "M66", "6x6"}},
		{"non-finite value", `{"FamName": "D4", "PassMethod": "DriftPass", "Length": NaN}`, []string{"element 1", "D4", "Length", "NaN", "finite"}},
		{"non-finite in array", `{"FamName": "Q3", "PassMethod": "StrMPoleSymplectic4Pass", "Length": 0.5, "MaxOrder": 1, "NumIntSteps": 10, "PolynomA": [0, 0], "PolynomB": [0, -Infinity]}`, []string{"element 1", "Q3", "PolynomB", "Infinity"}},
		{"non-integer order", `{"FamName": "Q4", "PassMethod": "StrMPoleSymplectic4Pass", "Length": 0.5, "MaxOrder": 1.5, "NumIntSteps": 10, "PolynomA": [0, 0], "PolynomB": [0, 1]}`, []string{"element 1", "Q4", "MaxOrder", "integer"}},
		{"no passmethod", `{"FamName": "Z"}`, []string{"element 1", "Z", "PassMethod", "missing"}},
		{"element not an object", `[1, 2]`, []string{"element 1", "object"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := goodHead + quad + "," + c.elem + "," + drift + goodTail
			lat, err := ParseLattice([]byte(data), "bad.json")
			if err == nil {
				_, err = tracking.Compile(lat)
			}
			if err == nil {
				t.Fatal("no error")
			}
			var ee *tracking.ElementError
			if !errors.As(err, &ee) {
				t.Errorf("error %q is not an *tracking.ElementError", err)
			} else if ee.Index != 1 {
				t.Errorf("error names element %d, want 1", ee.Index)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`{"atjson": 1, "elements": [`, "not an AT JSON lattice"},
		{`{"elements": []}`, `no "atjson"`},
		{`{"atjson": 2, "elements": [], "properties": {"energy": 1e9}}`, "version 2"},
		{`{"atjson": 1, "elements": [], "properties": {}}`, `missing "energy"`},
		{`{"atjson": 1, "elements": [], "properties": {"energy": -1}}`, "energy: must be positive"},
		{`{"atjson": 1, "elements": [], "properties": {"energy": 1e9, "periodicity": 2.5}}`, "periodicity"},
		{"{\n\"atjson\": 1,\n\"elements\": [}", "line 3"},
	} {
		_, err := ParseLattice([]byte(c.data), "f.json")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "f.json") {
			t.Errorf("ParseLattice(%q): error %v, want one naming f.json and %q", c.data, err, c.want)
		}
	}
	if _, err := LoadLattice("no/such/file.json"); err == nil || !strings.Contains(err.Error(), "no/such/file.json") {
		t.Errorf("missing file: error %v", err)
	}
}

// FuzzParseLattice checks that the reader never panics, whatever the input.
func FuzzParseLattice(f *testing.F) {
	f.Add([]byte(goodHead + `{"FamName": "D", "PassMethod": "DriftPass", "Length": 1}` + goodTail))
	f.Add([]byte(`{"atjson": 1, "elements": [{"FamName": "Q", "PassMethod": "StrMPoleSymplectic4Pass", "PolynomB": [[1], NaN]}], "properties": {"energy": 1}}`))
	// A small lattice with matrices, nested particle data and non-finite
	// tokens; whole reference lattices make each run too slow to fuzz.
	f.Add([]byte(goodHead + `{"FamName": "M", "PassMethod": "Matrix66Pass", "M66": [[1,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]], "T1": [0,0,0,0,0,0]},
	{"FamName": "B", "PassMethod": "BndMPoleSymplectic4Pass", "Length": 1, "BendingAngle": 0.1, "EntranceAngle": 0.05, "ExitAngle": 0.05, "MaxOrder": 1, "NumIntSteps": 10, "PolynomA": [0, 0], "PolynomB": [0, 0.5], "Extra": {"a": [1, "x"]}},
	{"FamName": "C", "PassMethod": "RFCavityPass", "Length": 0, "Voltage": 1e6, "Frequency": 3.52e8, "TimeLag": Infinity}` + goodTail))
	f.Add([]byte(goodHead + `{"FamName": "W", "PassMethod": "WakeFieldPass", "_nslice": 2, "_nturns": 1, "_nelem": 3, "_wakefact": 1.0, "NormFact": [1, 1, 1], "_wakeT": [0, 0.001, 0.002], "_wakeZ": [0, 1, 2], "_turnhistory": [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]},
	{"FamName": "S", "PassMethod": "SliceMomentsPass", "nslice": 3, "_startturn": 0, "_endturn": 2, "ZCuts": [-0.01, 0.01]}` + goodTail))
	f.Fuzz(func(t *testing.T, data []byte) {
		lat, err := ParseLattice(data, "fuzz.json")
		if err != nil {
			return
		}
		if p, err := tracking.Compile(lat); err == nil && len(p.Elements) != len(lat.Elements) {
			t.Fatalf("plan has %d elements for %d", len(p.Elements), len(lat.Elements))
		}
		// Collective elements are compiled when a run starts: their
		// attributes must give errors, not panics, too.
		ring := &collective.Ring{NBunch: 2, Currents: []float64{1e-3, 1e-3}, Spos: []float64{0, 1}, RingLength: 2, Turns: 3, Total: 4}
		for _, el := range lat.Elements {
			if collective.IsPassMethod(el.PassMethod) {
				_, _ = collective.Compile(el.PassMethod, el, ring)
			}
		}
		var b bytes.Buffer
		if err := WriteLattice(lat, &b); err != nil {
			t.Fatal(err)
		}
	})
}
