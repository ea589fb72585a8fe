package atm

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// class is one of PyAT's element classes (pyatelem.Class); the .m
// reader builds those that have a constructor in ctors.
type class = pyatelem.Class

// ctorFn is a class constructor called with load_m's positional
// arguments (FamName first) and keywords.
type ctorFn func(b *builder, e *pyElem, args []value, kw *odict) error

// ctors are the constructors of the classes the .m reader builds.
var ctors = map[*class]ctorFn{}

// pyElem is an element being built: its class and attributes in the
// order PyAT sets them.
type pyElem struct {
	cls   *class
	attrs *odict
}

// set is Element.__setattr__: the class's conversion, then the value.
func (e *pyElem) set(name string, v value) error {
	if e.cls.IsProp(name) {
		return fmt.Errorf("%s is a property of PyAT's %s class, computed from other attributes: give the attributes it is computed from (PolynomA, PolynomB, KickAngle) instead", name, e.cls.Name)
	}
	if c, ok := e.cls.Conv[name]; ok {
		cv, err := convert(c, v)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		v = cv
	}
	e.attrs.Set(name, v)
	return nil
}

func init() {
	// load_m builds no plain Element or LongElement.
	elementCtor := func(b *builder, e *pyElem, a []value, kw *odict) error { return b.elementInit(e, a[0], kw) }
	ctors[pyatelem.Marker] = elementCtor
	ctors[pyatelem.Monitor] = elementCtor
	ctors[pyatelem.Drift] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		kw.SetDefault("PassMethod", strVal("DriftPass"))
		return b.longInit(e, a, kw)
	}
	ctors[pyatelem.Collimator] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("class Collimator needs FamName, Length and RApertures")
		}
		kw.Set("RApertures", a[2])
		return ctors[pyatelem.Drift](b, e, a[:2], kw)
	}
	aperture := func(pass string) func(b *builder, e *pyElem, a []value, kw *odict) error {
		return func(b *builder, e *pyElem, a []value, kw *odict) error {
			if len(a) < 2 {
				return fmt.Errorf("%s needs FamName and Limits", e.cls.Name)
			}
			kw.SetDefault("PassMethod", strVal(pass))
			kw.Set("Limits", a[1])
			return b.elementInit(e, a[0], kw)
		}
	}
	ctors[pyatelem.Aperture] = aperture("AperturePass")
	ctors[pyatelem.LongtAperture] = aperture("LongtAperturePass")
	ctors[pyatelem.RFCavity] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 6 {
			return fmt.Errorf("RFCavity needs FamName, Length, Voltage, Frequency, HarmNumber and Energy")
		}
		kw.SetDefault("TimeLag", floatVal(0))
		kw.SetDefault("PassMethod", strVal("RFCavityPass"))
		kw.Set("Voltage", a[2])
		kw.Set("Frequency", a[3])
		kw.Set("HarmNumber", a[4])
		kw.Set("Energy", a[5])
		return b.longInit(e, a[:2], kw)
	}
	ctors[pyatelem.CrabCavity] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 5 {
			return fmt.Errorf("class CrabCavity needs FamName, Length, Voltages, Frequency and HarmNumber")
		}
		kw.SetDefault("TimeLag", floatVal(0))
		kw.SetDefault("PassMethod", strVal("CrabCavityPass"))
		kw.Set("Voltages", a[2])
		kw.Set("Frequency", a[3])
		kw.Set("HarmNumber", a[4])
		return b.longInit(e, a[:2], kw)
	}
	ctors[pyatelem.SimpleQuantDiff] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		// The constructor's keywords are stored as given (no conversion),
		// after PyAT's checks.
		get := func(name string, def float64) (value, float64, error) {
			v, ok := kw.Pop(name)
			if !ok {
				return floatVal(def), def, nil
			}
			f, err := toFloat(v)
			if err != nil {
				return value{}, 0, fmt.Errorf("%s: %w", name, err)
			}
			return v, f, nil
		}
		vals := map[string]value{}
		nums := map[string]float64{}
		for _, p := range pyatelem.SimpleQuantDiffParams {
			v, f, err := get(p.Name, p.Default)
			if err != nil {
				return err
			}
			vals[p.Name], nums[p.Name] = v, f
		}
		if err := pyatelem.CheckSimpleQuantDiff(nums); err != nil {
			return err
		}
		kw.SetDefault("PassMethod", strVal("SimpleQuantDiffPass"))
		if err := b.elementInit(e, a[0], kw); err != nil {
			return err
		}
		for k, v := range vals {
			e.attrs.Set(k, v)
		}
		return nil
	}
	ctors[pyatelem.QuantumDiffusion] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("class QuantumDiffusion needs FamName and Lmatp")
		}
		kw.SetDefault("PassMethod", strVal("QuantDiffPass"))
		kw.Set("Lmatp", a[1])
		return b.elementInit(e, a[0], kw)
	}
	ctors[pyatelem.M66] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		m66 := value{kind: kArray, ndim: 2, rows: 6, cols: 6, data: make([]float64, 36)}
		for i := 0; i < 6; i++ {
			m66.data[7*i] = 1
		}
		if len(a) > 1 {
			m66 = a[1]
		}
		kw.SetDefault("PassMethod", strVal("Matrix66Pass"))
		kw.SetDefault("M66", m66)
		kw.SetDefault("M66Rad", m66)
		return b.elementInit(e, a[0], kw)
	}
	ctors[pyatelem.EnergyLoss] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("EnergyLoss needs FamName and EnergyLoss")
		}
		kw.SetDefault("PassMethod", strVal("IdentityPass"))
		kw.Set("EnergyLoss", a[1])
		return b.elementInit(e, a[0], kw)
	}
	ctors[pyatelem.Corrector] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("class Corrector needs FamName, Length and KickAngle")
		}
		kw.SetDefault("PassMethod", strVal("CorrectorPass"))
		kw.Set("KickAngle", a[2])
		return b.longInit(e, a[:2], kw)
	}
	ctors[pyatelem.RingParam] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("RingParam needs FamName, Energy and Periodicity")
		}
		en, err := toFloat(a[1])
		if err != nil {
			return fmt.Errorf("attribute Energy: %w", err)
		}
		if !math.IsNaN(en) {
			kw.Set("Energy", a[1])
		}
		kw.SetDefault("PassMethod", strVal("IdentityPass"))
		// Python: super().__init__(FamName, Periodicity=..., **kwargs).
		kw2 := newOdict()
		kw2.Set("Periodicity", a[2])
		for _, k := range kw.Keys() {
			kw2.Set(k, kw.At(k))
		}
		return b.elementInit(e, a[0], kw2)
	}
	ctors[pyatelem.ThinMultipole] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("ThinMultipole needs FamName, PolynomA and PolynomB")
		}
		return b.thinInit(e, a[0], a[1], a[2], kw)
	}
	ctors[pyatelem.Multipole] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 4 {
			return fmt.Errorf("%s needs FamName, Length, PolynomA and PolynomB", e.cls.Name)
		}
		return b.multipoleInit(e, a[0], a[1], a[2], a[3], kw)
	}
	ctors[pyatelem.Octupole] = ctors[pyatelem.Multipole]
	ctors[pyatelem.Dipole] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.Name)
		}
		angle, k := floatVal(0), floatVal(0)
		if len(a) > 2 {
			angle = a[2]
		}
		if len(a) > 3 {
			k = a[3]
		}
		kw.SetDefault("BendingAngle", angle)
		kw.SetDefault("EntranceAngle", floatVal(0))
		kw.SetDefault("ExitAngle", floatVal(0))
		kw.SetDefault("PassMethod", strVal("BndMPoleSymplectic4Pass"))
		pb, err := strengths(e.cls, k, "K")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
	ctors[pyatelem.Quadrupole] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.Name)
		}
		k := floatVal(0)
		if len(a) > 2 {
			k = a[2]
		}
		kw.SetDefault("PassMethod", strVal("StrMPoleSymplectic4Pass"))
		pb, err := strengths(e.cls, k, "K")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
	ctors[pyatelem.Sextupole] = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.Name)
		}
		h := floatVal(0)
		if len(a) > 2 {
			h = a[2]
		}
		kw.SetDefault("PassMethod", strVal("StrMPoleSymplectic4Pass"))
		pb, err := strengths(e.cls, h, "H")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
}

