package atmat

import (
	"bytes"
	"testing"

	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/trackingtest"

	_ "github.com/gotrack/gotrack/host"        // registers the CPU backend
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
)

// refTol is the relative tolerance on every number against PyAT's JSON.
// The values are the same doubles, so the test also counts how many are
// bit-identical and requires all of them to be.
const refTol = 1e-15

// TestReferenceLattices reads PyAT's test lattices hmba.mat and dba.mat
// and compares them with the JSON PyAT wrote after at.load_mat, both as
// read and after a JSON round trip through atjson; then it tracks 100
// particles for 10 turns through the lattice read from the .mat file and
// through PyAT's JSON lattice and requires identical final coordinates.
func TestReferenceLattices(t *testing.T) {
	for _, name := range []string{"hmba", "dba"} {
		t.Run(name, func(t *testing.T) {
			var warn bytes.Buffer
			got, err := Load("testdata/"+name+".mat", Options{Warn: &warn})
			if err != nil {
				t.Fatal(err)
			}
			if warn.Len() > 0 { // PyAT gave no warning for these files
				t.Errorf("warnings:\n%s", warn.String())
			}
			want, err := atjson.LoadLattice("testdata/" + name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			t.Log("as read:")
			if n, differ := trackingtest.SameLattice(t, got, want, refTol); differ != 0 {
				t.Errorf("as read: %d of %d numbers differ in their bits from PyAT's", differ, n)
			}
			back := trackingtest.JSONRoundTrip(t, got)
			t.Log("after a JSON round trip:")
			if n, differ := trackingtest.SameLattice(t, back, want, refTol); differ != 0 {
				t.Errorf("round trip: %d of %d numbers differ in their bits", differ, n)
			}
			lost := trackingtest.SameTracking(t, got, want, 100, 10)
			if lost == 100 {
				t.Error("every particle lost: the comparison would be empty")
			}
		})
	}
}
