package atmat

import (
	"errors"
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// ringProperties is PyAT's ringparam_filter, params_filter and the
// property part of Lattice.__init__: it returns the lattice of elems.
func ringProperties(elems, ringparams []*built, opt Options, warn func(string, ...any)) (*tracking.Lattice, error) {
	p := pyatelem.NewDict[any]()
	if opt.Energy > 0 {
		p.SetDefault("energy", opt.Energy)
	}
	for _, rp := range ringparams {
		for _, k := range rp.order {
			v := rp.attrs[k]
			k2 := pyatelem.RingParamKey(k)
			if k2 == "" {
				continue
			}
			if k2 == "cell_harmnumber" {
				if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
					continue
				}
			}
			p.SetDefault(k2, v)
		}
	}
	if len(ringparams) > 1 {
		warn("More than 1 RingParam element, the 1st one is used")
	}
	p.SetDefault("periodicity", int64(0))

	// params_filter
	var pc pyatelem.Cell
	var cavities []*built
	var freqs []float64
	for _, b := range elems {
		if b.cls == pyatelem.RFCavity {
			cavities = append(cavities, b)
			f, _ := b.attrs["Frequency"].(float64)
			freqs = append(freqs, f)
			if e, ok := b.attrs["Energy"].(float64); ok {
				pc.CavityEnergies = append(pc.CavityEnergies, e)
			}
		} else if e, ok := b.attrs["Energy"]; ok {
			f, err := toFloat(e)
			if err != nil {
				return nil, fmt.Errorf("element %s: attribute Energy: %w", b.attrs["FamName"], err)
			}
			pc.ElementEnergies = append(pc.ElementEnergies, f)
			delete(b.attrs, "Energy")
		}
		if b.cls == pyatelem.Dipole {
			a, _ := b.attrs["BendingAngle"].(float64)
			pc.BendingAngles = append(pc.BendingAngles, a)
		}
		if l, ok := b.attrs["Length"].(float64); ok {
			pc.Length += l
		}
	}
	if i := pyatelem.LowestFrequency(freqs); i >= 0 {
		h, _ := cavities[i].attrs["HarmNumber"].(int64)
		pc.HasCavity, pc.Frequency, pc.HarmNumber = true, freqs[i], float64(h)
	}
	var g pyatelem.Given
	var err error
	if ev, ok := p.Get("energy"); ok {
		if g.Energy, err = toFloat(ev); err != nil {
			return nil, fmt.Errorf("RingParam Energy: %w", err)
		}
		g.HasEnergy = true
	}
	if g.Periodicity, err = toInt(p.At("periodicity")); err != nil {
		return nil, fmt.Errorf("RingParam Periodicity: %w", err)
	}
	if v, ok := p.Get("harmonic_number"); ok {
		if g.HarmonicNumber, err = toFloat(v); err != nil {
			return nil, fmt.Errorf("harmonic_number: %w", err)
		}
		g.HasHarmonicNumber = true
	}
	if v, ok := p.Get("cell_harmnumber"); ok {
		if g.CellHarmNumber, err = toFloat(v); err != nil {
			return nil, fmt.Errorf("RingParam cell_harmnumber: %w", err)
		}
	}

	// Lattice.__init__
	lat := &tracking.Lattice{}
	if v, ok := p.Get("name"); ok {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("RingParam FamName: want a string, got %s", describe(v))
		}
		lat.Name = s
	}
	lat.Particle = pyatelem.KnownParticles[0]
	if v, ok := p.Get("particle"); ok {
		if lat.Particle, err = particle(v); err != nil {
			return nil, fmt.Errorf("RingParam Particle: %w", err)
		}
	}
	beamCurrent := 0.0
	if v, ok := p.Get("beam_current"); ok {
		if beamCurrent, err = toFloat(v); err != nil {
			return nil, fmt.Errorf("RingParam beam_current: %w", err)
		}
	}
	ring, err := pyatelem.Derive(g, pc, lat.Particle.RestEnergy, warn)
	switch {
	case errors.Is(err, pyatelem.ErrNoEnergy):
		return nil, errors.New("lattice energy is not defined: the file has no RingParam element with an Energy and no element with an Energy attribute; give the energy (--energy E on the command line, Options.Energy in Go, PyAT's energy=)")
	case err != nil:
		return nil, fmt.Errorf("%w; fix the RingParam element (Energy, Periodicity), the cavities or the bending angles, or give --energy (Options.Energy)", err)
	}
	lat.Energy, lat.Periodicity, lat.HarmonicNumber = ring.Energy, ring.Periodicity, ring.HarmonicNumber
	lat.Properties = []tracking.Attr{{Name: "beam_current", Value: beamCurrent}, {Name: "nbunch", Value: ring.NBunch}}
	for _, k := range p.Keys() {
		if !pyatelem.ExtraProperty(k) {
			continue
		}
		v, err := attrValue(p.At(k))
		if err != nil {
			return nil, fmt.Errorf("RingParam %s: %w", k, err)
		}
		lat.Properties = append(lat.Properties, tracking.Attr{Name: k, Value: v})
	}
	// The energy setter gives cavities and radiating elements the lattice
	// energy.
	for _, b := range elems {
		if pm, _ := b.attrs["PassMethod"].(string); pyatelem.GetsEnergy(b.cls, pm) {
			b.attrs["Energy"] = lat.Energy
		}
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
	if p, ok := pyatelem.KnownParticle(name); ok {
		return p, nil
	}
	var rest, charge *float64
	for _, f := range []struct {
		name string
		p    **float64
	}{{"rest_energy", &rest}, {"charge", &charge}} {
		if v, ok := kw[f.name]; ok {
			x, err := toFloat(v)
			if err != nil {
				return tracking.Particle{}, fmt.Errorf("%s: %w", f.name, err)
			}
			*f.p = &x
		}
	}
	return pyatelem.NewParticle(name, rest, charge)
}
