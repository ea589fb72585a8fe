package atm

import (
	"errors"
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// particle is PyAT's Particle(...) from a RingParam's Particle
// attribute: a name, or a struct with name, rest_energy and charge.
func particle(v value) (tracking.Particle, error) {
	switch v.kind {
	case kString:
		return pyatelem.NewParticle(v.s, nil, nil)
	case kStruct:
		keys, vals := make([]string, len(v.fields)), make([]value, len(v.fields))
		for i, f := range v.fields {
			keys[i], vals[i] = f.name, f.val
		}
		return pyatelem.ParticleFromFields[value](values{}, keys, vals)
	}
	return tracking.Particle{}, fmt.Errorf("want a particle name or struct('name',...,'rest_energy',...,'charge',...), got %s", v.describe())
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
	if opt.Energy != 0 && (!(opt.Energy > 0) || math.IsInf(opt.Energy, 0)) {
		return nil, fmt.Errorf("%s: Options.Energy: want a positive energy in eV, got %v", b.file, opt.Energy)
	}
	line := map[*pyElem]int{}
	all := make([]*pyElem, len(elems))
	for i, el := range elems {
		all[i], line[el.e] = el.e, el.line
	}
	hooks := pyatelem.Hooks[value]{Particle: particle, Property: func(v value) (any, error) { return v.attr(), nil }}
	lat, cell, err := pyatelem.Lattice[value](values{}, all, opt.Energy, hooks, func(format string, a ...any) { b.warn(0, format, a...) })
	switch {
	case errors.Is(err, pyatelem.ErrNoEnergy):
		return nil, fmt.Errorf("%s: the lattice energy is not defined (PyAT's load_m fails the same way): give it with atringparam('name',energy_eV,periodicity) as the first element, or an RF cavity's Energy, or set Options.Energy (the --energy of the command line)", b.file)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", b.file, err)
	}
	lat.File = b.file
	lat.Elements = make([]*tracking.Element, len(cell))
	for i, e := range cell {
		te, err := element(e)
		if err != nil {
			return nil, &Error{File: b.file, Line: line[e], Msg: fmt.Sprintf("element %d (%s): %v", i, te.FamName, err)}
		}
		lat.Elements[i] = te
	}
	return lat, nil
}

// element writes a PyAT element as tracking.Element, in the order of
// PyAT's Element.items(): FamName, Length, PassMethod, the other
// attributes sorted by name, then K for dipoles and quadrupoles, then
// Class.
func element(e *pyElem) (*tracking.Element, error) {
	return pyatelem.ToElement[value](values{}, e, func(v value) (any, error) {
		if err := checkFinite(v); err != nil {
			return nil, err
		}
		return v.attr(), nil
	})
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
