package atmat

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// ringProperties is PyAT's ringparam_filter, params_filter and the
// property part of Lattice.__init__: it returns the lattice of elems.
func ringProperties(elems []*built, opt Options, warn func(string, ...any)) (*tracking.Lattice, error) {
	energy := 0.0
	if opt.Energy > 0 {
		energy = opt.Energy
	}
	elems, params, err := pyatelem.Filter[any](values{}, elems, energy, warn)
	if err != nil {
		return nil, err
	}
	p := params.Dict

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
	ring, err := pyatelem.Derive(params.Given, params.Cell, lat.Particle.RestEnergy, warn)
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
		if pm, _ := b.Attrs.At("PassMethod").(string); pyatelem.GetsEnergy(b.Class, pm) {
			b.Attrs.Set("Energy", lat.Energy)
		}
		lat.Elements = append(lat.Elements, element(b))
	}
	return lat, nil
}

// particle is PyAT's conversion of a RingParam Particle: a struct with
// name, rest_energy and charge, or the name of a known particle.
func particle(v any) (tracking.Particle, error) {
	switch x := v.(type) {
	case string:
		return pyatelem.NewParticle(x, nil, nil)
	case *dict:
		return pyatelem.ParticleFromFields[any](values{}, x.keys, x.vals)
	}
	return tracking.Particle{}, fmt.Errorf("want a struct or a particle name, got %s", describe(v))
}