// strengths is the [0.0, k] (or [0.0, 0.0, h]) list a magnet
// constructor passes as poly_b.
func strengths(cls *class, k value, name string) (value, error) {
	if k.kind == kArray && k.ndim != 0 || k.kind != kArray && k.kind != kInt && k.kind != kFloat && k.kind != kBool {
		return value{}, fmt.Errorf("%s: want a number, got %s", name, k.describe())
	}
	f, _ := toFloat(k)
	return vecVal(pyatelem.Strengths(cls, f)), nil
}

// elementInit is Element.__init__.
func (b *builder) elementInit(e *pyElem, fam value, kw *odict) error {
	if err := e.set("FamName", fam); err != nil {
		return err
	}
	l, ok := kw.Pop("Length")
	if !ok {
		l = floatVal(0)
	}
	if err := e.set("Length", l); err != nil {
		return err
	}
	pm, ok := kw.Pop("PassMethod")
	if !ok {
		pm = strVal("IdentityPass")
	}
	if err := e.set("PassMethod", pm); err != nil {
		return err
	}
	for _, k := range kw.Keys() {
		if err := e.set(k, kw.At(k)); err != nil {
			return err
		}
	}
	return nil
}

// longInit is LongElement.__init__(family_name, length, **kwargs).
func (b *builder) longInit(e *pyElem, a []value, kw *odict) error {
	if len(a) < 2 {
		return fmt.Errorf("%s needs FamName and Length", e.cls.Name)
	}
	kw.SetDefault("Length", a[1])
	return b.elementInit(e, a[0], kw)
}

