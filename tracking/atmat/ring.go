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
	lat, cell, err := pyatelem.Lattice[any](values{}, elems, energy, pyatelem.Hooks[any]{Particle: particle, Property: attrValue}, warn)
	switch {
	case errors.Is(err, pyatelem.ErrNoEnergy):
		return nil, errors.New("lattice energy is not defined: the file has no RingParam element with an Energy and no element with an Energy attribute; give the energy (--energy E on the command line, Options.Energy in Go, PyAT's energy=)")
	case err != nil:
		return nil, err
	}
	for _, b := range cell {
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
