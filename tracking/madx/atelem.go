package madx

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// atElem is an AT element under construction: attributes other than
// FamName, PassMethod and Class by name, ordered when finished as PyAT's
// Element.items(): Length, then sorted names, then the K of quadrupoles
// and bends, then Class.
type atElem struct {
	fam, pass, class string
	attrs            map[string]any
}

func newAT(fam, pass, class string, length float64) *atElem {
	return &atElem{fam: fam, pass: pass, class: class, attrs: map[string]any{"Length": length}}
}

func (e *atElem) length() float64 {
	l, _ := e.attrs["Length"].(float64)
	return l
}

func (e *atElem) float(name string) float64 {
	f, _ := e.attrs[name].(float64)
	return f
}

// finish converts to a tracking.Element.
func (e *atElem) finish() *tracking.Element {
	keys := make([]string, 0, len(e.attrs))
	for k := range e.attrs {
		if k != "Length" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	el := &tracking.Element{FamName: e.fam, PassMethod: e.pass}
	el.Attrs = append(el.Attrs, tracking.Attr{Name: "Length", Value: e.attrs["Length"]})
	for _, k := range keys {
		el.Attrs = append(el.Attrs, tracking.Attr{Name: k, Value: e.attrs[k]})
	}
	if e.class == "Quadrupole" || e.class == "Bend" {
		k := 0.0
		if pb, ok := e.attrs["PolynomB"].([]float64); ok && len(pb) >= 2 {
			k = pb[1]
		}
		el.Attrs = append(el.Attrs, tracking.Attr{Name: "K", Value: k})
	}
	el.Attrs = append(el.Attrs, tracking.Attr{Name: "Class", Value: e.class})
	return el
}

// swapFaces exchanges the entrance and exit attributes of a reversed
// element (PyAT's Element.swap_faces; R1/R2/T1/T2 are not swapped).
func (e *atElem) swapFaces() {
	for _, pair := range [][2]string{{"EntranceAngle", "ExitAngle"}, {"FringeInt1", "FringeInt2"},
		{"FringeBendEntrance", "FringeBendExit"}, {"FringeQuadEntrance", "FringeQuadExit"}} {
		a, okA := e.attrs[pair[0]]
		b, okB := e.attrs[pair[1]]
		delete(e.attrs, pair[0])
		delete(e.attrs, pair[1])
		if okA {
			e.attrs[pair[1]] = a
		}
		if okB {
			e.attrs[pair[0]] = b
		}
	}
}

// elemCtx evaluates the attributes of one element instance.
type elemCtx struct {
	ev *evaluator
	o  *object
}

func (c *elemCtx) where() string {
	return fmt.Sprintf("%s:%d: %s %s", c.o.file, c.o.line, strings.ToUpper(c.o.class), c.o.name)
}

// val returns the value of attribute k, or def when absent.
func (c *elemCtx) val(k string, def value) (value, error) {
	a, ok := c.o.attrs[k]
	if !ok {
		return def, nil
	}
	v, err := c.ev.attrValue(a, c.o.name+"->"+k)
	if err != nil {
		var ue *undefError
		if errors.As(err, &ue) {
			return value{}, fmt.Errorf("%s, %s: %w", c.where(), strings.ToUpper(k), err)
		}
		return value{}, err
	}
	return v, nil
}

// num returns attribute k as a number value (required when def is nil).
func (c *elemCtx) num(k string, def *value) (value, error) {
	if _, ok := c.o.attrs[k]; !ok {
		if def == nil {
			return value{}, fmt.Errorf("%s has no %s: add %s=<value>", c.where(), strings.ToUpper(k), strings.ToUpper(k))
		}
		return *def, nil
	}
	v, err := c.val(k, value{})
	if err != nil {
		return value{}, err
	}
	if !v.isNumber() {
		return value{}, fmt.Errorf("%s: %s must be a number, got %s", c.where(), strings.ToUpper(k), v.describe())
	}
	return v, nil
}

// flt returns attribute k converted with Python's float().
func (c *elemCtx) flt(k string, def *value) (float64, error) {
	v, err := c.num(k, def)
	if err != nil {
		return 0, err
	}
	f, err := v.toFloat()
	if err != nil {
		return 0, fmt.Errorf("%s: %s: %w", c.where(), strings.ToUpper(k), err)
	}
	return f, nil
}

func (c *elemCtx) op(o string, a, b value) (float64, error) {
	r, err := arith(o, a, b)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", c.where(), err)
	}
	return r.toFloat()
}

var (
	zeroF = floatVal(0)
	zeroI = intVal(0)
)

