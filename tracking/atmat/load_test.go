package atmat

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"

	_ "github.com/gotrack/gotrack/host"        // registers the CPU backend
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
)

// refTol is the relative tolerance on every number against PyAT's JSON.
// The values are the same doubles, so the test also counts how many are
// bit-identical and requires all of them to be.
const refTol = 1e-15

// compareLattices reports every difference between got and want: element
// order, FamName, PassMethod, attribute names, order and Go types, the
// numbers within refTol, and the ring properties. It returns the count of
// numbers compared and of bit-identical ones.
func compareLattices(t *testing.T, label string, got, want *tracking.Lattice) (n, same int) {
	t.Helper()
	num := func(where string, g, w float64) {
		n++
		if math.Float64bits(g) == math.Float64bits(w) {
			same++
			return
		}
		if math.Abs(g-w) > refTol*math.Abs(w) {
			t.Errorf("%s: %s = %v, PyAT %v", label, where, g, w)
		}
	}
	if got.Name != want.Name || got.Periodicity != want.Periodicity || got.HarmonicNumber != want.HarmonicNumber || got.Particle != want.Particle {
		t.Errorf("%s: properties name %q periodicity %d harmonic %d particle %+v, PyAT %q %d %d %+v", label,
			got.Name, got.Periodicity, got.HarmonicNumber, got.Particle, want.Name, want.Periodicity, want.HarmonicNumber, want.Particle)
	}
	num("energy", got.Energy, want.Energy)
	if !reflect.DeepEqual(got.Properties, want.Properties) {
		t.Errorf("%s: other properties %v, PyAT %v", label, got.Properties, want.Properties)
	}
	if len(got.Elements) != len(want.Elements) {
		t.Fatalf("%s: %d elements, PyAT %d", label, len(got.Elements), len(want.Elements))
	}
	for i, g := range got.Elements {
		w := want.Elements[i]
		id := fmt.Sprintf("element %d (%s)", i, w.FamName)
		if g.FamName != w.FamName || g.PassMethod != w.PassMethod {
			t.Errorf("%s: %s: FamName %q PassMethod %q, PyAT %q %q", label, id, g.FamName, g.PassMethod, w.FamName, w.PassMethod)
		}
		var gn, wn []string
		for _, a := range g.Attrs {
			gn = append(gn, a.Name)
		}
		for _, a := range w.Attrs {
			wn = append(wn, a.Name)
		}
		if strings.Join(gn, ",") != strings.Join(wn, ",") {
			t.Errorf("%s: %s: attributes %v, PyAT %v", label, id, gn, wn)
			continue
		}
		for k, a := range g.Attrs {
			b := w.Attrs[k]
			where := id + "." + a.Name
			if reflect.TypeOf(a.Value) != reflect.TypeOf(b.Value) {
				t.Errorf("%s: %s is %T, PyAT %T", label, where, a.Value, b.Value)
				continue
			}
			switch x := a.Value.(type) {
			case float64:
				num(where, x, b.Value.(float64))
			case []float64:
				y := b.Value.([]float64)
				if len(x) != len(y) {
					t.Errorf("%s: %s has %d values, PyAT %d", label, where, len(x), len(y))
					continue
				}
				for j := range x {
					num(fmt.Sprintf("%s[%d]", where, j), x[j], y[j])
				}
			case [][]float64:
				y := b.Value.([][]float64)
				if len(x) != len(y) {
					t.Errorf("%s: %s has %d rows, PyAT %d", label, where, len(x), len(y))
					continue
				}
				for r := range x {
					if len(x[r]) != len(y[r]) {
						t.Errorf("%s: %s row %d has %d values, PyAT %d", label, where, r, len(x[r]), len(y[r]))
						continue
					}
					for j := range x[r] {
						num(fmt.Sprintf("%s[%d][%d]", where, r, j), x[r][j], y[r][j])
					}
				}
			default:
				if !reflect.DeepEqual(a.Value, b.Value) {
					t.Errorf("%s: %s = %v, PyAT %v", label, where, a.Value, b.Value)
				}
			}
		}
	}
	return n, same
}

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
			n, same := compareLattices(t, "as read", got, want)
			if same != n {
				t.Errorf("%d of %d numbers bit-identical to PyAT's", same, n)
			}
			var b bytes.Buffer
			if err := atjson.WriteLattice(got, &b); err != nil {
				t.Fatal(err)
			}
			back, err := atjson.ParseLattice(b.Bytes(), name+" written")
			if err != nil {
				t.Fatal(err)
			}
			n2, same2 := compareLattices(t, "JSON round trip", back, want)
			if same2 != n2 {
				t.Errorf("round trip: %d of %d numbers bit-identical", same2, n2)
			}
			t.Logf("%s: %d elements, %d numbers bit-identical to PyAT's JSON (%d after a JSON round trip)", name, len(got.Elements), same, same2)

			beam := tracking.GaussianBeam(100, tracking.DefaultSigma, 7)
			opt := tracking.Options{Turns: 10, Device: "cpu"}
			rg, err := tracking.Track(got, beam, opt)
			if err != nil {
				t.Fatal(err)
			}
			rw, err := tracking.Track(want, beam, opt)
			if err != nil {
				t.Fatal(err)
			}
			lost := 0
			for k := 0; k < 6; k++ {
				for i := range rg.Final.Coords[k] {
					g, w := rg.Final.Coords[k][i], rw.Final.Coords[k][i]
					if math.IsNaN(w) {
						lost++
					}
					if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
						t.Errorf("particle %d %s: %v after 10 turns, %v through PyAT's JSON lattice", i, tracking.CoordNames[k], g, w)
					}
				}
			}
			if lost == 6*100 {
				t.Error("every particle lost: the comparison would be empty")
			}
		})
	}
}
