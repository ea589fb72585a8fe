package pyatelem

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestItemOrder: Length first, the others sorted, FamName, PassMethod
// and a KProp class's K left out (as PyAT's items() writes them).
func TestItemOrder(t *testing.T) {
	names := []string{"FamName", "PassMethod", "PolynomB", "Length", "K", "MaxOrder", "NumIntSteps", "PolynomA"}
	want := []string{"Length", "MaxOrder", "NumIntSteps", "PolynomA", "PolynomB"}
	if got := ItemOrder(Quadrupole, names); !reflect.DeepEqual(got, want) {
		t.Errorf("quadrupole: %v", got)
	}
	want = []string{"Length", "K", "MaxOrder", "NumIntSteps", "PolynomA", "PolynomB"}
	if got := ItemOrder(Multipole, names); !reflect.DeepEqual(got, want) {
		t.Errorf("multipole: %v", got)
	}
}

// TestCheckSimpleQuantDiff checks the constructor's assertions.
func TestCheckSimpleQuantDiff(t *testing.T) {
	if err := CheckSimpleQuantDiff(map[string]float64{"emitx": 1e-9, "taux": 1000, "betax": 3}); err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		v    map[string]float64
		attr string
		msg  string
	}{
		{map[string]float64{"emity": 1e-11}, "tauy", "if emity is given, tauy must be non zero"},
		{map[string]float64{"tauz": -1}, "tauz", "tauz must be greater than or equal to 0"},
		{map[string]float64{"espread": -1e-3, "tauz": 10}, "espread", "espread must be greater"},
	} {
		var ae *AttrError
		if err := CheckSimpleQuantDiff(c.v); !errors.As(err, &ae) || ae.Attr != c.attr || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: %v", c.v, err)
		}
	}
}

// TestPopPolynoms: the keywords are popped and converted; a bad one is
// an AttrError naming it.
func TestPopPolynoms(t *testing.T) {
	kw := NewDict[any]()
	kw.Set("PolynomB", []float64{0, 1})
	kw.Set("K", 1.0)
	kw.Set("MaxOrder", int64(2))
	kw.Set("Other", 3.0)
	flat := func(v any) ([]float64, error) { return v.([]float64), nil }
	num := func(v any) (float64, error) {
		f, ok := v.(float64)
		if !ok {
			return 0, errors.New("want a number")
		}
		return f, nil
	}
	integer := func(v any) (int64, error) { return v.(int64), nil }
	p, err := PopPolynoms(kw, flat, num, integer)
	if err != nil || !p.HasPolynomB || p.HasPolynomA || *p.K != 1 || p.H != nil || *p.MaxOrder != 2 || !reflect.DeepEqual(kw.Keys(), []string{"Other"}) {
		t.Errorf("%+v %v %v", p, err, kw.Keys())
	}
	kw.Set("H", "x")
	if _, err := PopPolynoms(kw, flat, num, integer); err == nil || err.Error() != "H: want a number" {
		t.Errorf("bad H: %v", err)
	}
}

// TestToElement: FamName and PassMethod apart, the items() order, K
// after a quadrupole's attributes, then Class; an attribute error names
// the attribute.
func TestToElement(t *testing.T) {
	e := &Elem[any]{Class: Quadrupole, Attrs: dict("FamName", "QF", "Length", 0.5, "PassMethod", "StrMPoleSymplectic4Pass",
		"NumIntSteps", int64(10), "MaxOrder", int64(1), "PolynomA", []float64{0, 0}, "PolynomB", []float64{0, 1.2})}
	te, err := ToElement[any](testValues{}, e, func(v any) (any, error) { return v, nil })
	if err != nil || te.FamName != "QF" || te.PassMethod != "StrMPoleSymplectic4Pass" {
		t.Fatalf("%+v %v", te, err)
	}
	var names []string
	for _, a := range te.Attrs {
		names = append(names, a.Name)
	}
	if strings.Join(names, ",") != "Length,MaxOrder,NumIntSteps,PolynomA,PolynomB,K,Class" || te.Attrs[5].Value != 1.2 || te.Attrs[6].Value != "Quadrupole" {
		t.Errorf("%v %v", names, te.Attrs)
	}
	var ae *AttrError
	_, err = ToElement[any](testValues{}, e, func(v any) (any, error) {
		if _, ok := v.([]float64); ok {
			return nil, errors.New("bad")
		}
		return v, nil
	})
	if !errors.As(err, &ae) || ae.Attr != "PolynomA" {
		t.Errorf("error %v", err)
	}
}
