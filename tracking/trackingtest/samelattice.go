package trackingtest

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// SameLattice checks that got is the lattice want (as a reader of another
// format should give it): the ring properties, and the same elements in
// order with the same FamName, PassMethod and attributes (names, order,
// value types), every number within rtol relative (0: bit for bit). It
// returns how many numbers it compared and how many differed in their
// bits at all, for callers that require bit-identical values.
func SameLattice(t *testing.T, got, want *tracking.Lattice, rtol float64) (values, differ int) {
	t.Helper()
	var tally BitTally
	num := func(where string, g, w float64) {
		tally.Add(where, g, w)
		if !closeRel(g, w, rtol) {
			t.Errorf("%s = %.17g, want %.17g (relative tolerance %g)", where, g, w, rtol)
		}
	}
	if got.Name != want.Name {
		t.Errorf("name %q, want %q", got.Name, want.Name)
	}
	num("energy", got.Energy, want.Energy)
	if got.Particle.Name != want.Particle.Name {
		t.Errorf("particle %q, want %q", got.Particle.Name, want.Particle.Name)
	}
	num("particle rest energy", got.Particle.RestEnergy, want.Particle.RestEnergy)
	num("particle charge", got.Particle.Charge, want.Particle.Charge)
	if got.Periodicity != want.Periodicity || got.HarmonicNumber != want.HarmonicNumber {
		t.Errorf("periodicity %d, harmonic number %d; want %d, %d", got.Periodicity, got.HarmonicNumber, want.Periodicity, want.HarmonicNumber)
	}
	sameAttrs(t, "properties", got.Properties, want.Properties, num)
	if len(got.Elements) != len(want.Elements) {
		t.Fatalf("%d elements, want %d", len(got.Elements), len(want.Elements))
	}
	for i := range min(len(got.Elements), len(want.Elements)) {
		g, w := got.Elements[i], want.Elements[i]
		where := fmt.Sprintf("element %d (%s)", i, w.FamName)
		if g.FamName != w.FamName || g.PassMethod != w.PassMethod {
			t.Errorf("%s: %s %s, want %s %s", where, g.FamName, g.PassMethod, w.FamName, w.PassMethod)
			continue
		}
		sameAttrs(t, where, g.Attrs, w.Attrs, num)
	}
	t.Logf("%d numbers compared, %d differ in their bits", tally.Values(), tally.differ)
	return tally.Values(), tally.differ
}

// sameAttrs compares two attribute lists: names in order, value types,
// numbers through num.
func sameAttrs(t *testing.T, where string, got, want []tracking.Attr, num func(string, float64, float64)) {
	t.Helper()
	names := func(as []tracking.Attr) []string {
		s := make([]string, len(as))
		for i, a := range as {
			s[i] = a.Name
		}
		return s
	}
	if fmt.Sprint(names(got)) != fmt.Sprint(names(want)) {
		t.Errorf("%s: attributes %v, want %v", where, names(got), names(want))
		return
	}
	for k, w := range want {
		g := got[k]
		at := where + " " + w.Name
		switch wv := w.Value.(type) {
		case float64:
			gv, ok := g.Value.(float64)
			if !ok {
				t.Errorf("%s: %T %v, want float64 %v", at, g.Value, g.Value, wv)
				continue
			}
			num(at, gv, wv)
		case []float64:
			gv, ok := g.Value.([]float64)
			if !ok || len(gv) != len(wv) {
				t.Errorf("%s: %T %v, want []float64 %v", at, g.Value, g.Value, wv)
				continue
			}
			for j := range wv {
				num(fmt.Sprintf("%s[%d]", at, j), gv[j], wv[j])
			}
		case [][]float64:
			gv, ok := g.Value.([][]float64)
			if !ok || len(gv) != len(wv) {
				t.Errorf("%s: %T %v, want [][]float64 %v", at, g.Value, g.Value, wv)
				continue
			}
			for j := range wv {
				if len(gv[j]) != len(wv[j]) {
					t.Errorf("%s row %d: %d values, want %d", at, j, len(gv[j]), len(wv[j]))
					continue
				}
				for m := range wv[j] {
					num(fmt.Sprintf("%s[%d][%d]", at, j, m), gv[j][m], wv[j][m])
				}
			}
		case json.RawMessage:
			gv, ok := g.Value.(json.RawMessage)
			if !ok || string(gv) != string(wv) {
				t.Errorf("%s: %T %v, want %s", at, g.Value, g.Value, wv)
			}
		default:
			if fmt.Sprintf("%T %v", g.Value, g.Value) != fmt.Sprintf("%T %v", w.Value, w.Value) {
				t.Errorf("%s: %T %v, want %T %v", at, g.Value, g.Value, w.Value, w.Value)
			}
		}
	}
}

// closeRel reports whether g is w within rtol relative (NaN equals NaN);
// rtol 0 asks for the same bits.
func closeRel(g, w, rtol float64) bool {
	if math.Float64bits(g) == math.Float64bits(w) || (math.IsNaN(g) && math.IsNaN(w)) {
		return true
	}
	if rtol == 0 {
		return false
	}
	return math.Abs(g-w) <= rtol*math.Max(math.Abs(g), math.Abs(w))
}

// SameTracking tracks the same n particles (a fixed Gaussian beam of
// 0.1 mm and 0.1 mrad sizes, small enough for a ring's acceptance) for
// turns turns through got and want on the cpu backend, and requires
// identical final coordinates, bit for bit. It returns the number of
// particles lost (in both), for callers that want the comparison not to
// be empty.
func SameTracking(t *testing.T, got, want *tracking.Lattice, n, turns int) (lost int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	sig := [6]float64{1e-4, 1e-5, 1e-4, 1e-5, 1e-4, 1e-4}
	rows := make([][6]float64, n)
	for i := range rows {
		for k := range 6 {
			rows[i][k] = sig[k] * r.NormFloat64()
		}
	}
	run := func(l *tracking.Lattice) *tracking.Result {
		res, err := tracking.Track(l, tracking.BeamFromRows(rows), tracking.Options{Turns: turns, Device: "cpu"})
		if err != nil {
			t.Fatalf("tracking %s: %v", l.Name, err)
		}
		return res
	}
	g, w := run(got), run(want)
	differ := 0
	for k := range 6 {
		for i := range n {
			a, b := g.Final.Coords[k][i], w.Final.Coords[k][i]
			if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
				if differ++; differ <= 5 {
					t.Errorf("particle %d %s: %.17g, want %.17g", i, tracking.CoordNames[k], a, b)
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("tracking %d particles for %d turns: %d of %d final coordinates differ", n, turns, differ, 6*n)
	}
	lost = w.NumLost()
	t.Logf("tracked %d particles for %d turns through both: final coordinates identical (%d particles lost)", n, turns, lost)
	return lost
}
