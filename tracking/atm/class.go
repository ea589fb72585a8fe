package atm

import (
	"fmt"
	"math"
	"slices"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// class is one of PyAT's element classes as load_m builds it: the
// positional arguments of its constructor (_BUILD_ATTRIBUTES), its
// attribute conversions, and its constructor.
type class struct {
	name     string // PyAT class name
	fileName string // "Class" written in files (Dipole -> Bend)
	build    []string
	conv     map[string]convFn
	parents  []*class
	// defaultOrder is the DefaultOrder of a multipole class.
	defaultOrder int
	// kProp: the class writes its K property after the sorted attributes
	// (Dipole, Quadrupole).
	kProp bool
	// props are PyAT properties: setting them from a file is not
	// supported.
	props []string
	ctor  func(b *builder, e *pyElem, args []value, kw *odict) error
}

// isSub is Python's issubclass(c, name).
func (c *class) isSub(name string) bool {
	if c.name == name {
		return true
	}
	for _, p := range c.parents {
		if p.isSub(name) {
			return true
		}
	}
	return false
}

// pyElem is an element being built: its class and attributes in the
// order PyAT sets them.
type pyElem struct {
	cls   *class
	attrs *odict
}

// set is Element.__setattr__: the class's conversion, then the value.
func (e *pyElem) set(name string, v value) error {
	if slices.Contains(e.cls.props, name) {
		return fmt.Errorf("%s is a property of PyAT's %s class, computed from other attributes: give the attributes it is computed from (PolynomA, PolynomB, KickAngle) instead", name, e.cls.name)
	}
	if c := e.cls.conv[name]; c != nil {
		cv, err := c(v)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		v = cv
	}
	e.attrs.Set(name, v)
	return nil
}

// maxOrderLimit bounds MaxOrder, so that a mistyped one is an error
// rather than a huge allocation.
const maxOrderLimit = 4096

// atError is PyAT's AtError raised by a constructor (conflicting
// multipole data); element_from_dict retries quadrupoles and sextupoles
// without their positional strength.
type atError struct{ msg string }

func (e *atError) Error() string { return e.msg }

var multipoleProps = []string{"IntegratedPolynomA", "IntegratedPolynomB", "IntegratedStrength",
	"Kn0L", "Ks0L", "Kn1L", "Ks1L", "Kn2L", "Ks2L", "Kn3L", "Ks3L",
	"Strength", "Kn0", "Ks0", "Kn1", "Ks1", "Kn2", "Ks2", "Kn3", "Ks3", "K", "H"}

var (
	clsElement       = &class{name: "Element", build: []string{"FamName"}, conv: baseConv}
	clsLongElement   = &class{name: "LongElement", build: []string{"FamName", "Length"}, conv: baseConv, parents: []*class{clsElement}}
	clsMarker        = &class{name: "Marker", build: []string{"FamName"}, conv: baseConv, parents: []*class{clsElement}}
	clsMonitor       = &class{name: "Monitor", build: []string{"FamName"}, conv: baseConv, parents: []*class{clsElement}}
	clsDrift         = &class{name: "Drift", build: []string{"FamName", "Length"}, conv: baseConv, parents: []*class{clsLongElement}}
	clsCollimator    = &class{name: "Collimator", build: []string{"FamName", "Length", "RApertures"}, conv: baseConv, parents: []*class{clsDrift}}
	limitsConv       = withConv(baseConv, map[string]convFn{"Limits": convVector(4)})
	clsAperture      = &class{name: "Aperture", build: []string{"FamName", "Limits"}, conv: limitsConv, parents: []*class{clsElement}}
	clsLongtAperture = &class{name: "LongtAperture", build: []string{"FamName", "Limits"}, conv: limitsConv, parents: []*class{clsElement}}
	clsRFCavity      = &class{name: "RFCavity", build: []string{"FamName", "Length", "Voltage", "Frequency", "HarmNumber", "Energy"},
		conv:    withConv(baseConv, map[string]convFn{"Voltage": convFloat, "Frequency": convFloat, "HarmNumber": convInt, "TimeLag": convFloat}),
		parents: []*class{clsLongElement}}
	clsCrabCavity = &class{name: "CrabCavity", build: []string{"FamName", "Length", "Voltages", "Frequency", "HarmNumber"},
		conv: withConv(baseConv, map[string]convFn{"Voltages": convVector(2), "Frequency": convFloat, "HarmNumber": convInt,
			"TimeLag": convFloat, "PhaseLag": convFloat, "SigPhi": convFloat, "SigVV": convFloat}),
		parents: []*class{clsLongElement}}
	clsSimpleQuantDiff  = &class{name: "SimpleQuantDiff", build: []string{"FamName"}, conv: baseConv, parents: []*class{clsElement}}
	clsQuantumDiffusion = &class{name: "QuantumDiffusion", build: []string{"FamName", "Lmatp"},
		conv: withConv(baseConv, map[string]convFn{"Lmatp": convMatrix66}), parents: []*class{clsElement}}
	clsM66 = &class{name: "M66", fileName: "Matrix66", build: []string{"FamName", "M66"},
		conv: withConv(baseConv, map[string]convFn{"M66": convMatrix66}), parents: []*class{clsElement}}
	clsEnergyLoss = &class{name: "EnergyLoss", build: []string{"FamName", "EnergyLoss"},
		conv: withConv(baseConv, map[string]convFn{"EnergyLoss": convFloat}), parents: []*class{clsElement}}
	clsCorrector = &class{name: "Corrector", build: []string{"FamName", "Length", "KickAngle"}, conv: baseConv,
		parents: []*class{clsLongElement}, props: []string{"Kn0L", "Ks0L"}}
	clsRingParam = &class{name: "RingParam", build: []string{"FamName", "Energy", "Periodicity"},
		conv:    withConv(baseConv, map[string]convFn{"Energy": convFloat, "Periodicity": convInt, "Particle": keepParticle, "cell_harmnumber": convFloat}),
		parents: []*class{clsElement}}
	thinConv         = withConv(baseConv, map[string]convFn{"K": convFloat, "H": convFloat})
	clsThinMultipole = &class{name: "ThinMultipole", build: []string{"FamName", "PolynomA", "PolynomB"}, conv: thinConv,
		parents: []*class{clsElement}, props: multipoleProps[:11]}
	clsMultipole = &class{name: "Multipole", build: []string{"FamName", "Length", "PolynomA", "PolynomB"}, conv: thinConv,
		parents: []*class{clsLongElement, clsThinMultipole}, props: multipoleProps}
	clsDipole = &class{name: "Dipole", fileName: "Bend", build: []string{"FamName", "Length", "BendingAngle", "K"},
		conv: withConv(thinConv, map[string]convFn{"EntranceAngle": convFloat, "ExitAngle": convFloat, "FringeInt1": convFloat, "FringeInt2": convFloat,
			"FringeQuadEntrance": convInt, "FringeQuadExit": convInt, "FringeBendEntrance": convInt, "FringeBendExit": convInt}),
		parents: []*class{clsMultipole}, defaultOrder: 1, kProp: true, props: multipoleProps}
	clsQuadrupole = &class{name: "Quadrupole", build: []string{"FamName", "Length", "K"},
		conv:    withConv(thinConv, map[string]convFn{"FringeQuadEntrance": convInt, "FringeQuadExit": convInt}),
		parents: []*class{clsMultipole}, defaultOrder: 1, kProp: true, props: multipoleProps}
	clsSextupole = &class{name: "Sextupole", build: []string{"FamName", "Length", "H"}, conv: thinConv,
		parents: []*class{clsMultipole}, defaultOrder: 2, props: multipoleProps}
	clsOctupole = &class{name: "Octupole", build: []string{"FamName", "Length", "PolynomA", "PolynomB"}, conv: thinConv,
		parents: []*class{clsMultipole}, defaultOrder: 3, props: multipoleProps}
)

// classMap is PyAT's _CLASS_MAP: the constructor name of a line, less its
// first two characters ("at"), gives the class. A nil entry is a PyAT
// class that this reader does not build.
var classMap = map[string]*class{
	"element":                nil,
	"longelement":            nil,
	"marker":                 clsMarker,
	"monitor":                clsMonitor,
	"bpm":                    clsMonitor,
	"drift":                  clsDrift,
	"collimator":             clsCollimator,
	"aperture":               clsAperture,
	"ap":                     clsAperture,
	"longtaperture":          clsLongtAperture,
	"rfcavity":               clsRFCavity,
	"rf":                     clsRFCavity,
	"m66":                    clsM66,
	"M66":                    clsM66,
	"matrix66":               clsM66,
	"energyloss":             clsEnergyLoss,
	"corrector":              clsCorrector,
	"ringparam":              clsRingParam,
	"thinmultipole":          clsThinMultipole,
	"multipole":              clsMultipole,
	"dipole":                 clsDipole,
	"bend":                   clsDipole,
	"sbend":                  clsDipole,
	"rbend":                  clsDipole,
	"quadrupole":             clsQuadrupole,
	"quad":                   clsQuadrupole,
	"sextupole":              clsSextupole,
	"sext":                   clsSextupole,
	"octupole":               clsOctupole,
	"beammoments":            nil,
	"slicemoments":           nil,
	"simplequantdiff":        clsSimpleQuantDiff,
	"simpleradiation":        nil,
	"quantumdiffusion":       clsQuantumDiffusion,
	"wiggler":                nil,
	"wig":                    nil,
	"crabcavity":             clsCrabCavity,
	"insertiondevicekickmap": nil,
	"variablethinmultipole":  nil,
}

func init() {
	clsElement.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error { return b.elementInit(e, a[0], kw) }
	clsLongElement.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error { return b.longInit(e, a, kw) }
	clsMarker.ctor = clsElement.ctor
	clsMonitor.ctor = clsElement.ctor
	clsDrift.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		kw.SetDefault("PassMethod", strVal("DriftPass"))
		return b.longInit(e, a, kw)
	}
	clsCollimator.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("class Collimator needs FamName, Length and RApertures")
		}
		kw.Set("RApertures", a[2])
		return clsDrift.ctor(b, e, a[:2], kw)
	}
	aperture := func(pass string) func(b *builder, e *pyElem, a []value, kw *odict) error {
		return func(b *builder, e *pyElem, a []value, kw *odict) error {
			if len(a) < 2 {
				return fmt.Errorf("%s needs FamName and Limits", e.cls.name)
			}
			kw.SetDefault("PassMethod", strVal(pass))
			kw.Set("Limits", a[1])
			return b.elementInit(e, a[0], kw)
		}
	}
	clsAperture.ctor = aperture("AperturePass")
	clsLongtAperture.ctor = aperture("LongtAperturePass")
	clsRFCavity.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
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
	clsCrabCavity.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
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
	clsSimpleQuantDiff.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
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
		for _, p := range []struct {
			name string
			def  float64
		}{{"betax", 1}, {"betay", 1}, {"emitx", 0}, {"emity", 0}, {"espread", 0}, {"taux", 0}, {"tauy", 0}, {"tauz", 0}} {
			v, f, err := get(p.name, p.def)
			if err != nil {
				return err
			}
			vals[p.name], nums[p.name] = v, f
		}
		for _, c := range []struct{ x, tau string }{{"emitx", "taux"}, {"emity", "tauy"}, {"espread", "tauz"}} {
			if !(nums[c.tau] >= 0) || !(nums[c.x] >= 0) {
				return fmt.Errorf("%s and %s must be greater than or equal to 0", c.x, c.tau)
			}
			if nums[c.x] > 0 && !(nums[c.tau] > 0) {
				return fmt.Errorf("if %s is given, %s must be non zero", c.x, c.tau)
			}
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
	clsQuantumDiffusion.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("class QuantumDiffusion needs FamName and Lmatp")
		}
		kw.SetDefault("PassMethod", strVal("QuantDiffPass"))
		kw.Set("Lmatp", a[1])
		return b.elementInit(e, a[0], kw)
	}
	clsM66.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
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
	clsEnergyLoss.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("EnergyLoss needs FamName and EnergyLoss")
		}
		kw.SetDefault("PassMethod", strVal("IdentityPass"))
		kw.Set("EnergyLoss", a[1])
		return b.elementInit(e, a[0], kw)
	}
	clsCorrector.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("class Corrector needs FamName, Length and KickAngle")
		}
		kw.SetDefault("PassMethod", strVal("CorrectorPass"))
		kw.Set("KickAngle", a[2])
		return b.longInit(e, a[:2], kw)
	}
	clsRingParam.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
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
	clsThinMultipole.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 3 {
			return fmt.Errorf("ThinMultipole needs FamName, PolynomA and PolynomB")
		}
		return b.thinInit(e, a[0], a[1], a[2], kw)
	}
	clsMultipole.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 4 {
			return fmt.Errorf("%s needs FamName, Length, PolynomA and PolynomB", e.cls.name)
		}
		return b.multipoleInit(e, a[0], a[1], a[2], a[3], kw)
	}
	clsOctupole.ctor = clsMultipole.ctor
	clsDipole.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.name)
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
		pb, err := strengths(k, 1, "K")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
	clsQuadrupole.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.name)
		}
		k := floatVal(0)
		if len(a) > 2 {
			k = a[2]
		}
		kw.SetDefault("PassMethod", strVal("StrMPoleSymplectic4Pass"))
		pb, err := strengths(k, 1, "K")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
	clsSextupole.ctor = func(b *builder, e *pyElem, a []value, kw *odict) error {
		if len(a) < 2 {
			return fmt.Errorf("%s needs FamName and Length", e.cls.name)
		}
		h := floatVal(0)
		if len(a) > 2 {
			h = a[2]
		}
		kw.SetDefault("PassMethod", strVal("StrMPoleSymplectic4Pass"))
		pb, err := strengths(h, 2, "H")
		if err != nil {
			return err
		}
		return b.multipoleInit(e, a[0], a[1], vecVal([]float64{}), pb, kw)
	}
}

