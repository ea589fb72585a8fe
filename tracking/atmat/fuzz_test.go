package atmat

import (
	"bytes"
	"os"
	"testing"

	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/atmat/internal/mat5"
)

// FuzzLoad: any bytes give a lattice or an error, never a panic; a
// lattice read is one that atjson writes and reads back.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"hmba", "dba"} {
		data, err := os.ReadFile("testdata/" + name + ".mat")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, b := range []mat5.Builder{{}, {Compress: true, Small: true}} {
		f.Add(b.File(b.Cell("RING", []int{1, 4},
			b.Elem("FamName", "ring", "Class", "RingParam", "Energy", 3e9, "Periodicity", 2.0, "Particle",
				b.Struct("", []string{"name", "rest_energy", "charge"}, b.Char("", "electron"), b.Scalar("", 510998.95), b.Scalar("", -1))),
			b.Elem("FamName", "QF", "PassMethod", "StrMPoleSymplectic4Pass", "Length", 0.5, "K", 1.2, "PolynomB", []float64{0, 1.2}, "PolynomA", []float64{0, 0}),
			b.Elem("FamName", "B", "PassMethod", "BndMPoleSymplectic4Pass", "Length", 1.0, "BendingAngle", 0.3, "R1", b.Double("", []int{6, 6}, make([]float64, 36)...)),
			b.Elem("FamName", "RF", "Class", "RFCavity", "Length", 0.0, "Voltage", 1e6, "Frequency", 3.5e8, "HarmNumber", 992.0, "Energy", 3e9),
		)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lat, err := Parse(data, "fuzz.mat", Options{})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := atjson.WriteLattice(lat, &b); err != nil {
			t.Fatal(err)
		}
		if _, err := atjson.ParseLattice(b.Bytes(), "fuzz.json"); err != nil {
			t.Fatalf("lattice read from MAT does not read back from JSON: %v", err)
		}
	})
}
