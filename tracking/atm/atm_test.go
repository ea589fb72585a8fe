package atm

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// roundTrip writes the lattice with atjson and reads it back, as the
// lattice would be saved and loaded as JSON.
func roundTrip(t *testing.T, lat *tracking.Lattice) *tracking.Lattice {
	t.Helper()
	var b bytes.Buffer
	if err := atjson.WriteLattice(lat, &b); err != nil {
		t.Fatal(err)
	}
	back, err := atjson.ParseLattice(b.Bytes(), "roundtrip.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return back
}

// relTol is the tolerance on every number; MATLAB's text of doubles read
// by strconv.ParseFloat, as Python's float() reads it, is expected to be
// bit-identical, and is checked so below.
const relTol = 1e-15

// compareValue compares attribute values: same Go type (hence same JSON
// type), numbers within relTol relative.
func compareValue(a, b any) (string, bool) {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return "type " + reflect.TypeOf(a).String() + " vs " + reflect.TypeOf(b).String(), false
	}
	close := func(x, y float64) bool {
		return x == y || math.Abs(x-y) <= relTol*math.Max(math.Abs(x), math.Abs(y))
	}
	switch x := a.(type) {
	case float64:
		return "", close(x, b.(float64))
	case []float64:
		y := b.([]float64)
		if len(x) != len(y) {
			return "length", false
		}
		for i := range x {
			if !close(x[i], y[i]) {
				return "item", false
			}
		}
		return "", true
	case [][]float64:
		y := b.([][]float64)
		if len(x) != len(y) {
			return "rows", false
		}
		for i := range x {
			if s, ok := compareValue(x[i], y[i]); !ok {
				return s, false
			}
		}
		return "", true
	}
	return "", reflect.DeepEqual(a, b)
}

// bitIdentical reports whether two attribute values hold the same bits.
func bitIdentical(a, b any) bool {
	switch x := a.(type) {
	case float64:
		return math.Float64bits(x) == math.Float64bits(b.(float64))
	case []float64:
		y := b.([]float64)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
	case [][]float64:
		for i := range x {
			if !bitIdentical(x[i], b.([][]float64)[i]) {
				return false
			}
		}
	}
	return true
}

// compareLattices checks got against want element by element and the
// ring properties; it returns the number of attributes compared and how
// many of them are bit-identical.
func compareLattices(t *testing.T, got, want *tracking.Lattice) (n, identical int) {
	t.Helper()
	if len(got.Elements) != len(want.Elements) {
		t.Fatalf("%d elements, want %d", len(got.Elements), len(want.Elements))
	}
	for i, g := range got.Elements {
		w := want.Elements[i]
		if g.FamName != w.FamName || g.PassMethod != w.PassMethod {
			t.Errorf("element %d: %s %s, want %s %s", i, g.FamName, g.PassMethod, w.FamName, w.PassMethod)
			continue
		}
		if len(g.Attrs) != len(w.Attrs) {
			t.Errorf("element %d (%s): attributes %v, want %v", i, g.FamName, names(g), names(w))
			continue
		}
		for j, ga := range g.Attrs {
			wa := w.Attrs[j]
			if ga.Name != wa.Name {
				t.Errorf("element %d (%s): attributes %v, want %v", i, g.FamName, names(g), names(w))
				break
			}
			n++
			if why, ok := compareValue(ga.Value, wa.Value); !ok {
				t.Errorf("element %d (%s) %s: %v, want %v (%s)", i, g.FamName, ga.Name, ga.Value, wa.Value, why)
				continue
			}
			if bitIdentical(ga.Value, wa.Value) {
				identical++
			}
		}
	}
	if got.Name != want.Name || got.Energy != want.Energy || got.Particle != want.Particle ||
		got.Periodicity != want.Periodicity || got.HarmonicNumber != want.HarmonicNumber {
		t.Errorf("ring: %q %v %+v periodicity %d harmonic %d, want %q %v %+v periodicity %d harmonic %d",
			got.Name, got.Energy, got.Particle, got.Periodicity, got.HarmonicNumber,
			want.Name, want.Energy, want.Particle, want.Periodicity, want.HarmonicNumber)
	}
	if !reflect.DeepEqual(got.Properties, want.Properties) {
		t.Errorf("properties %v, want %v", got.Properties, want.Properties)
	}
	return n, identical
}