// strengths is the [0.0, k] (or [0.0, 0.0, h]) list a magnet constructor
// passes as poly_b.
func strengths(k value, order int, name string) (value, error) {
	if k.kind == kArray && k.ndim != 0 || k.kind != kArray && k.kind != kInt && k.kind != kFloat && k.kind != kBool {
		return value{}, fmt.Errorf("%s: want a number, got %s", name, k.describe())
	}
	f, _ := toFloat(k)
	x := make([]float64, order+1)
	x[order] = f
	return vecVal(x), nil
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
		return fmt.Errorf("%s needs FamName and Length", e.cls.name)
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

// thinInit is ThinMultipole.__init__: reconciles poly_a/poly_b with
// PolynomA/PolynomB, K and H given as options, then sets MaxOrder and the
// polynomials padded to MaxOrder+1.
func (b *builder) thinInit(e *pyElem, famV, pa, pb value, kw *odict) error {
	fam, _ := toStr(famV)
	prmA, err := b.checkPolynom(e, fam, "PolynomA", pa, kw)
	if err != nil {
		return err
	}
	prmB, err := b.checkPolynom(e, fam, "PolynomB", pb, kw)
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
			return fmt.Errorf("%s: %w", s.key, err)
		}
		if len(prmB) > s.index {
			if k != 0 && k != prmB[s.index] {
				return &atError{fmt.Sprintf("Element %s: Conflicting element data, '%s' (%s) in kwargs does not match positional argument 'poly_b[%d]' (%s).", fam, s.key, attrval.PyRepr(k), s.index, attrval.PyRepr(prmB[s.index]))}
			}
			b.warnf("Element %s: Duplicate element data, both positional argument 'poly_b' and 'K' in kwargs passed.", fam)
		} else {
			return &atError{fmt.Sprintf("Element %s: Conflicting element data, '%s' (%s) in kwargs does not match positional argument 'poly_b[%d]' (0.0).", fam, s.key, attrval.PyRepr(k), s.index)}
		}
	}
	lenA, lenB := len(prmA), len(prmB)
	deforder := max(e.cls.defaultOrder, lenA-1, lenB-1)
	maxorder := int64(deforder)
	if v, ok := kw.Pop("MaxOrder"); ok {
		if maxorder, err = toInt(v); err != nil {
			return fmt.Errorf("MaxOrder: %w", err)
		}
		if maxorder > maxOrderLimit {
			return fmt.Errorf("MaxOrder: %d is beyond any real magnet (gotrack reads up to %d)", maxorder, maxOrderLimit)
		}
	}
	kw.SetDefault("PassMethod", strVal("ThinMPolePass"))
	if err := b.elementInit(e, famV, kw); err != nil {
		return err
	}
	if err := e.set("MaxOrder", intVal(maxorder)); err != nil {
		return err
	}
	lenAB := max(int(maxorder), deforder) + 1
	for _, p := range []struct {
		name string
		x    []float64
	}{{"PolynomA", prmA}, {"PolynomB", prmB}} {
		x := make([]float64, lenAB)
		copy(x, p.x)
		last := -1
		for i, f := range x {
			if f != 0 {
				last = i
			}
		}
		if int64(last) > maxorder {
			b.warnf("Some values of %s are truncated by MaxOrder=%d", p.name, maxorder)
		}
		e.attrs.Set(p.name, vecVal(x))
	}
	return nil
}

