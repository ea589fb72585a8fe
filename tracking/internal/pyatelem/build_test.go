package pyatelem

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// testValues are plain Go values: float64, int64, string and []float64.
type testValues struct{}

func (testValues) Convert(_ *Class, _ string, c Conv, ok bool, v any) (any, error) {
	if !ok {
		return v, nil
	}
	switch c.Kind {
	case Float:
		return testValues{}.ToFloat(v)
	case Int, IntMin0:
		return testValues{}.ToInt(v)
	case String:
		return testValues{}.ToString(v)
	case Vector:
		x, err := testValues{}.Flat(v)
		if err == nil && c.N >= 0 && len(x) != c.N {
			err = fmt.Errorf("want %d numbers", c.N)
		}
		return x, err
	}
	return v, nil
}
func (testValues) Float(f float64) any    { return f }
func (testValues) Int(i int64) any        { return i }
func (testValues) String(s string) any    { return s }
func (testValues) Vector(x []float64) any { return x }
func (testValues) Identity66() any        { return "identity" }
func (testValues) ToFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	}
	return 0, errors.New("want a number")
}
func (t testValues) Number(v any) (float64, error) { return t.ToFloat(v) }
func (t testValues) ToInt(v any) (int64, error) {
	f, err := t.ToFloat(v)
	return int64(f), err
}
func (testValues) ToString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", errors.New("want a string")
	}
	return s, nil
}
func (t testValues) Flat(v any) ([]float64, error) {
	if x, ok := v.([]float64); ok {
		return x, nil
	}
	f, err := t.ToFloat(v)
	return []float64{f}, err
}

func dict(kv ...any) *Dict[any] {
	d := NewDict[any]()
	for i := 0; i < len(kv); i += 2 {
		d.Set(kv[i].(string), kv[i+1])
	}
	return d
}

// TestFromDict builds elements as PyAT's constructors do: defaults,
// attribute order, the quadrupole retry without K, and the errors.
func TestFromDict(t *testing.T) {
	var warns []string
	warn := func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) }
	e, err := FromDict[any](testValues{}, Quadrupole, dict("FamName", "QF", "Length", 0.5, "K", 1.2, "NumIntSteps", 20.0), warn)
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"FamName", "Length", "PassMethod", "NumIntSteps", "MaxOrder", "PolynomA", "PolynomB"}
	if !reflect.DeepEqual(e.Attrs.Keys(), wantKeys) || e.Attrs.At("PassMethod") != "StrMPoleSymplectic4Pass" ||
		!reflect.DeepEqual(e.Attrs.At("PolynomB"), []float64{0, 1.2}) || e.Attrs.At("NumIntSteps") != int64(20) || e.Attrs.At("MaxOrder") != int64(1) {
		t.Errorf("quadrupole: %v %v", e.Attrs.Keys(), e.Attrs.m)
	}
	// K conflicting with PolynomB: retried without K, with a warning.
	warns = nil
	e, err = FromDict[any](testValues{}, Quadrupole, dict("FamName", "Q", "Length", 0.5, "K", 2.0, "PolynomB", []float64{0, 1.5}), warn)
	if err != nil || !reflect.DeepEqual(e.Attrs.At("PolynomB"), []float64{0, 1.5}) || len(warns) != 1 || !strings.HasSuffix(warns[0], ", positional argument ignored") {
		t.Errorf("retry: %v %v %q", e, err, warns)
	}
	// A dipole is not retried.
	if _, err = FromDict[any](testValues{}, Dipole, dict("FamName", "B", "Length", 1.0, "BendingAngle", 0.1, "K", 2.0, "PolynomB", []float64{0, 1.5}), warn); !errors.As(err, new(*ConflictError)) {
		t.Errorf("dipole: %v", err)
	}
	e, err = FromDict[any](testValues{}, RFCavity, dict("FamName", "RF", "Length", 0.0, "Voltage", 1e6, "Frequency", 3.5e8, "HarmNumber", 992.0, "Energy", 6e9), warn)
	if err != nil || e.Attrs.At("TimeLag") != 0.0 || e.Attrs.At("HarmNumber") != int64(992) || e.Attrs.At("PassMethod") != "RFCavityPass" {
		t.Errorf("cavity: %v %v", e, err)
	}
	e, err = FromDict[any](testValues{}, RingParam, dict("FamName", "R", "Energy", 3e9, "Periodicity", 4.0, "Note", "x"), warn)
	if err != nil || !reflect.DeepEqual(e.Attrs.Keys(), []string{"FamName", "Length", "PassMethod", "Periodicity", "Note", "Energy"}) {
		t.Errorf("ringparam: %v %v", e, err)
	}
	e, err = FromDict[any](testValues{}, M66, dict("FamName", "M"), warn)
	if err != nil || e.Attrs.At("M66") != "identity" || e.Attrs.At("M66Rad") != "identity" {
		t.Errorf("M66: %v %v", e, err)
	}
	e, err = FromDict[any](testValues{}, SimpleQuantDiff, dict("FamName", "S", "emitx", 1e-9, "taux", 100.0), warn)
	if err != nil || e.Attrs.At("betax") != 1.0 || e.Attrs.At("emitx") != 1e-9 || e.Attrs.At("PassMethod") != "SimpleQuantDiffPass" {
		t.Errorf("SimpleQuantDiff: %v %v", e, err)
	}
	for _, c := range []struct {
		cls  *Class
		d    *Dict[any]
		attr string
	}{
		{Drift, dict("FamName", "D"), "Length"},
		{Drift, dict("FamName", "D", "Length", 1.0, "tilt", 0.1), "tilt"},
		{Drift, dict("FamName", "D", "Length", 1.0, "PassMethod", ""), "PassMethod"},
		{Quadrupole, dict("FamName", "Q", "Length", 1.0, "Kn1L", 1.0), "Kn1L"},
		{Quadrupole, dict("FamName", "Q", "Length", 1.0, "MaxOrder", "x"), "MaxOrder"},
		{SimpleQuantDiff, dict("FamName", "S", "emity", 1e-9), "tauy"},
	} {
		var ae *AttrError
		if _, err := FromDict[any](testValues{}, c.cls, c.d, warn); !errors.As(err, &ae) || ae.Attr != c.attr {
			t.Errorf("%s %v: %v, want an error about %s", c.cls.Name, c.d.Keys(), err, c.attr)
		}
	}
}
