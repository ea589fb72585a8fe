package pyatelem

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Values are a reader's operations on its values V (the literals of a
// .m file, the cleaned MAT arrays), as PyAT's constructors need them.
type Values[V any] interface {
	// Convert is Element.__setattr__'s conversion of attribute name of
	// an element of class c: conv when the class has one (ok), else the
	// reader's treatment of an attribute without conversion.
	Convert(c *Class, name string, conv Conv, ok bool, v V) (V, error)
	// Float, Int, String and Vector make values.
	Float(f float64) V
	Int(i int64) V
	String(s string) V
	Vector(x []float64) V
	// Identity66 is numpy's identity(6).
	Identity66() V
	// ToFloat is float(v); Number is the same for a value a constructor
	// puts in a list of numbers (a magnet strength), which must be a
	// scalar.
	ToFloat(v V) (float64, error)
	Number(v V) (float64, error)
	// ToInt is int(v), ToString str(v).
	ToInt(v V) (int64, error)
	ToString(v V) (string, error)
	// Flat is numpy's float64 array of v flattened in Fortran order.
	Flat(v V) ([]float64, error)
}

// Elem is an element as PyAT's constructor leaves it: its class and
// its attributes in the order they were set.
type Elem[V any] struct {
	Class *Class
	Attrs *Dict[V]
}

// ErrTransform is the error about an element transformation option
// (TransformAttrs), which gotrack does not apply.
var ErrTransform = errors.New("PyAT applies it as a geometric transformation of the element (T1, T2, R1, R2), which gotrack does not do: give T1, T2, R1 and R2 instead, or convert the lattice to JSON with PyAT")

// FromDict is the construction part of PyAT's element_from_dict, once
// the class is known: Element.from_file, and for a Quadrupole or a
// Sextupole whose positional strength conflicts with PolynomB, a second
// try without it (with PyAT's warning). d holds the attributes with
// FamName; it is consumed.
func FromDict[V any](vals Values[V], c *Class, d *Dict[V], warn func(format string, a ...any)) (*Elem[V], error) {
	e, err := FromFile(vals, c, d.Copy(), warn)
	var ce *ConflictError
	if errors.As(err, &ce) && RetryWithout(c) != "" {
		d.Pop(RetryWithout(c))
		warn("%s, positional argument ignored", ce.Msg)
		e, err = FromFile(vals, c, d, warn)
	}
	return e, err
}

// FromFile is Element.from_file followed by the constructor of class c:
// FamName and the class's Build attributes present in d are the
// positional arguments (a missing optional one shifts those after it,
// as in PyAT), the rest are keywords. Attribute errors are *AttrError,
// strength conflicts *ConflictError.
func FromFile[V any](vals Values[V], c *Class, d *Dict[V], warn func(format string, a ...any)) (*Elem[V], error) {
	params := append([]string{"FamName"}, c.Build...)
	var args []V
	var missing []string
	for _, p := range params {
		if v, ok := d.Pop(p); ok {
			args = append(args, v)
		} else {
			missing = append(missing, p)
		}
	}
	for _, t := range TransformAttrs {
		if d.Has(t) {
			return nil, &AttrError{t, ErrTransform}
		}
	}
	if len(args) < 1+c.Required {
		return nil, &AttrError{missing[0], fmt.Errorf("missing: class %s needs %s", c.Name, strings.Join(params[:1+c.Required], ", "))}
	}
	b := &builder[V]{vals: vals, e: &Elem[V]{Class: c, Attrs: NewDict[V]()}, warn: warn}
	if err := b.construct(args, d); err != nil {
		return nil, err
	}
	return b.e, nil
}

type builder[V any] struct {
	vals Values[V]
	e    *Elem[V]
	warn func(string, ...any)
}

// set is Element.__setattr__.
func (b *builder[V]) set(name string, v V) error {
	c := b.e.Class
	if c.IsProp(name) {
		return &AttrError{name, fmt.Errorf("%s is a property of PyAT's %s class, computed from other attributes: give the attributes it is computed from (PolynomA, PolynomB, KickAngle) instead", name, c.Name)}
	}
	conv, ok := c.Conv[name]
	cv, err := b.vals.Convert(c, name, conv, ok, v)
	if err != nil {
		return &AttrError{name, err}
	}
	b.e.Attrs.Set(name, cv)
	return nil
}

