package pyatelem

import (
	"fmt"
	"math"
)

// Params are the lattice parameters gathered by Filter.
type Params[V any] struct {
	// Dict holds the lattice parameters by PyAT's names (RingParamKey),
	// in PyAT's order: energy= first, then the first RingParam's.
	Dict *Dict[V]
	// Given and Cell are the numbers Derive needs.
	Given Given
	Cell  Cell
}

// Filter is PyAT's ringparam_filter and params_filter over the built
// elements: the RingParam elements are removed (the first one gives the
// lattice parameters, with a warning when there are more), the cavities
// give their energy, frequency and harmonic number, the other elements
// lose their Energy (kept as a possible lattice energy), the dipoles
// give their bending angles, and the lengths add up. energy, when not
// 0, is the energy= of the call, which takes precedence. It returns the
// cell's elements and the parameters; an error is an *AttrError naming
// the parameter or attribute (with the element's FamName for an
// element's).
func Filter[V any](vals Values[V], elems []*Elem[V], energy float64, warn func(format string, a ...any)) ([]*Elem[V], Params[V], error) {
	p := Params[V]{Dict: NewDict[V]()}
	if energy != 0 {
		p.Dict.Set("energy", vals.Float(energy))
	}
	var cell []*Elem[V]
	nring := 0
	for _, e := range elems {
		if e.Class != RingParam {
			cell = append(cell, e)
			continue
		}
		nring++
		for _, k := range e.Attrs.Keys() {
			v := e.Attrs.At(k)
			k2 := RingParamKey(k)
			if k2 == "" {
				continue
			}
			if k2 == "cell_harmnumber" {
				if f, err := vals.ToFloat(v); err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
					continue
				}
			}
			p.Dict.SetDefault(k2, v)
		}
	}
	if nring > 1 {
		warn("More than 1 RingParam element, the 1st one is used")
	}
	p.Dict.SetDefault("periodicity", vals.Int(0))

	// params_filter
	num := func(e *Elem[V], attr string) (float64, error) {
		f, err := vals.ToFloat(e.Attrs.At(attr))
		if err != nil {
			fam, _ := vals.ToString(e.Attrs.At("FamName"))
			return 0, &AttrError{attr, fmt.Errorf("element %s: %w", fam, err)}
		}
		return f, nil
	}
	var cavities []*Elem[V]
	var freqs []float64
	c := &p.Cell
	for _, e := range cell {
		if e.Class.IsSub(RFCavity) {
			f, err := num(e, "Frequency")
			if err != nil {
				return nil, p, err
			}
			cavities, freqs = append(cavities, e), append(freqs, f)
			if e.Attrs.Has("Energy") {
				en, err := num(e, "Energy")
				if err != nil {
					return nil, p, err
				}
				c.CavityEnergies = append(c.CavityEnergies, en)
			}
		} else if e.Attrs.Has("Energy") {
			en, err := num(e, "Energy")
			if err != nil {
				return nil, p, err
			}
			c.ElementEnergies = append(c.ElementEnergies, en)
			e.Attrs.Pop("Energy")
		}
		if e.Class.IsSub(Dipole) {
			a, err := num(e, "BendingAngle")
			if err != nil {
				return nil, p, err
			}
			c.BendingAngles = append(c.BendingAngles, a)
		}
		if e.Attrs.Has("Length") {
			l, err := num(e, "Length")
			if err != nil {
				return nil, p, err
			}
			c.Length += l
		}
	}
	if i := LowestFrequency(freqs); i >= 0 {
		h, err := num(cavities[i], "HarmNumber")
		if err != nil {
			return nil, p, err
		}
		c.HasCavity, c.Frequency, c.HarmNumber = true, freqs[i], h
	}

	// the parameters as numbers
	g := &p.Given
	var err error
	if v, ok := p.Dict.Get("energy"); ok {
		if g.Energy, err = vals.ToFloat(v); err != nil {
			return nil, p, &AttrError{"Energy", err}
		}
		g.HasEnergy = true
	}
	if g.Periodicity, err = vals.ToInt(p.Dict.At("periodicity")); err != nil {
		return nil, p, &AttrError{"Periodicity", err}
	}
	if v, ok := p.Dict.Get("harmonic_number"); ok {
		if g.HarmonicNumber, err = vals.ToFloat(v); err != nil {
			return nil, p, &AttrError{"harmonic_number", err}
		}
		g.HasHarmonicNumber = true
	}
	if v, ok := p.Dict.Get("cell_harmnumber"); ok {
		if g.CellHarmNumber, err = vals.ToFloat(v); err != nil {
			return nil, p, &AttrError{"cell_harmnumber", err}
		}
	}
	return cell, p, nil
}
