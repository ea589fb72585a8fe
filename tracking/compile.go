package tracking

import (
	"errors"
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// C0 is the speed of light [m/s], as in AT.
const C0 = 2.99792458e8

// attrKind says how an attribute is read into the element record.
type attrKind int

const (
	kFloat  attrKind = iota // a number stored in a float64 field
	kInt                    // an integer stored in an int32 field
	kVec                    // a vector of fixed length stored in the pool
	kPoly                   // a polynomial, at least MaxOrder+1 values, in the pool
	kMatrix                 // a 6x6 matrix stored column-major in the pool
)

// attrSpec describes one attribute a passmethod reads.
type attrSpec struct {
	name     string
	required bool
}

// recordSlot tells where an attribute goes in the record.
type recordSlot struct {
	kind attrKind
	n    int // vector length
	f    func(e *device.Element) *float64
	i    func(e *device.Element) *int32
}

var slots = map[string]recordSlot{
	"Length":             {kind: kFloat, f: func(e *device.Element) *float64 { return &e.Length }},
	"BendingAngle":       {kind: kFloat, f: func(e *device.Element) *float64 { return &e.BendingAngle }},
	"EntranceAngle":      {kind: kFloat, f: func(e *device.Element) *float64 { return &e.EntranceAngle }},
	"ExitAngle":          {kind: kFloat, f: func(e *device.Element) *float64 { return &e.ExitAngle }},
	"FringeInt1":         {kind: kFloat, f: func(e *device.Element) *float64 { return &e.FringeInt1 }},
	"FringeInt2":         {kind: kFloat, f: func(e *device.Element) *float64 { return &e.FringeInt2 }},
	"FullGap":            {kind: kFloat, f: func(e *device.Element) *float64 { return &e.FullGap }},
	"H1":                 {kind: kFloat, f: func(e *device.Element) *float64 { return &e.H1 }},
	"H2":                 {kind: kFloat, f: func(e *device.Element) *float64 { return &e.H2 }},
	"FieldScaling":       {kind: kFloat, f: func(e *device.Element) *float64 { return &e.FieldScaling }},
	"K":                  {kind: kFloat, f: func(e *device.Element) *float64 { return &e.K }},
	"ByError":            {kind: kFloat, f: func(e *device.Element) *float64 { return &e.ByError }},
	"gK":                 {kind: kFloat, f: func(e *device.Element) *float64 { return &e.GK }},
	"X0ref":              {kind: kFloat, f: func(e *device.Element) *float64 { return &e.X0Ref }},
	"RefDZ":              {kind: kFloat, f: func(e *device.Element) *float64 { return &e.RefDZ }},
	"Voltage":            {kind: kFloat, f: func(e *device.Element) *float64 { return &e.Voltage }},
	"Frequency":          {kind: kFloat, f: func(e *device.Element) *float64 { return &e.Frequency }},
	"TimeLag":            {kind: kFloat, f: func(e *device.Element) *float64 { return &e.TimeLag }},
	"PhaseLag":           {kind: kFloat, f: func(e *device.Element) *float64 { return &e.PhaseLag }},
	"Energy":             {kind: kFloat, f: func(e *device.Element) *float64 { return &e.Energy }},
	"MaxOrder":           {kind: kInt, i: func(e *device.Element) *int32 { return &e.MaxOrder }},
	"NumIntSteps":        {kind: kInt, i: func(e *device.Element) *int32 { return &e.NumIntSteps }},
	"FringeBendEntrance": {kind: kInt, i: func(e *device.Element) *int32 { return &e.FringeBendEntrance }},
	"FringeBendExit":     {kind: kInt, i: func(e *device.Element) *int32 { return &e.FringeBendExit }},
	"FringeQuadEntrance": {kind: kInt, i: func(e *device.Element) *int32 { return &e.FringeQuadEntrance }},
	"FringeQuadExit":     {kind: kInt, i: func(e *device.Element) *int32 { return &e.FringeQuadExit }},
	"PolynomA":           {kind: kPoly, i: func(e *device.Element) *int32 { return &e.PolynomA }},
	"PolynomB":           {kind: kPoly, i: func(e *device.Element) *int32 { return &e.PolynomB }},
	"T1":                 {kind: kVec, n: 6, i: func(e *device.Element) *int32 { return &e.T1 }},
	"T2":                 {kind: kVec, n: 6, i: func(e *device.Element) *int32 { return &e.T2 }},
	"T1Rad":              {kind: kVec, n: 6, i: func(e *device.Element) *int32 { return &e.T1 }},
	"T2Rad":              {kind: kVec, n: 6, i: func(e *device.Element) *int32 { return &e.T2 }},
	"M66Rad":             {kind: kMatrix, i: func(e *device.Element) *int32 { return &e.M66 }},
	"R1":                 {kind: kMatrix, i: func(e *device.Element) *int32 { return &e.R1 }},
	"R2":                 {kind: kMatrix, i: func(e *device.Element) *int32 { return &e.R2 }},
	"M66":                {kind: kMatrix, i: func(e *device.Element) *int32 { return &e.M66 }},
	"Lmatp":              {kind: kMatrix, i: func(e *device.Element) *int32 { return &e.Diffusion }},
	"RApertures":         {kind: kVec, n: 4, i: func(e *device.Element) *int32 { return &e.RApertures }},
	"EApertures":         {kind: kVec, n: 2, i: func(e *device.Element) *int32 { return &e.EApertures }},
	"Limits":             {kind: kVec, n: 4, i: func(e *device.Element) *int32 { return &e.RApertures }},
	"Axes":               {kind: kVec, n: 2, i: func(e *device.Element) *int32 { return &e.EApertures }},
	"KickAngle":          {kind: kVec, n: 2, i: func(e *device.Element) *int32 { return &e.KickAngle }},
	"fringeIntM0":        {kind: kVec, n: 5, i: func(e *device.Element) *int32 { return &e.FringeIntM0 }},
	"fringeIntP0":        {kind: kVec, n: 5, i: func(e *device.Element) *int32 { return &e.FringeIntP0 }},
}

func req(names ...string) []attrSpec {
	s := make([]attrSpec, len(names))
	for i, n := range names {
		s[i] = attrSpec{n, true}
	}
	return s
}

func opt(names ...string) []attrSpec {
	s := make([]attrSpec, len(names))
	for i, n := range names {
		s[i] = attrSpec{n, false}
	}
	return s
}

func join(lists ...[]attrSpec) []attrSpec {
	var s []attrSpec
	for _, l := range lists {
		s = append(s, l...)
	}
	return s
}

// The attribute sets AT's integrators read (their trackFunction).
var (
	misalign  = opt("T1", "T2", "R1", "R2")
	apertures = opt("RApertures", "EApertures")
	multipole = join(req("Length", "PolynomA", "PolynomB", "MaxOrder", "NumIntSteps"),
		opt("FieldScaling", "FringeQuadEntrance", "FringeQuadExit", "fringeIntM0", "fringeIntP0", "KickAngle"),
		misalign, apertures)
	bend = join(multipole, req("BendingAngle", "EntranceAngle", "ExitAngle"),
		opt("FringeBendEntrance", "FringeBendExit", "FullGap", "FringeInt1", "FringeInt2"))
	bendE2 = join(req("Length", "PolynomA", "PolynomB", "MaxOrder", "NumIntSteps", "BendingAngle", "EntranceAngle", "ExitAngle"),
		opt("FullGap", "FieldScaling", "FringeInt1", "FringeInt2", "H1", "H2", "KickAngle"), misalign, apertures)
	exactMultipole = join(req("Length", "PolynomA", "PolynomB", "MaxOrder", "NumIntSteps"),
		opt("FieldScaling", "FringeQuadEntrance", "FringeQuadExit", "KickAngle"), misalign, apertures)
	exactBend = join(exactMultipole, req("EntranceAngle", "ExitAngle"),
		opt("BendingAngle", "FringeBendEntrance", "FringeBendExit", "gK"))
	cavity = join(req("Length", "Voltage", "Frequency"), opt("Energy", "TimeLag", "PhaseLag"))
	// bndDiffusion: what BndMPoleSymplectic4RadPass reads beyond an exact
	// bend's attributes; PyAT computes the radiating exact bends'
	// diffusion matrices as that pass's (tracking ignores them).
	bndDiffusion = opt("FullGap", "FringeInt1", "FringeInt2", "fringeIntM0", "fringeIntP0")
)

var methodAttrs = [device.NumMethods][]attrSpec{
	device.IdentityPass:                 join(misalign, apertures),
	device.DriftPass:                    join(req("Length"), misalign, apertures),
	device.ExactDriftPass:               join(req("Length"), misalign, apertures),
	device.StrMPoleSymplectic4Pass:      multipole,
	device.StrMPoleSymplectic4RadPass:   join(multipole, opt("Energy")),
	device.BndMPoleSymplectic4Pass:      bend,
	device.BndMPoleSymplectic4RadPass:   join(bend, opt("Energy")),
	device.BndMPoleSymplectic4E2Pass:    bendE2,
	device.BndMPoleSymplectic4E2RadPass: join(bendE2, opt("Energy")),
	device.ThinMPolePass:                join(req("PolynomA", "PolynomB", "MaxOrder"), opt("FieldScaling", "KickAngle"), misalign, apertures),
	device.CorrectorPass:                join(req("Length", "KickAngle"), opt("FieldScaling"), misalign, apertures),
	device.AperturePass:                 req("Limits"),
	device.EAperturePass:                req("Axes"),
	device.CavityPass:                   cavity,
	device.RFCavityPass:                 cavity,
	device.Matrix66Pass:                 join(req("M66"), misalign),
	device.QuadLinearPass:               join(req("Length"), opt("PolynomB", "K"), misalign),
	device.BendLinearPass:               join(req("Length", "BendingAngle", "EntranceAngle", "ExitAngle"), opt("PolynomB", "K", "ByError", "FringeInt1", "FringeInt2", "FullGap"), misalign),
	device.SolenoidLinearPass:           join(req("Length", "K"), misalign),
	device.ChangePRefPass:               req("FieldScaling"),
	device.ExactMultipolePass:           exactMultipole,
	device.ExactSectorBendPass:          exactBend,
	device.ExactRectangularBendPass:     join(exactBend, opt("X0ref", "RefDZ")),
	device.QuantDiffPass:                req("Lmatp"),
	device.SimpleQuantDiffPass:          nil,  // emitx ... betay: compileElement
	device.GWigSymplecticPass:           gwig, // and Lw ... Bx: compileGwig
	device.GWigSymplecticRadPass:        gwig,
	device.StrMPoleSymplectic4QuantPass: join(multipole, opt("Energy")),
	device.BndMPoleSymplectic4QuantPass: join(bend, opt("Energy")),
	device.CrabCavityPass:               crabCavityAttrs, // + Voltages, HarmNumber, SigPhi, SigVV: compile_timed.go
	device.VariableThinMPolePass:        varMPoleAttrs,   // + Mode, amplitudes, excitation: compile_timed.go
	// The lumped elements' own attributes are read by compileLumped.
	device.SimpleRadiationRadPass:      nil,
	device.EnergyLossRadPass:           nil,
	device.DeltaQPass:                  misalign,
	device.Matrix66RadPass:             opt("T1Rad", "T2Rad", "R1", "R2"), // and M66Rad or M66
	device.LongtAperturePass:           req("Limits"),
	device.ExactMultipoleRadPass:       join(exactMultipole, opt("Energy")),
	device.ExactSectorBendRadPass:      join(exactBend, opt("Energy"), bndDiffusion),
	device.ExactRectangularBendRadPass: join(exactBend, opt("X0ref", "RefDZ", "Energy"), bndDiffusion),
	device.ExactRectBendPass:           join(exactBend, opt("X0ref", "RefDZ")),
	device.ExactRectBendRadPass:        join(exactBend, opt("X0ref", "RefDZ", "Energy"), bndDiffusion),
}

// usesEnergy lists the passmethods that need a positive energy.
func usesEnergy(m device.Method) bool {
	if m == device.Matrix66RadPass { // radiating, but its matrix holds the energy
		return false
	}
	return m.Radiating() || m == device.CavityPass || m == device.RFCavityPass || m == device.GWigSymplecticPass ||
		m == device.CrabCavityPass
}

// Params returns the ring parameters AT would pass to the integrators when
// tracking this lattice: energy and particle, RingLength (left-to-right sum
// of element lengths) and T0 = RingLength/c.
func (l *Lattice) Params() device.Params {
	rl := l.Length()
	return device.Params{
		Energy:     l.Energy,
		RestEnergy: l.Particle.RestEnergy,
		Charge:     l.Particle.Charge,
		RingLength: rl,
		T0:         rl / C0,
	}
}

// Compile turns the lattice into a plan every backend can execute: one
// flat record per element, their arrays in one coefficient pool, and the
// segments: maximal runs of elements that treat particles one by one,
// ended by collective elements (WakeFieldPass, BeamMomentsPass,
// SliceMomentsPass) and programmable elements, which run between segments
// (each ends where one of them stands; a segment may be empty) and are
// compiled to IdentityPass records. Errors name the file, element,
// FamName and attribute at fault.
func Compile(l *Lattice) (*device.Plan, error) {
	p := &device.Plan{
		Elements: make([]device.Element, len(l.Elements)),
		Params:   l.Params(),
	}
	start := 0
	for i, el := range l.Elements {
		if isFence(el.PassMethod) {
			// Whole-beam and user elements run between segments; the
			// backends see an identity in their place.
			p.Elements[i] = device.NewElement(device.IdentityPass)
			p.Segments = append(p.Segments, device.Segment{Start: start, End: i})
			start = i + 1
			continue
		}
		rec, err := compileElement(el, &p.Pool, p.Params)
		if err != nil {
			var ee *ElementError
			if !errors.As(err, &ee) {
				ee = &ElementError{Err: err}
			}
			ee.File, ee.Index, ee.FamName = l.File, i, el.FamName
			return nil, ee
		}
		p.Elements[i] = rec
	}
	p.Segments = append(p.Segments, device.Segment{Start: start, End: len(p.Elements)})
	return p, nil
}

func compileElement(el *Element, pool *[]float64, par device.Params) (device.Element, error) {
	m, ok := device.MethodByName(el.PassMethod)
	if !ok {
		return device.Element{}, &ElementError{Attr: "PassMethod", Err: fmt.Errorf("unknown passmethod %q (gotrack has: %v)", el.PassMethod, device.Methods())}
	}
	rec := device.NewElement(m)
	specs := methodAttrs[m]
	// MaxOrder first: polynomial lengths depend on it.
	for _, s := range specs {
		if s.name == "MaxOrder" {
			if err := setAttr(el, s, &rec, pool); err != nil {
				return rec, err
			}
		}
	}
	for _, s := range specs {
		if s.name == "MaxOrder" {
			continue
		}
		if err := setAttr(el, s, &rec, pool); err != nil {
			return rec, err
		}
	}
	if rec.MaxOrder < 0 {
		return rec, &ElementError{Attr: "MaxOrder", Err: fmt.Errorf("must not be negative, got %d", rec.MaxOrder)}
	}
	if rec.NumIntSteps < 0 {
		return rec, &ElementError{Attr: "NumIntSteps", Err: fmt.Errorf("must not be negative, got %d", rec.NumIntSteps)}
	}
	switch m {
	case device.QuadLinearPass, device.BendLinearPass:
		// AT: K = PolynomB ? PolynomB[1] : K.
		if rec.PolynomB != device.Absent {
			b, _ := el.Get("PolynomB")
			v := b.([]float64)
			if len(v) < 2 {
				return rec, &ElementError{Attr: "PolynomB", Err: fmt.Errorf("want at least 2 values, got %d", len(v))}
			}
			rec.K = v[1]
		}
	case device.ThinMPolePass:
		if v, ok := el.Get("BendingAngle"); ok {
			switch x := v.(type) {
			case []float64:
				if len(x) >= 1 {
					rec.BendingAngle = x[0]
				}
				if len(x) >= 2 {
					rec.BendingAngleY = x[1]
				}
			case float64:
				rec.BendingAngle = x
			case int64:
				rec.BendingAngle = float64(x)
			default:
				return rec, &ElementError{Attr: "BendingAngle", Err: fmt.Errorf("want a number or an array, got %s", attrval.Describe(v))}
			}
		}
	case device.ChangePRefPass:
		if rec.FieldScaling == 0 {
			return rec, &ElementError{Attr: "FieldScaling", Err: errors.New("must not be zero")}
		}
	case device.RFCavityPass:
		rec.HarmNumber = math.Round(rec.Frequency * par.T0)
	case device.ExactMultipoleRadPass, device.ExactSectorBendRadPass, device.ExactRectangularBendRadPass,
		device.ExactRectBendPass, device.ExactRectBendRadPass:
		if err := checkExactSteps(el, &rec, *pool); err != nil {
			return rec, err
		}
	case device.SimpleQuantDiffPass:
		amp, err := simpleQuantKicks(el)
		if err != nil {
			return rec, err
		}
		rec.Diffusion = int32(len(*pool))
		*pool = append(*pool, amp[:]...)
	case device.GWigSymplecticPass, device.GWigSymplecticRadPass:
		if err := compileGwig(el, &rec, pool); err != nil {
			return rec, err
		}
	case device.CrabCavityPass, device.VariableThinMPolePass:
		if err := compileTimed(m, el, &rec, pool, par); err != nil {
			return rec, err
		}
	}
	if usesEnergy(m) {
		e := rec.Energy
		if par.Energy > 0 {
			e = par.Energy
		}
		if !(e > 0) {
			return rec, &ElementError{Attr: "Energy", Err: errors.New("energy must be positive: set the lattice energy or the element's Energy")}
		}
		rec.Energy = e
	} else {
		rec.Energy = 0
	}
	if err := compileLumped(el, m, &rec, pool, par); err != nil {
		return rec, err
	}
	return rec, nil
}

func setAttr(el *Element, s attrSpec, rec *device.Element, pool *[]float64) error {
	v, ok := el.Get(s.name)
	if !ok {
		if s.required {
			return &ElementError{Attr: s.name, Err: fmt.Errorf("missing (required by %s)", el.PassMethod)}
		}
		return nil
	}
	fail := func(format string, a ...any) error {
		return &ElementError{Attr: s.name, Err: fmt.Errorf(format, a...)}
	}
	slot := slots[s.name]
	switch slot.kind {
	case kFloat:
		f, err := attrFloat(el, s.name, false)
		if err != nil {
			return err
		}
		*slot.f(rec) = f
	case kInt:
		i, err := attrInt(el, s.name, false)
		if err != nil {
			return err
		}
		*slot.i(rec) = int32(i)
	case kVec, kPoly:
		vec, ok := v.([]float64)
		if !ok {
			return fail("want an array of numbers, got %s", attrval.Describe(v))
		}
		n := slot.n
		if slot.kind == kPoly {
			n = int(rec.MaxOrder) + 1
			if len(vec) < n {
				return fail("want at least MaxOrder+1 = %d values, got %d", n, len(vec))
			}
			n = len(vec)
		} else if len(vec) != n {
			return fail("want %d values, got %d", n, len(vec))
		}
		*slot.i(rec) = int32(len(*pool))
		*pool = append(*pool, vec[:n]...)
		// AT's integrators read the gradient B[1] (quadrupole fringes,
		// linear passes) even when MaxOrder is 0; PyAT always pads the
		// polynomials, so pad short ones with zeros rather than let the
		// read fall on the next array of the pool.
		for ; slot.kind == kPoly && n < 2; n++ {
			*pool = append(*pool, 0)
		}
	case kMatrix:
		var colMajor [36]float64
		switch x := v.(type) {
		case [][]float64:
			if len(x) != 6 {
				return fail("want a 6x6 matrix, got %d rows", len(x))
			}
			for i, row := range x {
				if len(row) != 6 {
					return fail("want a 6x6 matrix, row %d has %d values", i, len(row))
				}
				for j := range row {
					colMajor[i+6*j] = row[j]
				}
			}
		default:
			return fail("want a 6x6 matrix (list of 6 rows), got %s", attrval.Describe(v))
		}
		*slot.i(rec) = int32(len(*pool))
		*pool = append(*pool, colMajor[:]...)
	}
	return nil
}

// Typed attribute readers; errors name the attribute (the caller adds
// element and file).

func attrInt(el *Element, name string, required bool) (int, error) {
	v, err := attrFloat(el, name, required)
	if err != nil {
		return 0, err
	}
	if v != math.Trunc(v) || math.Abs(v) > math.MaxInt32 {
		return 0, &ElementError{Attr: name, Err: fmt.Errorf("want an integer, got %v", v)}
	}
	return int(v), nil
}

func attrFloat(el *Element, name string, required bool) (float64, error) {
	v, ok, err := el.Float(name)
	if err != nil {
		return 0, &ElementError{Attr: name, Err: err}
	}
	if !ok && required {
		return 0, &ElementError{Attr: name, Err: fmt.Errorf("missing (required by %s)", el.PassMethod)}
	}
	return v, nil
}

// simpleQuantKicks returns the three kick amplitudes of a
// SimpleQuantDiffPass element as AT computes them from its attributes:
// 2 sqrt(emitx/betax) sqrt(1/taux) on px, 2 sqrt(emity/betay) sqrt(1/tauy)
// on py and 2 espread sqrt(1/tauz) on delta (times a normal deviate each
// turn).
func simpleQuantKicks(el *Element) ([3]float64, error) {
	var amp [3]float64
	names := [...]string{"emitx", "emity", "espread", "taux", "tauy", "tauz", "betax", "betay"}
	var v [len(names)]float64
	for i, n := range names {
		f, err := attrFloat(el, n, true)
		if err != nil {
			return amp, err
		}
		v[i] = f
	}
	emitx, emity, espread, taux, tauy, tauz, betax, betay := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
	sigma := [3]float64{math.Sqrt(emitx / betax), math.Sqrt(emity / betay), espread}
	tau := [3]float64{taux, tauy, tauz}
	for k := range amp {
		if sigma[k] != 0 {
			amp[k] = 2 * sigma[k] * math.Sqrt(1/tau[k])
		}
		if math.IsNaN(amp[k]) || math.IsInf(amp[k], 0) {
			return amp, &ElementError{Attr: names[3+k], Err: fmt.Errorf("gives a kick amplitude of %v (emittances, betas and damping times must be positive)", amp[k])}
		}
	}
	return amp, nil
}