// magnetLength is the length used to place the element in a sequence
// (PyAT's ElementDescr.length; rbend: the arc length).
func (c *elemCtx) placeLength() (float64, error) {
	if c.o.class == "rbend" {
		l, err := c.num("l", &zeroF)
		if err != nil {
			return 0, err
		}
		ang, err := c.num("angle", &zeroF)
		if err != nil {
			return 0, err
		}
		h, err := c.op("*", floatVal(0.5), ang)
		if err != nil {
			return 0, err
		}
		return c.op("/", l, floatVal(sinc(h)))
	}
	return c.flt("l", &zeroF)
}

// sinc is sin(x)/x. PyAT returns x below 1e-10, which makes an RBEND of
// zero angle fail; here it is 1.
func sinc(x float64) float64 {
	if math.Abs(x) < 1e-10 {
		return 1
	}
	return crSin(x) / x
}

// toAT converts a MAD-X element instance to AT elements as PyAT's
// to_at methods.
func (c *elemCtx) toAT() ([]*atElem, error) {
	var out []*atElem
	var err error
	name := c.o.name
	info := madClasses[c.o.class]
	switch {
	case info.ignored:
		out, err = c.ignored()
	default:
		switch c.o.class {
		case "drift":
			var l float64
			if l, err = c.flt("l", &zeroF); err == nil {
				out = []*atElem{newAT(name, "DriftPass", "Drift", l)}
			}
		case "marker":
			out = []*atElem{newAT(name, "IdentityPass", "Marker", 0)}
		case "quadrupole":
			out, err = c.quadrupole()
		case "sextupole":
			out, err = c.sextupole()
		case "octupole":
			out, err = c.octupole()
		case "multipole":
			out, err = c.multipole()
		case "sbend":
			out, err = c.sbend(nil)
		case "rbend":
			out, err = c.rbend()
		case "kicker", "hkicker", "vkicker":
			out, err = c.kicker()
		case "rfcavity":
			out, err = c.rfcavity()
		case "monitor", "hmonitor", "vmonitor", "instrument":
			out, err = c.monitor()
		default:
			err = fmt.Errorf("%s: class %s cannot be converted", c.where(), c.o.class)
		}
	}
	if err != nil {
		return nil, err
	}
	// tilt and ktap (PyAT's mad_element decorator)
	tilt, err := c.flt("tilt", &zeroF)
	if err != nil {
		return nil, err
	}
	ktap, err := c.flt("ktap", &zeroF)
	if err != nil {
		return nil, err
	}
	for _, e := range out {
		if tilt != 0 {
			r1, r2 := tiltMatrices(tilt)
			e.attrs["R1"], e.attrs["R2"] = r1, r2
		}
		if ktap != 0 {
			e.attrs["Scaling"] = 1.0 + ktap
		}
		e.attrs["origin"] = c.o.class
	}
	return out, nil
}

// tiltMatrices returns R1 and R2 of a rotation by tilt about s.
func tiltMatrices(tilt float64) ([][]float64, [][]float64) {
	cs, sn := crCos(tilt), crSin(tilt)
	r := make([][]float64, 6)
	for i := range r {
		r[i] = make([]float64, 6)
	}
	r[0][0], r[1][1], r[2][2], r[3][3], r[4][4], r[5][5] = cs, cs, cs, cs, 1, 1
	r[0][2], r[1][3], r[2][0], r[3][1] = sn, sn, -sn, -sn
	t := make([][]float64, 6)
	for i := range t {
		t[i] = make([]float64, 6)
		for j := range t[i] {
			t[i][j] = r[j][i]
		}
	}
	return r, t
}

func (c *elemCtx) ignored() ([]*atElem, error) {
	a, ok := c.o.attrs["l"]
	if !ok {
		return []*atElem{newAT(c.o.name, "IdentityPass", "Marker", 0)}, nil
	}
	l, err := c.flt("l", &zeroF)
	if err != nil {
		return nil, err
	}
	// PyAT compares l == 0.0; a deferred l (StrParameter) never equals 0
	if l == 0 && !a.isDeferred() {
		return []*atElem{newAT(c.o.name, "IdentityPass", "Marker", 0)}, nil
	}
	return []*atElem{newAT(c.o.name, "DriftPass", "Drift", l)}, nil
}