// checkPolynom is ThinMultipole's check_polynom: a PolynomA/PolynomB
// option takes priority over the positional poly_a/poly_b; conflicting
// non-zero data is an AtError.
func (b *builder) checkPolynom(e *pyElem, fam, key string, arg value, kw *odict) ([]float64, error) {
	av, err := flatten(arg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	kv0, ok := kw.Pop(key)
	if !ok {
		return av, nil
	}
	kv, err := flatten(kv0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	n := max(len(av), len(kv))
	pad := func(x []float64) []float64 { y := make([]float64, n); copy(y, x); return y }
	av, kv = pad(av), pad(kv)
	argName := "poly_" + map[string]string{"PolynomA": "a", "PolynomB": "b"}[key]
	conflict := func(kname string, idx int) error {
		return &atError{fmt.Sprintf("Element %s: Conflicting element data, 'PolynomB' (%v) in kwargs does not match positional argument '%s' (%s).", fam, kv, kname, attrval.PyRepr(av[idx]))}
	}
	switch {
	case e.cls.isSub("Dipole") || e.cls.isSub("Quadrupole"):
		if key == "PolynomB" && av[1] != 0 && (len(kv) < 2 || av[1] != kv[1]) {
			return nil, conflict("k", 1)
		}
	case e.cls.isSub("Sextupole"):
		if key == "PolynomB" && av[2] != 0 && (len(kv) < 3 || av[2] != kv[2]) {
			return nil, conflict("h", 2)
		}
	case slices.ContainsFunc(av, func(f float64) bool { return f != 0 }) && !slices.Equal(av, kv):
		return nil, &atError{fmt.Sprintf("Element %s: Conflicting element data, '%s' (%v) in kwargs does not match positional argument '%s' (%v).", fam, key, kv, argName, av)}
	default:
		b.warnf("Element %s: Duplicate element data, both positional argument '%s' and '%s' in kwargs passed.", fam, argName, key)
	}
	return kv, nil
}
