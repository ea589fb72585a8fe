package latfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDetect: the format comes from --format, else the extension, else
// the content; a content that contradicts the extension is named.
func TestDetect(t *testing.T) {
	mat := append([]byte("MATLAB 5.0 MAT-file, Platform: GLNXA64"), make([]byte, 128)...)
	for _, c := range []struct {
		path, data string
		forced     Format
		want       Format
		err        string
	}{
		{"ring.json", `{"atjson": 1}`, "", JSON, ""},
		{"RING.JSON", `{"atjson": 1}`, "", JSON, ""},
		{"ring.mat", string(mat), "", MAT, ""},
		{"ring.m", "function v=ring()\n", "", M, ""},
		{"ring.seq", "q: quadrupole, l=1;", "", MADX, ""},
		{"ring.madx", "q: quadrupole, l=1;", "", MADX, ""},
		{"ring.txt", "\n  {\"atjson\": 1}", "", JSON, ""},
		{"ring", string(mat), "", MAT, ""},
		{"ring.lat", "q: quadrupole, l=1;", "", "", "cannot tell the lattice format from the extension \".lat\""},
		{"ring.lat", "q: quadrupole, l=1;", "MADX", MADX, ""},
		{"ring.lat", "", "xsuite", "", `unknown format "xsuite"`},
		{"ring.json", string(mat), "", "", "the extension .json says PyAT JSON but the content is a MATLAB MAT file; rename the file or give --format mat"},
		{"ring.mat", `{"atjson": 1}`, "", "", "the extension .mat says a MATLAB MAT file but the content is PyAT JSON"},
		{"ring.m", string(mat), "", "", "the content is a MATLAB MAT file"},
	} {
		got, err := Detect(c.path, []byte(c.data), c.forced)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s %q: error %v, want one containing %q", c.path, c.forced, err, c.err)
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("%s %q: %q, %v; want %q", c.path, c.forced, got, err, c.want)
		}
	}
}

// TestLoadJSON: a JSON lattice loads as atjson reads it; Energy replaces
// the file's energy as PyAT's energy= keyword; Use is refused.
func TestLoadJSON(t *testing.T) {
	const file = "../../testdata/lattices/hmba.json"
	lat, err := Load(file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Energy != 6e9 || len(lat.Elements) != 121 || lat.Periodicity != 32 {
		t.Errorf("hmba: energy %g, %d elements, periodicity %d; want 6e9, 121, 32", lat.Energy, len(lat.Elements), lat.Periodicity)
	}
	lat, err = Load(file, Options{Energy: 3e9})
	if err != nil || lat.Energy != 3e9 {
		t.Errorf("--energy 3e9: energy %g, %v", lat.Energy, err)
	}
	if _, err := Load(file, Options{Use: "RING"}); err == nil || !strings.Contains(err.Error(), "--use RING applies to MAT files and MAD-X sequences") {
		t.Errorf("--use on JSON: %v", err)
	}
	// A MAT file named .json is refused by name, not by a JSON syntax error.
	bad := filepath.Join(t.TempDir(), "ring.json")
	if err := os.WriteFile(bad, append([]byte("MATLAB 5.0 MAT-file"), make([]byte, 200)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad, Options{}); err == nil || !strings.Contains(err.Error(), "the content is a MATLAB MAT file") {
		t.Errorf("MAT content in a .json file: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.json"), Options{}); err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("missing file: %v", err)
	}
}
