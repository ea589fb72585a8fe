package atmat

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// odict is the ordered field dictionary of one element, as PyAT's
// element_from_dict receives it.
type odict = pyatelem.Dict[any]

// attrError is an error about one attribute.
type attrError = pyatelem.AttrError

// built is an element as PyAT holds it after construction.
type built = pyatelem.Elem[any]

// famName returns the FamName of a field dictionary ("" if none).
func famName(d *odict) string {
	s, _ := d.At("FamName").(string)
	return s
}

// findClass is PyAT's find_class.
func findClass(d *odict, warn func(string, ...any)) (*pyatelem.Class, error) {
	cn := ""
	if v, ok := d.Pop("Class"); ok {
		s, ok := v.(string)
		if !ok {
			return nil, &attrError{Attr: "Class", Err: fmt.Errorf("want a string, got %s", describe(v))}
		}
		cn = s
	}
	if c, ok := pyatelem.ClassMap[strings.ToLower(cn)]; ok {
		if c == nil {
			return nil, &attrError{Attr: "Class", Err: fmt.Errorf("class %s is not supported by gotrack's MAT reader; convert the lattice to JSON with PyAT (ring.save('file.json'))", cn)}
		}
		return c, nil
	} else if cn != "" {
		warn("Class '%s' does not exist.", cn)
	}
	if c, ok := pyatelem.ClassMap[strings.ToLower(famName(d))]; ok {
		if c == nil {
			return nil, &attrError{Attr: "FamName", Err: fmt.Errorf("FamName %s implies a class not supported by gotrack's MAT reader; set a Class field or convert the lattice to JSON with PyAT", famName(d))}
		}
		return c, nil
	}
	pm, _ := d.At("PassMethod").(string)
	if c, ok := pyatelem.PassMap[pm]; ok {
		if c == nil {
			return nil, &attrError{Attr: "PassMethod", Err: fmt.Errorf("%s implies class %s, which gotrack's MAT reader does not build; convert the lattice to JSON with PyAT", pm, pyatelem.PassClassName[pm])}
		}
		return c, nil
	}
	if pm == "" {
		warn("No PassMethod provided.")
	} else if !strings.HasSuffix(pm, "Pass") {
		warn("Invalid PassMethod '%s': provided pass methods should end in 'Pass'.", pm)
	}
	return fromContents(d)
}

// fromContents is PyAT's _from_contents: the class deduced from the
// attributes present.
func fromContents(d *odict) (*pyatelem.Class, error) {
	has := func(names ...string) bool {
		for _, n := range names {
			if d.Has(n) {
				return true
			}
		}
		return false
	}
	length := 0.0
	if v, ok := d.Get("Length"); ok {
		f, err := toFloat(v)
		if err != nil {
			return nil, &attrError{Attr: "Length", Err: err}
		}
		length = f
	}
	pm, _ := d.At("PassMethod").(string)
	switch {
	case has("FullGap", "FringeInt1", "FringeInt2", "gK", "EntranceAngle", "ExitAngle"):
		return pyatelem.Dipole, nil
	case has("Voltage", "Frequency", "HarmNumber", "PhaseLag", "TimeLag"):
		return pyatelem.RFCavity, nil
	case has("Periodicity"):
		return pyatelem.RingParam, nil
	case has("Limits"):
		return pyatelem.Aperture, nil
	case has("M66"):
		return pyatelem.M66, nil
	case has("K"):
		return pyatelem.Quadrupole, nil
	case has("PolynomB", "PolynomA"):
		v, ok := d.Get("PolynomB")
		if !ok {
			return nil, &attrError{Attr: "PolynomB", Err: errors.New("missing while PolynomA is present: PyAT cannot tell the class; add PolynomB or a Class field")}
		}
		p, err := flat(v)
		if err != nil {
			return nil, &attrError{Attr: "PolynomB", Err: err}
		}
		low := -1
		for i, x := range p {
			if x != 0 {
				low = i
				break
			}
		}
		switch {
		case low == 1:
			return pyatelem.Quadrupole, nil
		case low == 2:
			return pyatelem.Sextupole, nil
		case low == 3:
			return pyatelem.Octupole, nil
		case strings.HasPrefix(pm, "StrMPoleSymplectic4") || length > 0:
			return pyatelem.Multipole, nil
		}
		return pyatelem.ThinMultipole, nil
	case has("KickAngle"):
		return pyatelem.Corrector, nil
	case length > 0:
		return pyatelem.Drift, nil
	case has("GCR"):
		return pyatelem.Monitor, nil
	case pm == "IdentityPass":
		return pyatelem.Marker, nil
	}
	return pyatelem.Element, nil
}

