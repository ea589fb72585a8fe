package pyatelem

import (
	"errors"
	"reflect"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// TestLattice: the ring properties from a RingParam and a cavity, the
// extra properties, and the energy setter on the cavity.
func TestLattice(t *testing.T) {
	el := func(c *Class, kv ...any) *Elem[any] { return &Elem[any]{Class: c, Attrs: dict(kv...)} }
	hooks := Hooks[any]{
		Particle: func(v any) (tracking.Particle, error) { return NewParticle(v.(string), nil, nil) },
		Property: func(v any) (any, error) { return v, nil },
	}
	elems := []*Elem[any]{
		el(RingParam, "FamName", "Ring", "Length", 0.0, "PassMethod", "IdentityPass", "Energy", 3e9, "Periodicity", int64(2), "Particle", "electron", "Note", "x"),
		el(RFCavity, "FamName", "RF", "Length", 0.0, "PassMethod", "RFCavityPass", "Frequency", 2*31*clight/20.0, "HarmNumber", int64(62), "Energy", 2e9),
		el(Drift, "FamName", "D", "Length", 20.0, "PassMethod", "DriftPass"),
	}
	lat, cell, err := Lattice[any](testValues{}, elems, 0, hooks, func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Name != "Ring" || lat.Energy != 3e9 || lat.Periodicity != 2 || lat.Particle.Name != "electron" || len(cell) != 2 {
		t.Errorf("%+v", lat)
	}
	// beta < 1 for an electron at 3 GeV: 62 or 61 buckets in the cell's
	// 20 m at the cavity frequency, 124 or 122 in the ring; PyAT rounds
	// f*L/(beta*c) = 62.0000000x to 62.
	if lat.HarmonicNumber != 124 {
		t.Errorf("harmonic number %d", lat.HarmonicNumber)
	}
	want := []tracking.Attr{{Name: "beam_current", Value: 0.0}, {Name: "nbunch", Value: int64(1)}, {Name: "Note", Value: "x"}}
	if !reflect.DeepEqual(lat.Properties, want) {
		t.Errorf("properties %v", lat.Properties)
	}
	if cell[0].Attrs.At("Energy") != 3e9 {
		t.Errorf("cavity energy %v, want the ring energy", cell[0].Attrs.At("Energy"))
	}
	if _, _, err := Lattice[any](testValues{}, elems[2:], 0, hooks, func(string, ...any) {}); !errors.Is(err, ErrNoEnergy) {
		t.Errorf("no energy: %v", err)
	}
}