// elementInit is Element.__init__(family_name, **kwargs): FamName,
// Length, PassMethod (the class's default), then the keywords in order.
func (b *builder[V]) elementInit(fam V, kw *Dict[V]) error {
	if err := b.set("FamName", fam); err != nil {
		return err
	}
	l, ok := kw.Pop("Length")
	if !ok {
		l = b.vals.Float(0)
	}
	if err := b.set("Length", l); err != nil {
		return err
	}
	pm, ok := kw.Pop("PassMethod")
	if !ok {
		pm = b.vals.String(b.e.Class.Pass)
	}
	if err := b.set("PassMethod", pm); err != nil {
		return err
	}
	if s, _ := b.vals.ToString(b.e.Attrs.At("PassMethod")); s == "" {
		return &AttrError{"PassMethod", errors.New("empty: set the element's passmethod (e.g. DriftPass, IdentityPass)")}
	}
	for _, k := range append([]string(nil), kw.Keys()...) {
		if err := b.set(k, kw.At(k)); err != nil {
			return err
		}
	}
	return nil
}

// construct runs the class's constructor; a holds FamName then the
// present Build attributes.
func (b *builder[V]) construct(a []V, kw *Dict[V]) error {
	c := b.e.Class
	p := map[string]V{}
	for i, v := range a {
		p[append([]string{"FamName"}, c.Build...)[i]] = v
	}
	if c.Long {
		kw.SetDefault("Length", p["Length"])
	}
	switch c {
	case Collimator:
		kw.Set("RApertures", p["RApertures"])
	case Aperture, LongtAperture:
		kw.Set("Limits", p["Limits"])
	case RFCavity:
		kw.SetDefault("TimeLag", b.vals.Float(0))
		for _, k := range []string{"Voltage", "Frequency", "HarmNumber", "Energy"} {
			kw.Set(k, p[k])
		}
	case CrabCavity:
		kw.SetDefault("TimeLag", b.vals.Float(0))
		for _, k := range []string{"Voltages", "Frequency", "HarmNumber"} {
			kw.Set(k, p[k])
		}
	case M66:
		m66, ok := p["M66"]
		if !ok {
			m66 = b.vals.Identity66()
		}
		kw.SetDefault("M66", m66)
		kw.SetDefault("M66Rad", m66)
	case Corrector:
		kw.Set("KickAngle", p["KickAngle"])
	case EnergyLoss:
		kw.Set("EnergyLoss", p["EnergyLoss"])
	case QuantumDiffusion:
		kw.Set("Lmatp", p["Lmatp"])
	case Wiggler:
		kw.Set("Lw", p["Lw"])
		kw.Set("Bmax", p["Bmax"])
	case SimpleRadiation:
		return b.simpleRadiation(p["FamName"], kw)
	case SimpleQuantDiff:
		return b.simpleQuantDiff(p["FamName"], kw)
	case RingParam:
		en, err := b.vals.ToFloat(p["Energy"])
		if err != nil {
			return &AttrError{"Energy", err}
		}
		// super().__init__(family_name, Periodicity=periodicity, **kwargs)
		kw2 := NewDict[V]()
		kw2.Set("Periodicity", p["Periodicity"])
		if !math.IsNaN(en) {
			kw.Set("Energy", p["Energy"])
		}
		for _, k := range kw.Keys() {
			kw2.Set(k, kw.At(k))
		}
		return b.elementInit(p["FamName"], kw2)
	}
	if c.Multipole {
		return b.multipole(p, kw)
	}
	return b.elementInit(p["FamName"], kw)
}

// keywordParams pops the constructor parameters given as keywords,
// with their defaults: their values as given and as numbers.
func (b *builder[V]) keywordParams(kw *Dict[V], names []string, defaults []float64) (map[string]V, map[string]float64, error) {
	raw, nums := map[string]V{}, map[string]float64{}
	for i, n := range names {
		v, ok := kw.Pop(n)
		if !ok {
			raw[n], nums[n] = b.vals.Float(defaults[i]), defaults[i]
			continue
		}
		f, err := b.vals.ToFloat(v)
		if err != nil {
			return nil, nil, &AttrError{n, err}
		}
		raw[n], nums[n] = v, f
	}
	return raw, nums, nil
}

