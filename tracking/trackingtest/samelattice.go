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
// reports how many numbers differed in their bits at all.
func SameLattice(t *testing.T, got, want *tracking.Lattice, rtol float64) {
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
		t.Errorf("%d elements, want %d", len(got.Elements), len(want.Elements))
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

// closeRel reports whether g is w within rtol relative (NaN equals NaN).
func closeRel(g, w, rtol float64) bool {
	if g == w || (math.IsNaN(g) && math.IsNaN(w)) {
		return true
	}
	return math.Abs(g-w) <= rtol*math.Max(math.Abs(g), math.Abs(w))
}

// SameTracking tracks the same n particles (a fixed Gaussian beam of
// millimetre sizes, as small as a ring's acceptance takes) for turns
// turns through got and want, on the default CPU backend, and requires
// identical final coordinates and losses, bit for bit.
func SameTracking(t *testing.T, got, want *tracking.Lattice, n, turns int) {
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
		res, err := tracking.Track(l, tracking.BeamFromRows(rows), tracking.Options{Turns: turns})
		if err != nil {
			t.Fatalf("tracking %s: %v", l.Name, err)
		}
		return res
	}
	g, w := run(got).Final.Rows(), run(want).Final.Rows()
	if len(g) != len(w) {
		t.Fatalf("%d final coordinates, want %d", len(g), len(w))
	}
	differ, lost := 0, 0
	for i := range w {
		if math.IsNaN(w[i]) {
			lost++
		}
		if math.Float64bits(g[i]) != math.Float64bits(w[i]) && !(math.IsNaN(g[i]) && math.IsNaN(w[i])) {
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("tracking %d particles for %d turns: %d of %d final coordinates differ", n, turns, differ, len(w))
	}
	t.Logf("tracked %d particles for %d turns through both: final coordinates identical (%d lost coordinates)", n, turns, lost)
}