func names(e *tracking.Element) []string {
	var s []string
	for _, a := range e.Attrs {
		s = append(s, a.Name)
	}
	return s
}

// TestESRFMatchesPyAT reads AT's machine_data/esrf.m and compares it with
// PyAT's at.load_lattice('esrf.m') saved as JSON (esrf.json): same
// elements in order, FamName, PassMethod, Class, attribute names, order
// and types, numbers within 1e-15 relative (and all bit-identical), same
// ring properties (energy, particle, periodicity, harmonic number,
// beam_current, nbunch); PyAT gave no warning, nor must the reader.
func TestESRFMatchesPyAT(t *testing.T) {
	var warn bytes.Buffer
	lat, err := Load(filepath.Join("testdata", "esrf.m"), Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if warn.Len() > 0 {
		t.Errorf("warnings, PyAT gave none:\n%s", warn.String())
	}
	want, err := atjson.LoadLattice(filepath.Join("testdata", "esrf.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := roundTrip(t, lat)
	n, identical := compareLattices(t, got, want)
	if n == 0 || identical != n {
		t.Errorf("%d of %d attribute values bit-identical to PyAT's", identical, n)
	}
	t.Logf("%d elements, %d attribute values compared, %d bit-identical", len(got.Elements), n, identical)
	// The lattice itself, before the JSON round trip, holds the same.
	compareLattices(t, lat, want)
}

// TestESRFTracking tracks 100 particles for 10 turns through the lattice
// read from esrf.m and through PyAT's esrf.json with the Go engine: the
// final coordinates must be identical bit for bit.
func TestESRFTracking(t *testing.T) {
	if testing.Short() {
		t.Skip("tracking 1636 elements")
	}
	lat, err := Load(filepath.Join("testdata", "esrf.m"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := atjson.LoadLattice(filepath.Join("testdata", "esrf.json"))
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][6]float64, 100)
	for i := range rows {
		f := float64(i) / 100
		rows[i] = [6]float64{1e-4 * math.Cos(7*f), 1e-5 * math.Sin(3*f), 5e-5 * math.Sin(11*f), -2e-6 * f, 1e-3 * (f - 0.5), 1e-3 * math.Cos(5*f)}
	}
	track := func(l *tracking.Lattice) *tracking.Beam {
		res, err := tracking.Track(l, tracking.BeamFromRows(rows), tracking.Options{Turns: 10, Device: "cpu"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Final
	}
	a, b := track(lat), track(ref)
	lost := 0
	for k := 0; k < 6; k++ {
		for i := range a.Coords[k] {
			x, y := a.Coords[k][i], b.Coords[k][i]
			if math.IsNaN(x) && math.IsNaN(y) {
				if k == 0 {
					lost++
				}
				continue
			}
			if math.Float64bits(x) != math.Float64bits(y) {
				t.Fatalf("particle %d coordinate %d: %.17g from esrf.m, %.17g from esrf.json", i, k, x, y)
			}
		}
	}
	if lost == len(rows) {
		t.Fatal("every particle lost: the comparison is empty")
	}
	t.Logf("%d particles identical after 10 turns (%d lost in both)", len(rows), lost)
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// TestPyATDifferences checks the warnings for what PyAT's load_m reads
// differently: an element on line 1 or 2 (PyAT skips both lines), code
// after the closing "};" (PyAT ignores it, MATLAB runs it).
func TestPyATDifferences(t *testing.T) {
	var warn bytes.Buffer
	lat, err := Parse([]byte("ring={atringparam('R',1e9,1);...\natdrift('D',1);...\natmarker('M')};\nring=atsetcavity(ring,1e6,0,10);\n"), "t.m", Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if len(lat.Elements) != 2 {
		t.Errorf("%d elements, want 2", len(lat.Elements))
	}
	w := warn.String()
	if !strings.Contains(w, "t.m:1: warning: PyAT's load_m skips the first two lines") {
		t.Errorf("no warning for line 1: %q", w)
	}
	if !strings.Contains(w, "t.m:4: warning: code after the lattice's closing") || !strings.Contains(w, "atsetcavity") {
		t.Errorf("no warning for code after the cell: %q", w)
	}
}
