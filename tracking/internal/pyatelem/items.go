package pyatelem

import (
	"fmt"
	"slices"

	"github.com/gotrack/gotrack/tracking"
)

// ItemOrder is the order of the attributes names that PyAT's
// Element.items() writes after FamName and PassMethod (which
// tracking.Element holds apart): Length, then the others sorted by name.
// The K property of a class with KProp, which items() writes after them
// (see KProperty), is left out, as are FamName and PassMethod.
func ItemOrder(c *Class, names []string) []string {
	out := []string{"Length"}
	for _, k := range names {
		switch {
		case k == "FamName", k == "PassMethod", k == "Length":
		case k == "K" && c.KProp:
		default:
			out = append(out, k)
		}
	}
	slices.Sort(out[1:])
	return out
}

// SimpleQuantDiffParams are the parameters of PyAT's SimpleQuantDiff
// constructor, with their defaults, in the constructor's order.
var SimpleQuantDiffParams = []struct {
	Name    string
	Default float64
}{{"betax", 1}, {"betay", 1}, {"emitx", 0}, {"emity", 0}, {"espread", 0}, {"taux", 0}, {"tauy", 0}, {"tauz", 0}}

// CheckSimpleQuantDiff makes the SimpleQuantDiff constructor's
// assertions, in PyAT's order, on the parameters' values (by name; a
// missing one is 0): damping times and emittances not negative, and a
// non-zero damping time for each non-zero emittance or energy spread.
// The error is an *AttrError naming the parameter.
func CheckSimpleQuantDiff(v map[string]float64) error {
	for _, n := range []string{"taux", "tauy", "tauz"} {
		if !(v[n] >= 0) {
			return &AttrError{n, fmt.Errorf("%s must be greater than or equal to 0", n)}
		}
	}
	for _, c := range [][2]string{{"emitx", "taux"}, {"emity", "tauy"}, {"espread", "tauz"}} {
		if !(v[c[0]] >= 0) {
			return &AttrError{c[0], fmt.Errorf("%s must be greater than or equal to 0", c[0])}
		}
		if v[c[0]] > 0 && !(v[c[1]] > 0) {
			return &AttrError{c[1], fmt.Errorf("if %s is given, %s must be non zero", c[0], c[1])}
		}
	}
	return nil
}

// ToElement is the tracking.Element of e, with the attributes in the order
// of PyAT's Element.items() (ItemOrder), then K for a Dipole or a
// Quadrupole (KProperty of PolynomB) and Class (FileName). attr turns
// each attribute value into a tracking.Attr value; its error, named
// after the attribute, stops the conversion (the element built so far is
// returned with it, for its FamName).
func ToElement[V any](vals Values[V], e *Elem[V], attr func(V) (any, error)) (*tracking.Element, error) {
	te := &tracking.Element{}
	te.FamName, _ = vals.ToString(e.Attrs.At("FamName"))
	te.PassMethod, _ = vals.ToString(e.Attrs.At("PassMethod"))
	for _, k := range ItemOrder(e.Class, e.Attrs.Keys()) {
		v, err := attr(e.Attrs.At(k))
		if err != nil {
			return te, &AttrError{k, err}
		}
		te.Attrs = append(te.Attrs, tracking.Attr{Name: k, Value: v})
	}
	if e.Class.KProp {
		pb, _ := vals.Flat(e.Attrs.At("PolynomB"))
		te.Attrs = append(te.Attrs, tracking.Attr{Name: "K", Value: KProperty(pb)})
	}
	te.Attrs = append(te.Attrs, tracking.Attr{Name: "Class", Value: e.Class.FileName()})
	return te, nil
}
