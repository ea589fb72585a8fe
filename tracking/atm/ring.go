package atm

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gotrack/gotrack/tracking"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// clight is scipy's speed of light [m/s].
const clight = 299792458.0

// Rest energies as PyAT computes them (CODATA 2018 values in MeV times
// 1e6, multiplied in float64 at run time as Python does).
var (
	mevElectron = 0.51099895000
	mevProton   = 938.27208816
	mevMuon     = 105.6583755
	eMass       = 1.0e6 * mevElectron
	pMass       = 1.0e6 * mevProton
	muMass      = 1.0e6 * mevMuon
)

// knownParticle is PyAT's Particle._known.
func knownParticle(name string) (tracking.Particle, bool) {
	switch name {
	case "relativistic":
		return tracking.Particle{Name: name, RestEnergy: 0, Charge: -1}, true
	case "electron":
		return tracking.Particle{Name: name, RestEnergy: eMass, Charge: -1}, true
	case "positron":
		return tracking.Particle{Name: name, RestEnergy: eMass, Charge: 1}, true
	case "proton":
		return tracking.Particle{Name: name, RestEnergy: pMass, Charge: 1}, true
	case "antiproton":
		return tracking.Particle{Name: name, RestEnergy: muMass, Charge: -1}, true
	case "posmuon":
		return tracking.Particle{Name: name, RestEnergy: muMass, Charge: 1}, true
	case "negmuon":
		return tracking.Particle{Name: name, RestEnergy: muMass, Charge: -1}, true
	}
	return tracking.Particle{}, false
}

var knownOrder = []string{"relativistic", "electron", "positron", "proton", "antiproton", "posmuon", "negmuon"}

// particle is PyAT's Particle(...) from a RingParam's Particle attribute.
func particle(v value) (tracking.Particle, error) {
	if v.kind == kString {
		if p, ok := knownParticle(v.s); ok {
			return p, nil
		}
		return tracking.Particle{}, fmt.Errorf("attribute Particle: %q is not a known particle (%s): give struct('name',...,'rest_energy',...,'charge',...)", v.s, strings.Join(knownOrder, ", "))
	}
	if v.kind != kStruct {
		return tracking.Particle{}, fmt.Errorf("particle: want a particle name or struct('name',...,'rest_energy',...,'charge',...), got %s", v.describe())
	}
	name := "relativistic"
	var rest, charge *float64
	for _, f := range v.fields {
		switch f.name {
		case "name":
			s, err := toStr(f.val)
			if err != nil {
				return tracking.Particle{}, fmt.Errorf("attribute Particle, name: %w", err)
			}
			name = s
		case "rest_energy", "charge":
			x, err := toFloat(f.val)
			if err != nil {
				return tracking.Particle{}, fmt.Errorf("attribute Particle, %s: %w", f.name, err)
			}
			if f.name == "rest_energy" {
				rest = &x
			} else {
				charge = &x
			}
		}
	}
	if p, ok := knownParticle(name); ok {
		return p, nil
	}
	if rest == nil || charge == nil {
		return tracking.Particle{}, fmt.Errorf("attribute Particle: %q: give its rest_energy and charge, or use a known particle (%s)", name, strings.Join(knownOrder, ", "))
	}
	if name == "" {
		// PyAT's Particle.scan: identify the particle from its mass and
		// charge.
		name = "unknown"
		for _, k := range knownOrder {
			p, _ := knownParticle(k)
			de := math.Abs(*rest-p.RestEnergy) / *rest
			if de < 1e-8 && math.Trunc(*charge) == math.Trunc(p.Charge) {
				name = k
				break
			}
		}
	}
	return tracking.Particle{Name: name, RestEnergy: *rest, Charge: *charge}, nil
}