// simpleQuantDiff is SimpleQuantDiff.__init__: the eight parameters,
// checked, become attributes as given.
func (b *builder[V]) simpleQuantDiff(fam V, kw *Dict[V]) error {
	var names []string
	var defaults []float64
	for _, p := range SimpleQuantDiffParams {
		names, defaults = append(names, p.Name), append(defaults, p.Default)
	}
	raw, nums, err := b.keywordParams(kw, names, defaults)
	if err != nil {
		return err
	}
	if err := CheckSimpleQuantDiff(nums); err != nil {
		return err
	}
	if err := b.elementInit(fam, kw); err != nil {
		return err
	}
	for _, n := range names {
		if err := b.set(n, raw[n]); err != nil {
			return err
		}
	}
	return nil
}

// simpleRadiation is SimpleRadiation.__init__: taux, tauy and tauz only
// give the default damp_mat_diag; U0 is kept.
func (b *builder[V]) simpleRadiation(fam V, kw *Dict[V]) error {
	raw, v, err := b.keywordParams(kw, []string{"taux", "tauy", "tauz", "U0"}, []float64{0, 0, 0, 0})
	if err != nil {
		return err
	}
	for _, n := range []string{"taux", "tauy", "tauz"} {
		if !(v[n] >= 0) {
			return &AttrError{n, fmt.Errorf("%s must be greater than or equal to 0, got %v", n, v[n])}
		}
	}
	damp := func(tau float64) float64 {
		if tau == 0 {
			return 1
		}
		return math.Exp(-2 / tau)
	}
	kw.SetDefault("U0", raw["U0"])
	kw.SetDefault("damp_mat_diag", b.vals.Vector([]float64{1, damp(v["taux"]), 1, damp(v["tauy"]), damp(v["tauz"]), 1}))
	return b.elementInit(fam, kw)
}

// multipole is the constructor chain of ThinMultipole and its
// subclasses (Multipole, Dipole, Quadrupole, Sextupole, Octupole).
func (b *builder[V]) multipole(p map[string]V, kw *Dict[V]) error {
	c := b.e.Class
	pm, err := PopPolynoms(kw, b.vals.Flat, b.vals.ToFloat, b.vals.ToInt)
	if err != nil {
		return err
	}
	switch c {
	case ThinMultipole, Multipole, Octupole:
		if pm.PolyA, err = b.vals.Flat(p["PolynomA"]); err != nil {
			return &AttrError{"PolynomA", err}
		}
		if pm.PolyB, err = b.vals.Flat(p["PolynomB"]); err != nil {
			return &AttrError{"PolynomB", err}
		}
	default: // Dipole, Quadrupole, Sextupole
		name := "K"
		if c == Dipole {
			if v, ok := p["BendingAngle"]; ok {
				kw.SetDefault("BendingAngle", v)
			} else {
				kw.SetDefault("BendingAngle", b.vals.Float(0))
			}
			kw.SetDefault("EntranceAngle", b.vals.Float(0))
			kw.SetDefault("ExitAngle", b.vals.Float(0))
		} else {
			name = RetryWithout(c)
		}
		k := 0.0
		if v, ok := p[name]; ok {
			if k, err = b.vals.Number(v); err != nil {
				return &AttrError{name, err}
			}
		}
		pm.PolyA, pm.PolyB = []float64{}, Strengths(c, k)
	}
	if c != ThinMultipole {
		kw.SetDefault("NumIntSteps", b.vals.Int(10))
	}
	fam, _ := b.vals.ToString(p["FamName"])
	pa, pb, maxOrder, err := pm.Init(c, fam, b.warn)
	if err != nil {
		return err
	}
	if err := b.elementInit(p["FamName"], kw); err != nil {
		return err
	}
	if err := b.set("MaxOrder", b.vals.Int(maxOrder)); err != nil {
		return err
	}
	if err := b.set("PolynomA", b.vals.Vector(pa)); err != nil {
		return err
	}
	return b.set("PolynomB", b.vals.Vector(pb))
}
