package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestLatticeImport converts every public import case with "gotrack
// lattice FILE [--use NAME] [--energy E] --write OUT.json" and compares
// OUT.json with the lattice PyAT made of the same file (load_mat, load_m,
// load_madx; the calls are in each package's testdata): the same elements
// in order, passmethods and attributes, every number within 1e-15
// relative (MAD-X: 1e-12), and 100 particles tracked for 10 turns
// through both give identical final coordinates; where PyAT's reference
// gives the lattice's tunes (get_tune), the converted lattice has them
// within 1e-9. The ESRF MAD-X file is
// the original, which PyAT's reader refuses (its reference was made from
// a patched copy).
func TestLatticeImport(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, src, ref string
		args           []string
		rtol           float64
		tune           []float64 // PyAT's get_tune of the lattice, where the reference set has it
	}{
		{"mat-hmba", "../../tracking/atmat/testdata/hmba.mat", "../../tracking/atmat/testdata/hmba.json", nil, 1e-15, nil},
		{"mat-dba", "../../tracking/atmat/testdata/dba.mat", "../../tracking/atmat/testdata/dba.json", nil, 1e-15, nil},
		{"m-esrf", "../../tracking/atm/testdata/esrf.m", "../../tracking/atm/testdata/esrf.json", nil, 1e-15, nil},
		{"madx-parser-ring.1", "../../tracking/madx/testdata/import/pyat_test_file_parser.madx",
			"../../tracking/madx/testdata/import/pyat_test_file_parser__ring_1.json", []string{"--use", "ring.1"}, 1e-12, nil},
		{"madx-parser-cell.1", "../../tracking/madx/testdata/import/pyat_test_file_parser.madx",
			"../../tracking/madx/testdata/import/pyat_test_file_parser__cell_1.json", []string{"--use", "cell.1"}, 1e-12,
			[]float64{0.1333466403888044, 0.13412809249405214}},
		{"madx-dbatestsbend2", "../../tracking/madx/testdata/import/dbatestsbend2.seq",
			"../../tracking/madx/testdata/import/dbatestsbend2__ring.json", []string{"--use", "ring"}, 1e-12,
			[]float64{0.6335693990259352, 0.5382327116636061}},
		{"madx-esrf-original", "../../tracking/madx/testdata/import/low_emit_s10E_save.seq",
			"../../tracking/madx/testdata/import/low_emit_s10E_save__low_emit_ring.json.gz", []string{"--use", "low_emit_ring", "--energy", "6.03e9"}, 1e-12,
			[]float64{0.5794835016356664, 0.6004318610773469}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name+".json")
			args := append([]string{"lattice", c.src, "--write", out}, c.args...)
			if code, stdout, stderr := gotrack(t, args...); code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			got, err := atjson.LoadLattice(out)
			if err != nil {
				t.Fatal(err)
			}
			want := trackingtest.ReadJSONLattice(t, c.ref)
			trackingtest.SameLattice(t, got, want, c.rtol)
			trackingtest.SameTracking(t, got, want, 100, 10)
			if c.tune != nil {
				tune, err := optics.GetTune(got, nil)
				if err != nil {
					t.Fatal(err)
				}
				for k := range c.tune {
					if math.Abs(tune[k]-c.tune[k]) > 1e-9 {
						t.Errorf("tune %d = %.12f, PyAT %.12f (tolerance 1e-9)", k, tune[k], c.tune[k])
					}
				}
			}
		})
	}
}
