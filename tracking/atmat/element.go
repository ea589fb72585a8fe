package atmat

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// odict is the ordered field dictionary of one element, as PyAT's
// element_from_dict receives it.
type odict = pyatelem.Dict[any]

// attrError is an error about one attribute.
type attrError = pyatelem.AttrError

// conflictError is PyAT's AtError for contradictory strengths;
// element_from_dict retries a Quadrupole without K and a Sextupole
// without H.
type conflictError = pyatelem.ConflictError

// built is an element as PyAT holds it after construction.
type built struct {
	cls   *pyatelem.Class
	attrs map[string]any
	order []string // attribute names in the order they were set
}

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
	pc, mapped := pyatelem.PassMap[pm]
	if _, ok := device.MethodByName(pm); !ok {
		warn("PassMethod %s is not implemented in gotrack.", pm)
	} else if pm == "IdentityPass" && length != 0 {
		warn("PassMethod %s is not compatible with length %v.", pm, length)
	} else if mapped && (pc == nil || !c.IsSub(pc)) {
		warn("PassMethod %s is not compatible with Class %s.", pm, c.Name)
	}
}

// elementFromDict is PyAT's element_from_dict.
func elementFromDict(d *odict, warn func(string, ...any)) (*built, error) {
	c, err := findClass(d, warn)
	if err != nil {
		return nil, err
	}
	sanitise(c, d, warn)
	b, err := fromFile(c, d.Copy(), warn)
	var ce *conflictError
	if errors.As(err, &ce) {
		if k := pyatelem.RetryWithout(c); k != "" {
			d.Pop(k)
		}
		warn("%s, positional argument ignored", ce.Msg)
		b, err = fromFile(c, d, warn)
	}
	return b, err
}

// fromFile is PyAT's Element.from_file followed by the class constructor.
func fromFile(c *pyatelem.Class, d *odict, warn func(string, ...any)) (*built, error) {
	params := append([]string{"FamName"}, c.Build...)
	var args []any
	var missing []string
	for _, p := range params {
		if v, ok := d.Pop(p); ok {
			args = append(args, v)
		} else {
			missing = append(missing, p)
		}
	}
	for _, t := range pyatelem.TransformAttrs {
		if _, ok := d.Get(t); ok {
			return nil, &attrError{Attr: t, Err: errors.New("element transformations (dx, dy, dz, pitch, yaw, tilt) are not supported by gotrack's MAT reader; set T1, T2, R1, R2 instead or convert the lattice to JSON with PyAT")}
		}
	}
	if len(args) < 1+c.Required {
		return nil, &attrError{Attr: missing[0], Err: fmt.Errorf("missing: class %s needs %s", c.Name, strings.Join(params[:1+c.Required], ", "))}
	}
	// Python passes the present values positionally: a missing optional
	// one shifts those after it, as PyAT does.
	p := map[string]any{}
	for i, v := range args {
		p[params[i]] = v
	}
	b := &built{cls: c, attrs: map[string]any{}}
	kw := d
	set := func(k string, v any) error {
		var out any
		var err error
		if cv, ok := c.Conv[k]; ok {
			out, err = convert(cv, v)
		} else if c == pyatelem.RingParam {
			out = v // kept as read: ring properties are converted later
		} else {
			out, err = attrValue(v)
		}
		if err != nil {
			return &attrError{Attr: k, Err: err}
		}
		if _, ok := b.attrs[k]; !ok {
			b.order = append(b.order, k)
		}
		b.attrs[k] = out
		return nil
	}
	// Element.__init__
	initElement := func() error {
		if err := set("FamName", p["FamName"]); err != nil {
			return err
		}
		l, ok := kw.Pop("Length")
		if !ok {
			l = 0.0
		}
		if err := set("Length", l); err != nil {
			return err
		}
		pm, ok := kw.Pop("PassMethod")
		if !ok {
			pm = c.Pass
		}
		if err := set("PassMethod", pm); err != nil {
			return err
		}
		if b.attrs["PassMethod"] == "" {
			return &attrError{Attr: "PassMethod", Err: errors.New("empty: set the element's passmethod (e.g. DriftPass, IdentityPass)")}
		}
		for _, k := range append([]string(nil), kw.Keys()...) {
			if err := set(k, kw.At(k)); err != nil {
				return err
			}
		}
		return nil
	}
	if c.Long {
		kw.SetDefault("Length", p["Length"])
	}
	switch c {
	case pyatelem.Collimator:
		kw.Set("RApertures", p["RApertures"])
	case pyatelem.Aperture, pyatelem.LongtAperture:
		kw.Set("Limits", p["Limits"])
	case pyatelem.RFCavity:
		kw.SetDefault("TimeLag", 0.0)
		for _, k := range []string{"Voltage", "Frequency", "HarmNumber", "Energy"} {
			kw.Set(k, p[k])
		}
	case pyatelem.M66:
		m66, ok := p["M66"]
		if !ok {
			m66 = identity6()
		}
		kw.SetDefault("M66", m66)
		kw.SetDefault("M66Rad", m66)
	case pyatelem.Corrector:
		kw.Set("KickAngle", p["KickAngle"])
	case pyatelem.CrabCavity:
		kw.SetDefault("TimeLag", 0.0)
		for _, k := range []string{"Voltages", "Frequency", "HarmNumber"} {
			kw.Set(k, p[k])
		}
	case pyatelem.EnergyLoss:
		kw.Set("EnergyLoss", p["EnergyLoss"])
	case pyatelem.QuantumDiffusion:
		kw.Set("Lmatp", p["Lmatp"])
	case pyatelem.SimpleRadiation:
		if err := initSimpleRadiation(kw); err != nil {
			return nil, err
		}
	case pyatelem.SimpleQuantDiff:
		if err := initSimpleQuantDiff(kw); err != nil {
			return nil, err
		}
	case pyatelem.Wiggler:
		kw.Set("Lw", p["Lw"])
		kw.Set("Bmax", p["Bmax"])
		if err := initElement(); err != nil {
			return nil, err
		}
		if err := checkWiggler(b); err != nil {
			return nil, err
		}
		return b, checkFinite(b)
	case pyatelem.RingParam:
		e, err := toFloat(p["Energy"])
		if err != nil {
			return nil, &attrError{Attr: "Energy", Err: err}
		}
		if !math.IsNaN(e) {
			kw.Set("Energy", e)
		}
		kw.Set("Periodicity", p["Periodicity"])
	}
	if !c.Multipole {
		if err := initElement(); err != nil {
			return nil, err
		}
		if c == pyatelem.RingParam {
			return b, nil
		}
		return b, checkFinite(b)
	}
	if err := initMultipole(c, p, kw, b, initElement, warn); err != nil {
		return nil, err
	}
	return b, checkFinite(b)
}