// multipoleInit is Multipole.__init__(family_name, length, poly_a,
// poly_b, **kwargs).
func (b *builder) multipoleInit(e *pyElem, fam, length, pa, pb value, kw *odict) error {
	kw.SetDefault("PassMethod", strVal("StrMPoleSymplectic4Pass"))
	kw.SetDefault("NumIntSteps", intVal(10))
	kw.SetDefault("Length", length)
	return b.thinInit(e, fam, pa, pb, kw)
}

// thinInit is ThinMultipole.__init__: poly_a, poly_b and the PolynomA,
// PolynomB, K, H and MaxOrder options as numbers, reconciled by
// pyatelem's Polynoms.Init; then Element.__init__, MaxOrder and the
// polynomials padded to MaxOrder+1.
func (b *builder) thinInit(e *pyElem, famV, pa, pb value, kw *odict) error {
	fam, _ := toStr(famV)
	pm, err := pyatelem.PopPolynoms(kw, flatten, toFloat, toInt)
	if err != nil {
		return err
	}
	if pm.PolyA, err = flatten(pa); err != nil {
		return fmt.Errorf("PolynomA: %w", err)
	}
	if pm.PolyB, err = flatten(pb); err != nil {
		return fmt.Errorf("PolynomB: %w", err)
	}
	prmA, prmB, maxorder, err := pm.Init(e.cls, fam, b.warnf)
	if err != nil {
		return err
	}
	kw.SetDefault("PassMethod", strVal("ThinMPolePass"))
	if err := b.elementInit(e, famV, kw); err != nil {
		return err
	}
	if err := e.set("MaxOrder", intVal(maxorder)); err != nil {
		return err
	}
	e.attrs.Set("PolynomA", vecVal(prmA))
	e.attrs.Set("PolynomB", vecVal(prmB))
	return nil
}
