package atmat

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/gotrack/gotrack/tracking"
)

// Physical constants as PyAT takes them from scipy (CODATA 2018).
const (
	clight    = 299792458.0
	eMass     = 1.0e6 * 0.51099895000
	pMass     = 1.0e6 * 938.27208816
	muMass    = 1.0e6 * 105.6583755
	twoPiTol  = 1.0e-4 // PyAT's _TWO_PI_ERROR
	maxPeriod = 1 << 20
)

// knownParticles are PyAT's predefined particles.
var knownParticles = []tracking.Particle{
	{Name: "relativistic", RestEnergy: 0, Charge: -1},
	{Name: "electron", RestEnergy: eMass, Charge: -1},
	{Name: "positron", RestEnergy: eMass, Charge: 1},
	{Name: "proton", RestEnergy: pMass, Charge: 1},
	{Name: "antiproton", RestEnergy: muMass, Charge: -1}, // sic: PyAT gives the antiproton the muon mass
	{Name: "posmuon", RestEnergy: muMass, Charge: 1},
	{Name: "negmuon", RestEnergy: muMass, Charge: -1},
}

// ringParamMap is PyAT's _m2p: RingParam attributes as lattice
// properties; an empty name drops the attribute.
var ringParamMap = map[string]string{
	"FamName": "name", "Energy": "energy", "Periodicity": "periodicity", "Particle": "particle",
	"cell_harmnumber": "cell_harmnumber", "beam_current": "beam_current",
	"PassMethod": "", "Length": "", "cavpts": "", "Mat_File": "", "Mat_Key": "",
	"Beam_Current": "", "Nbunch": "",
}

// params is PyAT's ordered dictionary of lattice parameters.
type params struct {
	keys []string
	vals map[string]any
}

func (p *params) setDefault(k string, v any) {
	if _, ok := p.vals[k]; !ok {
		p.keys = append(p.keys, k)
		p.vals[k] = v
	}
}

// ringProperties is PyAT's ringparam_filter, params_filter and the
// property part of Lattice.__init__: it returns the lattice of elems.
func ringProperties(elems, ringparams []*built, opt Options, warn func(string, ...any)) (*tracking.Lattice, error) {
	p := &params{vals: map[string]any{}}
	if opt.Energy > 0 {
		p.setDefault("energy", opt.Energy)
	}
	for _, rp := range ringparams {
		for _, k := range rp.order {
			v := rp.attrs[k]
			k2, mapped := ringParamMap[k]
			if !mapped {
				k2 = k
			}
			if k2 == "" {
				continue
			}
			if k2 == "cell_harmnumber" {
				if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
					continue
				}
			}
			p.setDefault(k2, v)
		}
	}
	if len(ringparams) > 1 {
		warn("More than 1 RingParam element, the 1st one is used")
	}
	p.setDefault("periodicity", int64(0))

	// params_filter
	var elEnergies, cavEnergies, thetas []float64
	var cavities []*built
	cellLength := 0.0
	for _, b := range elems {
		if b.cls == clsRFCavity {
			cavities = append(cavities, b)
			if e, ok := b.attrs["Energy"].(float64); ok {
				cavEnergies = append(cavEnergies, e)
			}
		} else if e, ok := b.attrs["Energy"]; ok {
			f, err := toFloat(e)
			if err != nil {
				return nil, fmt.Errorf("element %s: attribute Energy: %w", b.attrs["FamName"], err)
			}
			elEnergies = append(elEnergies, f)
			delete(b.attrs, "Energy")
		}
		if b.cls == clsDipole {
			a, _ := b.attrs["BendingAngle"].(float64)
			thetas = append(thetas, a)
		}
		if l, ok := b.attrs["Length"].(float64); ok {
			cellLength += l
		}
	}
	frequency := 0.0
	if len(cavities) > 0 {
		sort.SliceStable(cavities, func(i, j int) bool {
			fi, _ := cavities[i].attrs["Frequency"].(float64)
			fj, _ := cavities[j].attrs["Frequency"].(float64)
			return fi < fj
		})
		c0 := cavities[0]
		h, _ := c0.attrs["HarmNumber"].(int64)
		p.setDefault("harmonic_number", h)
		frequency, _ = c0.attrs["Frequency"].(float64)
	}
	if _, ok := p.vals["energy"]; !ok {
		energies := cavEnergies
		if len(energies) == 0 {
			energies = elEnergies
		}
		if len(energies) > 0 {
			lo, hi := energies[0], energies[0]
			for _, e := range energies {
				lo, hi = math.Min(lo, e), math.Max(hi, e)
			}
			p.setDefault("energy", hi)
			if lo < hi {
				warn("Inconsistent energy values, \"energy\" set to %v", hi)
			}
		}
	}
	per, err := toInt(p.vals["periodicity"])
	if err != nil {
		return nil, fmt.Errorf("RingParam Periodicity: %w", err)
	}
	if per <= 0 {
		sum := 0.0
		for _, t := range thetas {
			sum += t
		}
		if sum == 0 {
			per = 1
			warn("No bending in the cell, set \"Periodicity\" to 1")
		} else {
			nbp := 2.0 * math.Pi / sum
			per = int64(math.RoundToEven(nbp))
			if math.Abs(float64(per)-nbp) > twoPiTol {
				warn("Non-integer number of cells: %v -> %d", nbp, per)
			}
		}
	}
	if per <= 0 || per > maxPeriod {
		return nil, fmt.Errorf("periodicity %d is not usable; set Periodicity in a RingParam element (a positive integer)", per)
	}

	// Lattice.__init__
	lat := &tracking.Lattice{Periodicity: int(per)}
	if v, ok := p.vals["name"]; ok {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("RingParam FamName: want a string, got %s", describe(v))
		}
		lat.Name = s
	}
	lat.Particle = knownParticles[0]
	if v, ok := p.vals["particle"]; ok {
		if lat.Particle, err = particle(v); err != nil {
			return nil, fmt.Errorf("RingParam Particle: %w", err)
		}
	}
	beamCurrent := 0.0
	if v, ok := p.vals["beam_current"]; ok {
		if beamCurrent, err = toFloat(v); err != nil {
			return nil, fmt.Errorf("RingParam beam_current: %w", err)
		}
	}
	ev, ok := p.vals["energy"]
	if !ok {
		return nil, errors.New("lattice energy is not defined: the file has no RingParam element with an Energy and no element with an Energy attribute; give the energy (--energy E on the command line, Options.Energy in Go, PyAT's energy=)")
	}
	if lat.Energy, err = toFloat(ev); err != nil {
		return nil, fmt.Errorf("RingParam Energy: %w", err)
	}
	if !(lat.Energy > 0) || math.IsInf(lat.Energy, 0) {
		return nil, fmt.Errorf("lattice energy %v eV is not a positive number; fix Energy in the file or give --energy (Options.Energy)", lat.Energy)
	}
	cellH := 0.0
	if v, ok := p.vals["cell_harmnumber"]; ok {
		if cellH, err = toFloat(v); err != nil {
			return nil, fmt.Errorf("RingParam cell_harmnumber: %w", err)
		}
	}
	ringH := math.RoundToEven(cellH * float64(per))
	if v, ok := p.vals["harmonic_number"]; ok {
		h, err := toFloat(v)
		if err != nil {
			return nil, fmt.Errorf("harmonic_number: %w", err)
		}
		ringH = math.RoundToEven(h)
	}
	beta := 1.0
	if r := lat.Particle.RestEnergy; r != 0 {
		g := lat.Energy / r
		beta = math.Sqrt(1.0 - 1.0/g/g)
	}
	cellHarm := math.NaN()
	if fh := math.RoundToEven(frequency * cellLength / (beta * clight)); fh > 0 {
		cellHarm = fh
	} else if ringH > 0 {
		cellHarm = ringH / float64(per)
	}
	nbunch := int64(0)
	if !math.IsNaN(cellHarm) {
		h := math.Trunc(float64(per) * cellHarm)
		if h > math.MaxInt32 {
			return nil, fmt.Errorf("harmonic number %v is out of range; check the cavity Frequency and HarmNumber", h)
		}
		lat.HarmonicNumber = int(h)
		if lat.HarmonicNumber > 0 {
			nbunch = 1
		}
	}
	lat.Properties = []tracking.Attr{{Name: "beam_current", Value: beamCurrent}, {Name: "nbunch", Value: nbunch}}
	std := map[string]bool{"name": true, "energy": true, "particle": true, "periodicity": true,
		"harmonic_number": true, "cell_harmnumber": true, "beam_current": true, "nbunch": true,
		"in_file": true, "use": true, "mat_key": true, "mat_file": true, "m_file": true, "repr_file": true}
	for _, k := range p.keys {
		if std[k] || k == "" || k[0] == '_' {
			continue
		}
		v, err := attrValue(p.vals[k])
		if err != nil {
			return nil, fmt.Errorf("RingParam %s: %w", k, err)
		}
		lat.Properties = append(lat.Properties, tracking.Attr{Name: k, Value: v})
	}
	for _, b := range elems {
		lat.Elements = append(lat.Elements, b.element())
	}
	return lat, nil
}