// multipoleAT builds a Multipole-derived element: PolynomA/B padded to
// MaxOrder+1 with MaxOrder = max(DefaultOrder, len-1).
func multipoleAT(name, pass, class string, length float64, defOrder int, pa, pb []float64, thick bool) *atElem {
	e := newAT(name, pass, class, length)
	order := defOrder
	if len(pa)-1 > order {
		order = len(pa) - 1
	}
	if len(pb)-1 > order {
		order = len(pb) - 1
	}
	pad := func(p []float64) []float64 {
		q := make([]float64, order+1)
		copy(q, p)
		return q
	}
	e.attrs["PolynomA"] = pad(pa)
	e.attrs["PolynomB"] = pad(pb)
	e.attrs["MaxOrder"] = int64(order)
	if thick {
		e.attrs["NumIntSteps"] = int64(10)
	}
	return e
}

func (c *elemCtx) quadrupole() ([]*atElem, error) {
	l, err := c.flt("l", nil)
	if err != nil {
		return nil, err
	}
	k1, err := c.flt("k1", &zeroF)
	if err != nil {
		return nil, err
	}
	k1s, err := c.flt("k1s", &zeroF)
	if err != nil {
		return nil, err
	}
	return []*atElem{multipoleAT(c.o.name, "StrMPoleSymplectic4Pass", "Quadrupole", l, 1,
		[]float64{0, k1s}, []float64{0, k1}, true)}, nil
}

func (c *elemCtx) sextupole() ([]*atElem, error) {
	l, err := c.flt("l", nil)
	if err != nil {
		return nil, err
	}
	k2, err := c.num("k2", &zeroF)
	if err != nil {
		return nil, err
	}
	k2s, err := c.num("k2s", &zeroF)
	if err != nil {
		return nil, err
	}
	h, err := c.op("/", k2, floatVal(2))
	if err != nil {
		return nil, err
	}
	hs, err := c.op("/", k2s, floatVal(2))
	if err != nil {
		return nil, err
	}
	return []*atElem{multipoleAT(c.o.name, "StrMPoleSymplectic4Pass", "Sextupole", l, 2,
		[]float64{0, 0, hs}, []float64{0, 0, h}, true)}, nil
}

func (c *elemCtx) octupole() ([]*atElem, error) {
	l, err := c.flt("l", nil)
	if err != nil {
		return nil, err
	}
	k3, err := c.num("k3", &zeroF)
	if err != nil {
		return nil, err
	}
	k3s, err := c.num("k3s", &zeroF)
	if err != nil {
		return nil, err
	}
	o, err := c.op("/", k3, floatVal(6))
	if err != nil {
		return nil, err
	}
	os, err := c.op("/", k3s, floatVal(6))
	if err != nil {
		return nil, err
	}
	return []*atElem{multipoleAT(c.o.name, "StrMPoleSymplectic4Pass", "Octupole", l, 3,
		[]float64{0, 0, 0, os}, []float64{0, 0, 0, o}, true)}, nil
}

// polyFromMad converts MAD-X KNL/KSL to AT PolynomB/A: k_n / n!.
func (c *elemCtx) polyFromMad(k string) ([]float64, error) {
	v, err := c.val(k, tupleVal(nil))
	if err != nil {
		return nil, err
	}
	items := v.tup
	if v.kind != vTuple {
		items = []value{v}
	}
	out := make([]float64, len(items))
	f := 1.0
	for n, it := range items {
		q, err := c.op("/", it, floatVal(f))
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", strings.ToUpper(k), n, err)
		}
		out[n] = 1.0 * q
		f *= float64(n + 1)
	}
	return out, nil
}

func (c *elemCtx) multipole() ([]*atElem, error) {
	pb, err := c.polyFromMad("knl")
	if err != nil {
		return nil, err
	}
	pa, err := c.polyFromMad("ksl")
	if err != nil {
		return nil, err
	}
	return []*atElem{multipoleAT(c.o.name, "ThinMPolePass", "ThinMultipole", 0, 0, pa, pb, false)}, nil
}

// bendOverride carries the RBEND to SBEND conversion.
type bendOverride struct{ l, e1, e2 float64 }