// m2p translates RingParam attributes to lattice parameters; "" drops
// the attribute (PyAT's _m2p).
var m2p = map[string]string{
	"FamName": "name", "Energy": "energy", "Periodicity": "periodicity", "Particle": "particle",
	"cell_harmnumber": "cell_harmnumber", "beam_current": "beam_current",
	"PassMethod": "", "Length": "", "cavpts": "", "Mat_File": "", "Mat_Key": "", "Beam_Current": "", "Nbunch": "",
}

// pyMax and pyMin are Python's max() and min() of floats.
func pyMax(x []float64) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return m
}

func pyMin(x []float64) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return m
}

// built is an element and the line it comes from.
type built struct {
	e    *pyElem
	line int
}

// lattice assembles the lattice as PyAT's Lattice(ringparam_filter,
// mfile_generator, iterator=params_filter, energy=...) does: ring
// parameters from RingParam elements, energy from the options, the
// RingParam or the cavities, periodicity from the bending angles when
// absent, harmonic number from the lowest-frequency cavity.
func (b *builder) lattice(elems []built, opt Options) (*tracking.Lattice, error) {
	params := newOdict()
	if opt.Energy != 0 {
		if !(opt.Energy > 0) || math.IsInf(opt.Energy, 0) {
			return nil, fmt.Errorf("%s: Options.Energy: want a positive energy in eV, got %v", b.file, opt.Energy)
		}
		params.set("energy", floatVal(opt.Energy))
	}
	// ringparam_filter
	var cell []built
	nring := 0
	for _, el := range elems {
		if el.e.cls != clsRingParam {
			cell = append(cell, el)
			continue
		}
		nring++
		for _, k := range el.e.attrs.keys {
			v := el.e.attrs.m[k]
			k2, ok := m2p[k]
			if !ok {
				k2 = k
			}
			if k2 == "" {
				continue
			}
			if k2 == "cell_harmnumber" && (math.IsNaN(v.f) || math.IsInf(v.f, 0)) {
				continue
			}
			params.setdefault(k2, v)
		}
	}
	if nring > 1 {
		b.warn(0, "More than 1 RingParam element, the 1st one is used")
	}
	params.setdefault("periodicity", intVal(0))

	// params_filter
	var cavities []*pyElem
	var elEnergies, thetas []float64
	cellLength := 0.0
	for _, el := range cell {
		e := el.e
		if e.cls.isSub("RFCavity") {
			cavities = append(cavities, e)
		} else if v, ok := e.attrs.get("Energy"); ok {
			elEnergies = append(elEnergies, v.f)
			e.attrs.pop("Energy")
		}
		if e.cls.isSub("Dipole") {
			v, _ := e.attrs.get("BendingAngle")
			thetas = append(thetas, v.f)
		}
		if v, ok := e.attrs.get("Length"); ok {
			cellLength += v.f
		}
	}
	frequency := 0.0
	var cavEnergies []float64
	for _, c := range cavities {
		if v, ok := c.attrs.get("Energy"); ok {
			cavEnergies = append(cavEnergies, v.f)
		}
	}
	if len(cavities) > 0 {
		sorted := slices.Clone(cavities)
		slices.SortStableFunc(sorted, func(a, b *pyElem) int {
			fa, fb := a.attrs.m["Frequency"].f, b.attrs.m["Frequency"].f
			// Python's sort uses <; NaN compares false both ways.
			switch {
			case fa < fb:
				return -1
			case fb < fa:
				return 1
			}
			return 0
		})
		c0 := sorted[0]
		params.setdefault("harmonic_number", c0.attrs.m["HarmNumber"])
		frequency = c0.attrs.m["Frequency"].f
	}
	if !params.has("energy") {
		energies := cavEnergies
		if len(energies) == 0 {
			energies = elEnergies
		}
		if len(energies) > 0 {
			en := pyMax(energies)
			params.set("energy", floatVal(en))
			if pyMin(energies) < en {
				b.warn(0, "Inconsistent energy values, \"energy\" set to %s", attrval.PyRepr(en))
			}
		}
	}
	pv, _ := params.get("periodicity")
	periodicity, err := toInt(pv)
	if err != nil {
		return nil, fmt.Errorf("%s: RingParam Periodicity: %w", b.file, err)
	}
	if periodicity <= 0 {
		sum := 0.0
		for _, t := range thetas {
			sum += t
		}
		if sum == 0 {
			periodicity = 1
			b.warn(0, "No bending in the cell, set \"Periodicity\" to 1")
		} else {
			nbp := 2 * math.Pi / sum
			r := math.RoundToEven(nbp)
			if math.IsNaN(r) || math.Abs(r) > 1<<31 {
				return nil, fmt.Errorf("%s: the periodicity guessed from the bending angles (2*pi/%s) is not a number: give it with atringparam('name',energy,periodicity) as the first element", b.file, attrval.PyRepr(sum))
			}
			periodicity = int64(r)
			if math.Abs(float64(periodicity)-nbp) > 1e-4 {
				b.warn(0, "Non-integer number of cells: %s -> %d", attrval.PyRepr(nbp), periodicity)
			}
		}
	}
	if periodicity <= 0 || periodicity > math.MaxInt32 {
		return nil, fmt.Errorf("%s: periodicity %d is not a positive number of cells (the bending angles add up to more than 2*pi, or a negative angle): give it with atringparam('name',energy,periodicity) as the first element", b.file, periodicity)
	}

	// Lattice.__init__
	lat := &tracking.Lattice{File: b.file, Periodicity: int(periodicity)}
	if v, ok := params.get("name"); ok {
		if lat.Name, err = toStr(v); err != nil {
			return nil, fmt.Errorf("%s: RingParam FamName: %w", b.file, err)
		}
	}
	lat.Particle, _ = knownParticle("relativistic")
	if v, ok := params.get("particle"); ok {
		if lat.Particle, err = particle(v); err != nil {
			return nil, fmt.Errorf("%s: RingParam %w", b.file, err)
		}
	}
	ev, ok := params.get("energy")
	if !ok {
		return nil, fmt.Errorf("%s: the lattice energy is not defined (PyAT's load_m fails the same way): give it with atringparam('name',energy_eV,periodicity) as the first element, or an RF cavity's Energy, or set Options.Energy (the --energy of the command line)", b.file)
	}
	lat.Energy = ev.f
	if !(lat.Energy > 0) || math.IsInf(lat.Energy, 0) {
		return nil, fmt.Errorf("%s: the lattice energy is %s eV: it must be a positive number; correct the RingParam or cavity Energy, or give --energy (Options.Energy)", b.file, attrval.PyRepr(lat.Energy))
	}
	if lat.Particle.RestEnergy != 0 {
		b.warn(0, "AT tracking still assumes beta==1\nMake sure your particle is ultra-relativistic")
	}
	beamCurrent := floatVal(0)
	if v, ok := params.get("beam_current"); ok {
		beamCurrent = v
	}
	cellH := 0.0
	if v, ok := params.get("cell_harmnumber"); ok {
		cellH = v.f
	}
	var ringH float64
	if v, ok := params.get("harmonic_number"); ok {
		f, err := toFloat(v)
		if err != nil {
			return nil, fmt.Errorf("%s: harmonic_number: %w", b.file, err)
		}
		ringH = math.RoundToEven(f)
	} else {
		ringH = math.RoundToEven(cellH * float64(periodicity))
	}
	beta := 1.0
	if lat.Particle.RestEnergy != 0 {
		gamma := lat.Energy / lat.Particle.RestEnergy
		beta = math.Sqrt(1.0 - 1.0/gamma/gamma)
	}
	var cellHarm float64
	haveH := false
	if h := math.RoundToEven(frequency * cellLength / (beta * clight)); h > 0 {
		cellHarm, haveH = h, true
	} else if ringH > 0 {
		cellHarm, haveH = ringH/float64(periodicity), true
	}
	nbunch := int64(0)
	if haveH {
		h := math.Trunc(float64(periodicity) * cellHarm)
		if h > math.MaxInt32 {
			return nil, fmt.Errorf("%s: harmonic number %s is beyond any real ring: check the cavity Frequency and HarmNumber", b.file, attrval.PyRepr(h))
		}
		lat.HarmonicNumber = int(h)
		if h > 0 {
			nbunch = 1
		}
	}
	lat.Properties = append(lat.Properties, tracking.Attr{Name: "beam_current", Value: beamCurrent.attr()},
		tracking.Attr{Name: "nbunch", Value: nbunch})
	std := map[string]bool{"name": true, "energy": true, "particle": true, "periodicity": true, "harmonic_number": true,
		"cell_harmnumber": true, "beam_current": true, "nbunch": true}
	for _, k := range params.keys {
		if std[k] || strings.HasPrefix(k, "_") {
			continue
		}
		lat.Properties = append(lat.Properties, tracking.Attr{Name: k, Value: params.m[k].attr()})
	}

	// The energy setter gives cavities and radiating elements the lattice
	// energy.
	for _, el := range cell {
		pm := el.e.attrs.m["PassMethod"].s
		if el.e.cls.isSub("RFCavity") || strings.HasSuffix(pm, "RadPass") {
			el.e.attrs.set("Energy", floatVal(lat.Energy))
		}
	}
	lat.Elements = make([]*tracking.Element, len(cell))
	for i, el := range cell {
		te, err := el.e.element()
		if err != nil {
			return nil, &Error{File: b.file, Line: el.line, Msg: fmt.Sprintf("element %d (%s): %v", i, te.FamName, err)}
		}
		lat.Elements[i] = te
	}
	return lat, nil
}