// particle is PyAT's conversion of a RingParam Particle: a struct with
// name, rest_energy and charge, or the name of a known particle.
func particle(v any) (tracking.Particle, error) {
	var name string
	var kw = map[string]any{}
	switch x := v.(type) {
	case string:
		name = x
	case *dict:
		name = "relativistic"
		for i, k := range x.keys {
			kw[k] = x.vals[i]
		}
		if n, ok := kw["name"]; ok {
			s, ok := n.(string)
			if !ok {
				return tracking.Particle{}, fmt.Errorf("name: want a string, got %s", describe(n))
			}
			name = s
		}
	default:
		return tracking.Particle{}, fmt.Errorf("want a struct or a particle name, got %s", describe(v))
	}
	for _, k := range knownParticles {
		if k.Name == name {
			return k, nil
		}
	}
	re, ok1 := kw["rest_energy"]
	ch, ok2 := kw["charge"]
	if !ok1 || !ok2 {
		return tracking.Particle{}, fmt.Errorf("particle %q is not predefined: give rest_energy and charge", name)
	}
	rest, err := toFloat(re)
	if err != nil {
		return tracking.Particle{}, fmt.Errorf("rest_energy: %w", err)
	}
	charge, err := toFloat(ch)
	if err != nil {
		return tracking.Particle{}, fmt.Errorf("charge: %w", err)
	}
	if name == "" { // PyAT identifies the particle from its mass and charge
		name = "unknown"
		for _, k := range knownParticles {
			if math.Abs(rest-k.RestEnergy)/rest < 1e-8 && math.Trunc(charge) == k.Charge {
				name = k.Name
				break
			}
		}
	}
	if math.IsNaN(rest) || math.IsInf(rest, 0) || rest < 0 || math.IsNaN(charge) || math.IsInf(charge, 0) {
		return tracking.Particle{}, fmt.Errorf("rest_energy %v and charge %v must be finite, rest_energy not negative", rest, charge)
	}
	return tracking.Particle{Name: name, RestEnergy: rest, Charge: charge}, nil
}