func identity6() *ndarray {
	a := &ndarray{dims: []int{6, 6}, data: make([]float64, 36)}
	for i := 0; i < 6; i++ {
		a.data[i*7] = 1
	}
	return a
}

// initMultipole is the constructor chain of PyAT's ThinMultipole and its
// subclasses: the positional arguments and keywords as numbers, then
// pyatelem's Polynoms.Init; it sets MaxOrder, the padded polynomials and
// the K property.
func initMultipole(c *pyatelem.Class, p map[string]any, kw *odict, b *built, initElement func() error, warn func(string, ...any)) error {
	fam, _ := p["FamName"].(string)
	pm, err := pyatelem.PopPolynoms(kw, flat, toFloat, toInt)
	if err != nil {
		return err
	}
	switch c {
	case pyatelem.ThinMultipole, pyatelem.Multipole, pyatelem.Octupole:
		if pm.PolyA, err = flat(p["PolynomA"]); err != nil {
			return &attrError{Attr: "PolynomA", Err: err}
		}
		if pm.PolyB, err = flat(p["PolynomB"]); err != nil {
			return &attrError{Attr: "PolynomB", Err: err}
		}
	default: // Dipole, Quadrupole, Sextupole
		if c == pyatelem.Dipole {
			if v, ok := p["BendingAngle"]; ok {
				kw.SetDefault("BendingAngle", v)
			} else {
				kw.SetDefault("BendingAngle", 0.0)
			}
			kw.SetDefault("EntranceAngle", 0.0)
			kw.SetDefault("ExitAngle", 0.0)
		}
		name := pyatelem.RetryWithout(c)
		if c == pyatelem.Dipole {
			name = "K"
		}
		k := 0.0
		if v, ok := p[name]; ok {
			f, err := toFloat(v)
			if err != nil {
				return &attrError{Attr: name, Err: err}
			}
			k = f
		}
		pm.PolyA, pm.PolyB = []float64{}, pyatelem.Strengths(c, k)
	}
	if c != pyatelem.ThinMultipole {
		kw.SetDefault("NumIntSteps", int64(10))
	}
	pa, pb, maxorder, err := pm.Init(c, fam, warn)
	if err != nil {
		return err
	}
	if err := initElement(); err != nil {
		return err
	}
	b.attrs["MaxOrder"] = maxorder
	b.attrs["PolynomA"], b.attrs["PolynomB"] = pa, pb
	if c.KProp {
		b.attrs["K"] = pyatelem.KProperty(pb)
	}
	return nil
}

// checkFinite rejects NaN and infinite attribute values, which gotrack's
// engine and JSON reader do not accept.
func checkFinite(b *built) error {
	for k, v := range b.attrs {
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
func (b *built) element() *tracking.Element {
	e := &tracking.Element{}
	e.FamName, _ = b.attrs["FamName"].(string)
	e.PassMethod, _ = b.attrs["PassMethod"].(string)
	names := make([]string, 0, len(b.attrs))
	for k := range b.attrs {
		names = append(names, k)
	}
	for _, k := range pyatelem.ItemOrder(b.cls, names) {
		e.Attrs = append(e.Attrs, tracking.Attr{Name: k, Value: b.attrs[k]})
	}
	if b.cls.KProp {
		e.Attrs = append(e.Attrs, tracking.Attr{Name: "K", Value: b.attrs["K"]})
	}
	e.Attrs = append(e.Attrs, tracking.Attr{Name: "Class", Value: b.cls.FileName()})
	return e
}
