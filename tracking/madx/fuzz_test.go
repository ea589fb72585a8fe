package madx_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking/madx"
)

// FuzzParse feeds arbitrary text to Parse: it must return a lattice or an
// error, never panic or hang. The seed corpus is the reference files and
// snippets exercising deferred expressions, lines and sequences.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"pyat_test_file_parser.madx", "dbatestsbend2.seq", "features.madx", "features2.madx", "features3.madx"} {
		data, err := os.ReadFile(filepath.Join("testdata", "import", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "import", "low_emit_s10E_save.seq"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:4000]) // the variables of the ESRF file
	for _, s := range []string{
		"a := a + 1; q: quadrupole, l=a; ring: line=(q);",
		"a := b; b := a; ring: line=(q); q: quadrupole, l=b;",
		"m: marker; s: line=(m, m); ring: line=(2*s, -s, 3*(m, -s));",
		"d: drift, l=1; ring: sequence, l=3, refer=entry; d, at=1; endsequence; use, sequence=ring;",
		"x = 2^3^2 - -1/0.5 + sqrt(4) * sin(pi/6) + abs(-3) + floor(2.5); m: marker; ring: line=(m);",
		"beam, particle=electron, energy=3, radiate; q: quadrupole, l=1, k1:=k; k=0.5; ring: line=(q, q);",
		"none = 0; b: sbend, l=1, angle:=ang, hgap=0.01, fint=0.5; ring: line=(b);",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lat, err := madx.Parse(data, "fuzz.madx", madx.Options{Warn: io.Discard})
		if err == nil && lat == nil {
			t.Fatal("nil lattice without an error")
		}
		_, _ = madx.Parse(data, "fuzz.madx", madx.Options{Use: "ring", Energy: 3e9})
	})
}