// sanitise is PyAT's sanitise_class: warnings about the passmethod. The
// integrator check uses gotrack's passmethods.
func sanitise(c *pyatelem.Class, d *odict, warn func(string, ...any)) {
	v, ok := d.Get("PassMethod")
	if !ok {
		return
	}
	pm, _ := v.(string)
	length := 0.0
	if l, ok := d.Get("Length"); ok {
		length, _ = toFloat(l)
	}
	pyatelem.Sanitise(c, pm, length, warn)
}

// elementFromDict is PyAT's element_from_dict: the class, the
// passmethod warnings, then pyatelem's construction; the element's
// values must be finite, and a Wiggler's fields consistent.
func elementFromDict(d *odict, warn func(string, ...any)) (*built, error) {
	c, err := findClass(d, warn)
	if err != nil {
		return nil, err
	}
	sanitise(c, d, warn)
	e, err := pyatelem.FromDict[any](values{}, c, d, warn)
	if err != nil {
		return nil, err
	}
	b := e
	if c == pyatelem.RingParam {
		return b, nil
	}
	if c == pyatelem.Wiggler {
		if err := checkWiggler(b); err != nil {
			return nil, err
		}
	}
	return b, checkFinite(b)
}

// values are the operations on cleaned MAT values that pyatelem's
// constructors use.
type values struct{}

// Convert applies the class's conversion; a value without one is kept
// as PyAT's JSON holds it (attrValue), except in a RingParam, whose
// attributes become ring properties.
func (values) Convert(c *pyatelem.Class, _ string, conv pyatelem.Conv, ok bool, v any) (any, error) {
	switch {
	case ok:
		return convert(conv, v)
	case c == pyatelem.RingParam:
		return v, nil
	}
	return attrValue(v)
}

func (values) Float(f float64) any            { return f }
func (values) Int(i int64) any                { return i }
func (values) String(s string) any            { return s }
func (values) Vector(x []float64) any         { return &ndarray{dims: []int{len(x)}, data: x} }
func (values) Identity66() any                { return identity6() }
func (values) ToFloat(v any) (float64, error) { return toFloat(v) }
func (values) Number(v any) (float64, error)  { return toFloat(v) }
func (values) ToInt(v any) (int64, error)     { return toInt(v) }
func (values) Flat(v any) ([]float64, error)  { return flat(v) }
func (values) ToString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("want a string, got %s", describe(v))
	}
	return s, nil
}

func identity6() *ndarray {
	a := &ndarray{dims: []int{6, 6}, data: make([]float64, 36)}
	for i := 0; i < 6; i++ {
		a.data[i*7] = 1
	}
	return a
}

// checkFinite rejects NaN and infinite attribute values, which gotrack's
// engine and JSON reader do not accept.
func checkFinite(b *built) error {
	for _, k := range b.Attrs.Keys() {
		v := b.Attrs.At(k)
		bad := false
		switch x := v.(type) {
		case float64:
			bad = math.IsNaN(x) || math.IsInf(x, 0)
		case []float64:
			for _, f := range x {
				bad = bad || math.IsNaN(f) || math.IsInf(f, 0)
			}
		case [][]float64:
			for _, r := range x {
				for _, f := range r {
					bad = bad || math.IsNaN(f) || math.IsInf(f, 0)
				}
			}
		}
		if bad {
			return &attrError{Attr: k, Err: errors.New("values must be finite (NaN or Inf found); fix the value in MATLAB")}
		}
	}
	return nil
}

// element returns the tracking element with PyAT's attribute order:
// Length, the other attributes sorted by name, K for dipoles and
// quadrupoles, and Class.
func element(b *built) *tracking.Element {
	e, _ := pyatelem.ToElement[any](values{}, b, func(v any) (any, error) { return v, nil })
	return e
}
