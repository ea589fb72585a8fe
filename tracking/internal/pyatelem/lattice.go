package pyatelem

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/tracking"
)

// Hooks are a reader's conversions of lattice parameters.
type Hooks[V any] struct {
	// Particle is PyAT's Particle() of a RingParam's Particle.
	Particle func(V) (tracking.Particle, error)
	// Property is a lattice property (beam_current, a RingParam's other
	// attributes) as a tracking.Attr value.
	Property func(V) (any, error)
}

// Lattice is PyAT's Lattice(ringparam_filter, ..., iterator=
// params_filter, energy=energy) over the built elements: Filter, then
// the name, particle, beam current, the properties Derive computes and
// the extra RingParam attributes, then the energy setter, which gives
// the cavities and radiating elements the ring energy. It returns the
// lattice without its elements, and the cell's elements for the reader
// to convert. ErrNoEnergy is returned as is, for the reader to say how
// its format gives the energy; other errors name the parameter.
func Lattice[V any](vals Values[V], elems []*Elem[V], energy float64, h Hooks[V], warn func(format string, a ...any)) (*tracking.Lattice, []*Elem[V], error) {
	cell, p, err := Filter(vals, elems, energy, warn)
	if err != nil {
		return nil, nil, fmt.Errorf("RingParam or cell data: %w", err)
	}
	lat := &tracking.Lattice{}
	if v, ok := p.Dict.Get("name"); ok {
		if lat.Name, err = vals.ToString(v); err != nil {
			return nil, nil, fmt.Errorf("RingParam FamName: %w", err)
		}
	}
	lat.Particle = KnownParticles[0]
	if v, ok := p.Dict.Get("particle"); ok {
		if lat.Particle, err = h.Particle(v); err != nil {
			return nil, nil, fmt.Errorf("RingParam Particle: %w", err)
		}
	}
	ring, err := Derive(p.Given, p.Cell, lat.Particle.RestEnergy, warn)
	switch {
	case errors.Is(err, ErrNoEnergy):
		return nil, nil, err
	case err != nil:
		return nil, nil, fmt.Errorf("%w; correct the RingParam element (Energy, Periodicity), the cavities or the bending angles, or give the energy (--energy, Options.Energy)", err)
	}
	lat.Energy, lat.Periodicity, lat.HarmonicNumber = ring.Energy, ring.Periodicity, ring.HarmonicNumber
	bc, ok := p.Dict.Get("beam_current")
	if !ok {
		bc = vals.Float(0)
	}
	beamCurrent, err := h.Property(bc)
	if err != nil {
		return nil, nil, fmt.Errorf("RingParam beam_current: %w", err)
	}
	lat.Properties = []tracking.Attr{{Name: "beam_current", Value: beamCurrent}, {Name: "nbunch", Value: ring.NBunch}}
	for _, k := range p.Dict.Keys() {
		if !ExtraProperty(k) {
			continue
		}
		v, err := h.Property(p.Dict.At(k))
		if err != nil {
			return nil, nil, fmt.Errorf("RingParam %s: %w", k, err)
		}
		lat.Properties = append(lat.Properties, tracking.Attr{Name: k, Value: v})
	}
	// The energy setter.
	for _, e := range cell {
		pm, _ := vals.ToString(e.Attrs.At("PassMethod"))
		if GetsEnergy(e.Class, pm) {
			e.Attrs.Set("Energy", vals.Float(lat.Energy))
		}
	}
	return lat, cell, nil
}
