package atmat

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// maxPolyOrder bounds MaxOrder, so that a corrupted value cannot ask for
// a huge polynomial.
const maxPolyOrder = 1 << 12

// odict is the ordered field dictionary of one element, as PyAT's
// element_from_dict receives it.
type odict = pyatelem.Dict[any]

// attrError is an error about one attribute.
type attrError struct {
	attr string
	err  error
}

func (e *attrError) Error() string { return e.err.Error() }
func (e *attrError) Unwrap() error { return e.err }

// conflictError is PyAT's AtError for contradictory strengths (a K
// argument that disagrees with PolynomB); element_from_dict retries a
// Quadrupole without K and a Sextupole without H.
type conflictError struct{ msg string }

func (e *conflictError) Error() string { return e.msg }

// built is an element as PyAT holds it after construction.
type built struct {
	cls   *class
	attrs map[string]any
	order []string // attribute names in the order they were set
}

// famName returns the FamName of a field dictionary ("" if none).
func famName(d *odict) string {
	s, _ := d.At("FamName").(string)
	return s
}

// findClass is PyAT's find_class.
func findClass(d *odict, warn func(string, ...any)) (*class, error) {
	cn := ""
	if v, ok := d.Pop("Class"); ok {
		s, ok := v.(string)
		if !ok {
			return nil, &attrError{"Class", fmt.Errorf("want a string, got %s", describe(v))}
		}
		cn = s
	}
	if c, ok := classMap[strings.ToLower(cn)]; ok {
		if c == nil {
			return nil, &attrError{"Class", fmt.Errorf("class %s is not supported by gotrack's MAT reader; convert the lattice to JSON with PyAT (ring.save('file.json'))", cn)}
		}
		return c, nil
	} else if cn != "" {
		warn("Class '%s' does not exist.", cn)
	}
	if c, ok := classMap[strings.ToLower(famName(d))]; ok {
		if c == nil {
			return nil, &attrError{"FamName", fmt.Errorf("FamName %s implies a class not supported by gotrack's MAT reader; set a Class field or convert the lattice to JSON with PyAT", famName(d))}
		}
		return c, nil
	}
	pm, _ := d.At("PassMethod").(string)
	if c, ok := passMap[pm]; ok {
		if c == nil {
			return nil, &attrError{"PassMethod", fmt.Errorf("%s implies class %s, which gotrack's MAT reader does not build; convert the lattice to JSON with PyAT", pm, passClassName[pm])}
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
func fromContents(d *odict) (*class, error) {
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
			return nil, &attrError{"Length", err}
		}
		length = f
	}
	pm, _ := d.At("PassMethod").(string)
	switch {
	case has("FullGap", "FringeInt1", "FringeInt2", "gK", "EntranceAngle", "ExitAngle"):
		return clsDipole, nil
	case has("Voltage", "Frequency", "HarmNumber", "PhaseLag", "TimeLag"):
		return clsRFCavity, nil
	case has("Periodicity"):
		return clsRingParam, nil
	case has("Limits"):
		return clsAperture, nil
	case has("M66"):
		return clsM66, nil
	case has("K"):
		return clsQuadrupole, nil
	case has("PolynomB", "PolynomA"):
		v, ok := d.Get("PolynomB")
		if !ok {
			return nil, &attrError{"PolynomB", errors.New("missing while PolynomA is present: PyAT cannot tell the class; add PolynomB or a Class field")}
		}
		p, err := flat(v)
		if err != nil {
			return nil, &attrError{"PolynomB", err}
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
			return clsQuadrupole, nil
		case low == 2:
			return clsSextupole, nil
		case low == 3:
			return clsOctupole, nil
		case strings.HasPrefix(pm, "StrMPoleSymplectic4") || length > 0:
			return clsMultipole, nil
		}
		return clsThinMpole, nil
	case has("KickAngle"):
		return clsCorrector, nil
	case length > 0:
		return clsDrift, nil
	case has("GCR"):
		return clsMonitor, nil
	case pm == "IdentityPass":
		return clsMarker, nil
	}
	return clsElement, nil
}

// sanitise is PyAT's sanitise_class: warnings about the passmethod. The
// integrator check uses gotrack's passmethods.
func sanitise(c *class, d *odict, warn func(string, ...any)) {
	v, ok := d.Get("PassMethod")
	if !ok {
		return
	}
	pm, _ := v.(string)
	length := 0.0
	if l, ok := d.Get("Length"); ok {
		length, _ = toFloat(l)
	}
	pc, mapped := passMap[pm]
	if _, ok := device.MethodByName(pm); !ok {
		warn("PassMethod %s is not implemented in gotrack.", pm)
	} else if pm == "IdentityPass" && length != 0 {
		warn("PassMethod %s is not compatible with length %v.", pm, length)
	} else if mapped && (pc == nil || !isSubclass(c, pc)) {
		warn("PassMethod %s is not compatible with Class %s.", pm, c.name)
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
		switch c {
		case clsQuadrupole:
			d.Pop("K")
		case clsSextupole:
			d.Pop("H")
		}
		warn("%s, positional argument ignored", ce.msg)
		b, err = fromFile(c, d, warn)
	}
	return b, err
}

var transformAttrs = []string{"dx", "dy", "dz", "pitch", "yaw", "tilt", "reference"}

// fromFile is PyAT's Element.from_file followed by the class constructor.
func fromFile(c *class, d *odict, warn func(string, ...any)) (*built, error) {
	params := append([]string{"FamName"}, c.build...)
	var args []any
	var missing []string
	for _, p := range params {
		if v, ok := d.Pop(p); ok {
			args = append(args, v)
		} else {
			missing = append(missing, p)
		}
	}
	for _, t := range transformAttrs {
		if _, ok := d.Get(t); ok {
			return nil, &attrError{t, errors.New("element transformations (dx, dy, dz, pitch, yaw, tilt) are not supported by gotrack's MAT reader; set T1, T2, R1, R2 instead or convert the lattice to JSON with PyAT")}
		}
	}
	if len(args) < 1+c.required {
		return nil, &attrError{missing[0], fmt.Errorf("missing: class %s needs %s", c.name, strings.Join(params[:1+c.required], ", "))}
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
		if cv, ok := c.conv[k]; ok {
			out, err = cv(v)
		} else if c == clsRingParam {
			out = v // kept as read: ring properties are converted later
		} else {
			out, err = attrValue(v)
		}
		if err != nil {
			return &attrError{k, err}
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
			pm = c.pass
		}
		if err := set("PassMethod", pm); err != nil {
			return err
		}
		if b.attrs["PassMethod"] == "" {
			return &attrError{"PassMethod", errors.New("empty: set the element's passmethod (e.g. DriftPass, IdentityPass)")}
		}
		for _, k := range append([]string(nil), kw.Keys()...) {
			if err := set(k, kw.At(k)); err != nil {
				return err
			}
		}
		return nil
	}
	if c.long {
		kw.SetDefault("Length", p["Length"])
	}
	switch c {
	case clsCollimator:
		kw.Set("RApertures", p["RApertures"])
	case clsAperture, clsLongtAper:
		kw.Set("Limits", p["Limits"])
	case clsRFCavity:
		kw.SetDefault("TimeLag", 0.0)
		for _, k := range []string{"Voltage", "Frequency", "HarmNumber", "Energy"} {
			kw.Set(k, p[k])
		}
	case clsM66:
		m66, ok := p["M66"]
		if !ok {
			m66 = identity6()
		}
		kw.SetDefault("M66", m66)
		kw.SetDefault("M66Rad", m66)
	case clsCorrector:
		kw.Set("KickAngle", p["KickAngle"])
	case clsCrabCavity:
		kw.SetDefault("TimeLag", 0.0)
		for _, k := range []string{"Voltages", "Frequency", "HarmNumber"} {
			kw.Set(k, p[k])
		}
	case clsEnergyLoss:
		kw.Set("EnergyLoss", p["EnergyLoss"])
	case clsQuantDiff:
		kw.Set("Lmatp", p["Lmatp"])
	case clsSimpleRad:
		if err := initSimpleRadiation(kw); err != nil {
			return nil, err
		}
	case clsSimpleQD:
		if err := initSimpleQuantDiff(kw); err != nil {
			return nil, err
		}
	case clsWiggler:
		kw.Set("Lw", p["Lw"])
		kw.Set("Bmax", p["Bmax"])
		if err := initElement(); err != nil {
			return nil, err
		}
		if err := checkWiggler(b); err != nil {
			return nil, err
		}
		return b, checkFinite(b)
	case clsRingParam:
		e, err := toFloat(p["Energy"])
		if err != nil {
			return nil, &attrError{"Energy", err}
		}
		if !math.IsNaN(e) {
			kw.Set("Energy", e)
		}
		kw.Set("Periodicity", p["Periodicity"])
	}
	if !c.multipole {
		if err := initElement(); err != nil {
			return nil, err
		}
		if c == clsRingParam {
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
// subclasses: PolynomA/PolynomB against the K or H arguments, MaxOrder,
// and the padding of the polynomials.
func initMultipole(c *class, p map[string]any, kw *odict, b *built, initElement func() error, warn func(string, ...any)) error {
	fam, _ := p["FamName"].(string)
	var polyA, polyB []float64
	strength := func(name string) (float64, error) {
		v, ok := p[name]
		if !ok {
			return 0, nil
		}
		f, err := toFloat(v)
		if err != nil {
			return 0, &attrError{name, err}
		}
		return f, nil
	}
	switch c {
	case clsThinMpole, clsMultipole, clsOctupole:
		var err error
		if polyA, err = flat(p["PolynomA"]); err != nil {
			return &attrError{"PolynomA", err}
		}
		if polyB, err = flat(p["PolynomB"]); err != nil {
			return &attrError{"PolynomB", err}
		}
	case clsDipole:
		if v, ok := p["BendingAngle"]; ok {
			kw.SetDefault("BendingAngle", v)
		} else {
			kw.SetDefault("BendingAngle", 0.0)
		}
		kw.SetDefault("EntranceAngle", 0.0)
		kw.SetDefault("ExitAngle", 0.0)
		k, err := strength("K")
		if err != nil {
			return err
		}
		polyA, polyB = []float64{}, []float64{0, k}
	case clsQuadrupole:
		k, err := strength("K")
		if err != nil {
			return err
		}
		polyA, polyB = []float64{}, []float64{0, k}
	case clsSextupole:
		h, err := strength("H")
		if err != nil {
			return err
		}
		polyA, polyB = []float64{}, []float64{0, 0, h}
	}
	if c != clsThinMpole {
		kw.SetDefault("NumIntSteps", int64(10))
	}
	checkPoly := func(key string, arg []float64) ([]float64, error) {
		v, ok := kw.Pop(key)
		if !ok {
			return arg, nil
		}
		kv, err := flat(v)
		if err != nil {
			return nil, &attrError{key, err}
		}
		n := max(len(kv), len(arg))
		kv = pad(kv, n)
		arg = pad(arg, n)
		conflict := func(kname string, kval any, aname string, aval any) error {
			return &conflictError{fmt.Sprintf("Element %s: Conflicting element data, '%s' (%v) in kwargs does not match positional argument '%s' (%v).", fam, kname, kval, aname, aval)}
		}
		switch {
		case c == clsDipole || c == clsQuadrupole:
			if key == "PolynomB" && arg[1] != 0 && arg[1] != kv[1] {
				return nil, conflict("PolynomB", kv, "k", arg[1])
			}
		case c == clsSextupole:
			if key == "PolynomB" && arg[2] != 0 && arg[2] != kv[2] {
				return nil, conflict("PolynomB", kv, "h", arg[2])
			}
		case anyNonZero(arg) && !equal(kv, arg):
			return nil, conflict(key, kv, "poly_"+strings.ToLower(key[len(key)-1:]), arg)
		default:
			warn("Element %s: Duplicate element data, both positional argument 'poly_%s' and '%s' in kwargs passed.", fam, strings.ToLower(key[len(key)-1:]), key)
		}
		return kv, nil
	}
	pa, err := checkPoly("PolynomA", polyA)
	if err != nil {
		return err
	}
	pb, err := checkPoly("PolynomB", polyB)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		key   string
		index int
	}{{"K", 1}, {"H", 2}} {
		v, ok := kw.Pop(s.key)
		if !ok {
			continue
		}
		k, err := toFloat(v)
		if err != nil {
			return &attrError{s.key, err}
		}
		vname := fmt.Sprintf("poly_b[%d]", s.index)
		if len(pb) <= s.index {
			return &conflictError{fmt.Sprintf("Element %s: Conflicting element data, 'K' (%v) in kwargs does not match positional argument '%s' (0.0).", fam, k, vname)}
		}
		if k != 0 && k != pb[s.index] {
			return &conflictError{fmt.Sprintf("Element %s: Conflicting element data, 'K' (%v) in kwargs does not match positional argument '%s' (%v).", fam, k, vname, pb[s.index])}
		}
		warn("Element %s: Duplicate element data, both positional argument 'poly_b' and 'K' in kwargs passed.", fam)
	}
	deforder := max(c.defaultOrder, len(pa)-1, len(pb)-1)
	maxorder := int64(deforder)
	if v, ok := kw.Pop("MaxOrder"); ok {
		if maxorder, err = toInt(v); err != nil {
			return &attrError{"MaxOrder", err}
		}
	}
	if maxorder > maxPolyOrder {
		return &attrError{"MaxOrder", fmt.Errorf("%d is more than the %d gotrack accepts (corrupted value?)", maxorder, maxPolyOrder)}
	}
	if err := initElement(); err != nil {
		return err
	}
	b.attrs["MaxOrder"] = maxorder
	lab := max(int(maxorder), deforder) + 1
	for _, x := range []struct {
		key string
		p   []float64
	}{{"PolynomA", pa}, {"PolynomB", pb}} {
		v := pad(x.p, lab)
		for i := len(v) - 1; i > int(maxorder); i-- {
			if v[i] != 0 {
				warn("Some values of %s are truncated by MaxOrder=%d", x.key, maxorder)
				break
			}
		}
		b.attrs[x.key] = v
	}
	if c.withK {
		k := 0.0
		if pb := b.attrs["PolynomB"].([]float64); len(pb) >= 2 {
			k = pb[1]
		}
		b.attrs["K"] = k
	}
	return nil
}

func pad(x []float64, n int) []float64 {
	out := make([]float64, max(n, len(x)))
	copy(out, x)
	return out
}

func anyNonZero(x []float64) bool {
	for _, v := range x {
		if v != 0 {
			return true
		}
	}
	return false
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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
			return &attrError{k, errors.New("values must be finite (NaN or Inf found); fix the value in MATLAB")}
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
		switch k {
		case "FamName", "PassMethod", "Length":
			continue
		case "K":
			if b.cls.withK {
				continue
			}
		}
		names = append(names, k)
	}
	sort.Strings(names)
	e.Attrs = append(e.Attrs, tracking.Attr{Name: "Length", Value: b.attrs["Length"]})
	for _, k := range names {
		e.Attrs = append(e.Attrs, tracking.Attr{Name: k, Value: b.attrs[k]})
	}
	if b.cls.withK {
		e.Attrs = append(e.Attrs, tracking.Attr{Name: "K", Value: b.attrs["K"]})
	}
	e.Attrs = append(e.Attrs, tracking.Attr{Name: "Class", Value: b.cls.fileName()})
	return e
}
