package atm

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// relTol is the tolerance on every number; MATLAB's text of doubles read
// by strconv.ParseFloat, as Python's float() reads it, is expected to be
// bit-identical, and is checked so below.
const relTol = 1e-15

// sameAsPyAT compares got with PyAT's lattice (trackingtest.SameLattice
// within relTol) and requires every number bit-identical.
func sameAsPyAT(t *testing.T, got, want *tracking.Lattice) int {
	t.Helper()
	n, differ := trackingtest.SameLattice(t, got, want, relTol)
	if n == 0 || differ != 0 {
		t.Errorf("%d of %d numbers differ in their bits from PyAT's", differ, n)
	}
	return n
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
	got := trackingtest.JSONRoundTrip(t, lat)
	n := sameAsPyAT(t, got, want)
	t.Logf("%d elements, %d numbers compared, all bit-identical", len(got.Elements), n)
	// The lattice itself, before the JSON round trip, holds the same.
	sameAsPyAT(t, lat, want)
}

// TestESRFTracking tracks 100 particles for 10 turns through the lattice
// read from esrf.m and through PyAT's esrf.json on the cpu backend: the
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
	if lost := trackingtest.SameTracking(t, lat, ref, 100, 10); lost == 100 {
		t.Fatal("every particle lost: the comparison is empty")
	}
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