// element writes a PyAT element as tracking.Element, in the order of
// PyAT's Element.items(): FamName, Length, PassMethod, the other
// attributes sorted by name, then K for dipoles and quadrupoles, then
// Class.
func (e *pyElem) element() (*tracking.Element, error) {
	te := &tracking.Element{FamName: e.attrs.m["FamName"].s, PassMethod: e.attrs.m["PassMethod"].s}
	names := slices.DeleteFunc(slices.Clone(e.attrs.keys), func(k string) bool {
		return k == "FamName" || k == "Length" || k == "PassMethod"
	})
	slices.SortFunc(names, cmp.Compare[string])
	names = append([]string{"Length"}, names...)
	for _, k := range names {
		v := e.attrs.m[k]
		if err := checkFinite(v); err != nil {
			return te, fmt.Errorf("%s: %w", k, err)
		}
		te.Attrs = append(te.Attrs, tracking.Attr{Name: k, Value: v.attr()})
	}
	if e.cls.kProp {
		k := 0.0
		if pb := e.attrs.m["PolynomB"]; len(pb.data) >= 2 {
			k = pb.data[1]
		}
		te.Attrs = append(te.Attrs, tracking.Attr{Name: "K", Value: k})
	}
	cls := e.cls.fileName
	if cls == "" {
		cls = e.cls.name
	}
	te.Attrs = append(te.Attrs, tracking.Attr{Name: "Class", Value: cls})
	return te, nil
}

// checkFinite rejects NaN and infinite numbers, as gotrack's JSON reader
// does.
func checkFinite(v value) error {
	switch v.kind {
	case kFloat:
		if math.IsNaN(v.f) || math.IsInf(v.f, 0) {
			return fmt.Errorf("value is %s: gotrack needs finite values; write a finite number, or leave the attribute out", attrval.PyRepr(v.f))
		}
	case kArray:
		for i, f := range v.data {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return fmt.Errorf("item %d is %s: gotrack needs finite values; write a finite number", i, attrval.PyRepr(f))
			}
		}
	}
	return nil
}
