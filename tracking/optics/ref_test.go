package optics

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/gotrack/gotrack/kernels/cpu" // the "cpu" backend (PyAT bit for bit)
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// Tolerances of issue 12.
const (
	tolOrbit   = 1e-11 // m
	tolMatrix  = 1e-8
	tolTune    = 1e-8
	tolChrom   = 1e-5
	tolBetaRel = 1e-7
	tolAlpha   = 1e-6
	tolDisp    = 1e-8
	tolMu      = 1e-8
	tolDampRel = 1e-5
)

// refNames are the public optics references (testdata/optics, copies of
// the refdata optics files).
var refNames = []string{"FODO", "dba", "esrf", "hmba"}

// refBlock is one block of a reference file (4d, as_loaded_6d,
// radiation_on_6d) decoded generically.
type refBlock map[string]json.RawMessage

type refFile struct {
	LatticeJSON string              `json:"lattice_json"`
	Periodicity int                 `json:"periodicity"`
	Blocks      map[string]refBlock `json:"-"`
}

func loadRef(t testing.TB, name string) (*refFile, map[string]refBlock) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "optics", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var f refFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	blocks := map[string]refBlock{}
	for _, k := range []string{"4d", "as_loaded_6d", "radiation_on_6d"} {
		if b, ok := all[k]; ok {
			var rb refBlock
			if err := json.Unmarshal(b, &rb); err != nil {
				t.Fatal(err)
			}
			blocks[k] = rb
		}
	}
	return &f, blocks
}

// field decodes key of a block's entry into v; false when absent or when
// PyAT raised an error there (then err holds the message).
func field(t testing.TB, b refBlock, entry, key string, v any) (ok bool, perr string) {
	t.Helper()
	raw, has := b[entry]
	if !has {
		return false, ""
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if e, has := m["error"]; has {
		var s string
		_ = json.Unmarshal(e, &s)
		return false, s
	}
	r, has := m[key]
	if !has {
		return false, ""
	}
	if err := json.Unmarshal(r, v); err != nil {
		t.Fatalf("%s.%s: %v", entry, key, err)
	}
	return true, ""
}

func loadLat(t testing.TB, file string) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return lat
}

// blockLattice returns the lattice a reference block was computed on:
// 4d = Disable6D of the file's lattice, as_loaded_6d = the file as loaded,
// radiation_on_6d = the _6d lattice file.
func blockLattice(t testing.TB, f *refFile, b refBlock, block string) *tracking.Lattice {
	t.Helper()
	switch block {
	case "4d":
		return Disable6D(loadLat(t, f.LatticeJSON))
	case "radiation_on_6d":
		var p string
		if err := json.Unmarshal(b["lattice_json"], &p); err != nil {
			t.Fatal(err)
		}
		return loadLat(t, p)
	default:
		return loadLat(t, f.LatticeJSON)
	}
}

// maxDiff tracks the largest difference of a quantity and reports it.
type maxDiff struct {
	name string
	tol  float64
	max  float64
	at   string
}

func (m *maxDiff) add(t testing.TB, got, want float64, where string) {
	t.Helper()
	d := math.Abs(got - want)
	if math.IsNaN(d) {
		d = math.Inf(1)
	}
	if d > m.max {
		m.max, m.at = d, where
	}
	if d > m.tol {
		t.Errorf("%s %s: got %.17g, PyAT %.17g (diff %.3g > %.3g)", m.name, where, got, want, d, m.tol)
	}
}

func (m *maxDiff) report(t testing.TB) {
	t.Helper()
	t.Logf("%-14s max diff %.3g (tol %.0e) %s", m.name, m.max, m.tol, m.at)
}

// jsonField decodes b[key] into v.
func jsonField(b refBlock, key string, v any) error {
	return json.Unmarshal(b[key], v)
}
