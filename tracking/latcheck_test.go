package tracking_test

import (
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/lattices"
)

// TestCheck: a clean lattice gives no warning; a quadrupole whose K
// differs from PolynomB[1], a sextupole whose H differs from PolynomB[2]
// and a zero-length bend are each named with index, FamName and values.
func TestCheck(t *testing.T) {
	lat := lattices.Default()
	if w := lat.Check(); len(w) != 0 {
		t.Fatalf("the built-in cell gives warnings: %q", w)
	}
	lat.File = "cell.json"
	quad, sext, bend := -1, -1, -1
	for i, el := range lat.Elements {
		switch {
		case quad < 0 && el.PassMethod == "StrMPoleSymplectic4Pass" && strings.HasPrefix(el.FamName, "QF"):
			quad = i
		case sext < 0 && strings.HasPrefix(el.FamName, "SD"):
			sext = i
		case bend < 0 && strings.HasPrefix(el.PassMethod, "Bnd"):
			bend = i
		}
	}
	if quad < 0 || sext < 0 || bend < 0 {
		t.Fatalf("no quadrupole, sextupole or bend found (%d, %d, %d)", quad, sext, bend)
	}
	q := lat.Elements[quad]
	pb, _ := q.Get("PolynomB")
	k := pb.([]float64)[1]
	q.Set("K", k) // agreeing K: no warning
	if w := lat.Check(); len(w) != 0 {
		t.Fatalf("a K equal to PolynomB[1] gives %q", w)
	}
	q.Set("K", k+0.5)
	lat.Elements[sext].Set("H", 99.0)
	lat.Elements[bend].Set("Length", 0.0)
	w := lat.Check()
	if len(w) != 3 {
		t.Fatalf("got %d warnings, want 3: %q", len(w), w)
	}
	for i, want := range []string{
		"cell.json: K differs from PolynomB[1] in 1 element (",
		"cell.json: H differs from PolynomB[2] in 1 element (",
		"cell.json: a bend of zero Length in 1 element (",
	} {
		if !strings.HasPrefix(w[i], want) {
			t.Errorf("warning %d = %q, want it to start with %q", i, w[i], want)
		}
	}
	for i, want := range []string{lat.Elements[quad].FamName, "H 99, PolynomB[2]", lat.Elements[bend].PassMethod + ", Length 0, BendingAngle"} {
		if !strings.Contains(w[i], want) {
			t.Errorf("warning %d = %q does not name %q", i, w[i], want)
		}
	}
}