func (c *elemCtx) sbend(ov *bendOverride) ([]*atElem, error) {
	var l, e1, e2 float64
	var err error
	if ov != nil {
		l, e1, e2 = ov.l, ov.e1, ov.e2
	} else {
		if l, err = c.flt("l", nil); err != nil {
			return nil, err
		}
		if e1, err = c.flt("e1", &zeroF); err != nil {
			return nil, err
		}
		if e2, err = c.flt("e2", &zeroF); err != nil {
			return nil, err
		}
	}
	angle, err := c.flt("angle", nil)
	if err != nil {
		return nil, err
	}
	k1, err := c.flt("k1", &zeroF)
	if err != nil {
		return nil, err
	}
	k2v, err := c.num("k2", &zeroF)
	if err != nil {
		return nil, err
	}
	k2h, err := c.op("/", k2v, floatVal(2))
	if err != nil {
		return nil, err
	}
	k1s, err := c.flt("k1s", &zeroF)
	if err != nil {
		return nil, err
	}
	e := multipoleAT(c.o.name, "BndMPoleSymplectic4Pass", "Bend", l, 1, []float64{0, k1s}, []float64{0, k1, k2h}, true)
	e.attrs["BendingAngle"] = angle
	e.attrs["EntranceAngle"] = e1
	e.attrs["ExitAngle"] = e2
	if _, ok := c.o.attrs["hgap"]; ok {
		hgap, err := c.num("hgap", nil)
		if err != nil {
			return nil, err
		}
		fg, err := c.op("*", floatVal(2), hgap)
		if err != nil {
			return nil, err
		}
		fint, err := c.flt("fint", &zeroF)
		if err != nil {
			return nil, err
		}
		fv := floatVal(fint)
		fintx, err := c.flt("fintx", &fv)
		if err != nil {
			return nil, err
		}
		e.attrs["FullGap"] = fg
		e.attrs["FringeInt1"] = fint
		e.attrs["FringeInt2"] = fintx
	}
	return []*atElem{e}, nil
}

func (c *elemCtx) rbend() ([]*atElem, error) {
	l, err := c.num("l", nil)
	if err != nil {
		return nil, err
	}
	ang, err := c.num("angle", nil)
	if err != nil {
		return nil, err
	}
	h, err := c.op("*", floatVal(0.5), ang)
	if err != nil {
		return nil, err
	}
	h = math.Abs(h)
	arc, err := c.op("/", l, floatVal(sinc(h)))
	if err != nil {
		return nil, err
	}
	e1, err := c.flt("e1", &zeroF)
	if err != nil {
		return nil, err
	}
	e2, err := c.flt("e2", &zeroF)
	if err != nil {
		return nil, err
	}
	return c.sbend(&bendOverride{l: arc, e1: h + e1, e2: h + e2})
}

func (c *elemCtx) kicker() ([]*atElem, error) {
	l, err := c.flt("l", &zeroF)
	if err != nil {
		return nil, err
	}
	var hk, vk float64
	switch c.o.class {
	case "kicker":
		if hk, err = c.flt("hkick", &zeroF); err != nil {
			return nil, err
		}
		if vk, err = c.flt("vkick", &zeroF); err != nil {
			return nil, err
		}
	case "hkicker":
		if hk, err = c.flt("kick", &zeroF); err != nil {
			return nil, err
		}
	case "vkicker":
		if vk, err = c.flt("kick", &zeroF); err != nil {
			return nil, err
		}
	}
	e := newAT(c.o.name, "CorrectorPass", "Corrector", l)
	e.attrs["KickAngle"] = []float64{hk, vk}
	return []*atElem{e}, nil
}

func (c *elemCtx) rfcavity() ([]*atElem, error) {
	l, err := c.flt("l", &zeroF)
	if err != nil {
		return nil, err
	}
	volt, err := c.num("volt", &zeroF)
	if err != nil {
		return nil, err
	}
	nan := floatVal(math.NaN())
	freq, err := c.num("freq", &nan)
	if err != nil {
		return nil, err
	}
	harm, err := c.num("harmon", &zeroI)
	if err != nil {
		return nil, err
	}
	v, err := c.op("*", floatVal(1.0e6), volt)
	if err != nil {
		return nil, err
	}
	f, err := c.op("*", floatVal(1.0e6), freq)
	if err != nil {
		return nil, err
	}
	h, err := harm.toInt()
	if err != nil {
		return nil, fmt.Errorf("%s: HARMON: %w", c.where(), err)
	}
	pass := "DriftPass"
	if l == 0 {
		pass = "IdentityPass"
	}
	e := newAT(c.o.name, pass, "RFCavity", l)
	e.attrs["Voltage"] = v
	e.attrs["Frequency"] = f
	e.attrs["HarmNumber"] = h
	e.attrs["Energy"] = 0.0
	e.attrs["TimeLag"] = 0.0
	return []*atElem{e}, nil
}

func (c *elemCtx) monitor() ([]*atElem, error) {
	l, err := c.num("l", &zeroF)
	if err != nil {
		return nil, err
	}
	hl, err := c.op("*", floatVal(0.5), l)
	if err != nil {
		return nil, err
	}
	m := newAT(c.o.name, "IdentityPass", "Monitor", 0)
	if hl == 0 {
		return []*atElem{m}, nil
	}
	dn := c.o.name + ".1"
	return []*atElem{newAT(dn, "DriftPass", "Drift", hl), m, newAT(dn, "DriftPass", "Drift", hl)}, nil
}
