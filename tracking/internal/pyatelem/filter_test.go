package pyatelem

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// TestFilter: the RingParam elements are removed and give the
// parameters (the first one wins), cavities give energy, frequency and
// harmonic number, other elements lose their Energy, dipoles give their
// angles.
func TestFilter(t *testing.T) {
	var warns []string
	warn := func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) }
	el := func(c *Class, kv ...any) *Elem[any] { return &Elem[any]{Class: c, Attrs: dict(kv...)} }
	elems := []*Elem[any]{
		el(RingParam, "FamName", "R", "Length", 0.0, "Energy", 3e9, "Periodicity", int64(4), "cell_harmnumber", math.NaN(), "Note", "x"),
		el(RFCavity, "FamName", "RF2", "Length", 0.0, "Frequency", 5e8, "HarmNumber", int64(20), "Energy", 3e9),
		el(RFCavity, "FamName", "RF1", "Length", 0.0, "Frequency", 4e8, "HarmNumber", int64(16), "Energy", 2e9),
		el(Dipole, "FamName", "B", "Length", 2.0, "BendingAngle", 0.1),
		el(Drift, "FamName", "D", "Length", 1.5, "Energy", 1e9),
		el(RingParam, "FamName", "R2", "Length", 0.0, "Energy", 1e9, "Periodicity", int64(2)),
	}
	cell, p, err := Filter[any](testValues{}, elems, 0, warn)
	if err != nil {
		t.Fatal(err)
	}
	if len(cell) != 4 || cell[3].Attrs.Has("Energy") || !cell[0].Attrs.Has("Energy") {
		t.Errorf("cell %v", cell)
	}
	if !reflect.DeepEqual(p.Dict.Keys(), []string{"name", "energy", "periodicity", "Note"}) || p.Dict.At("name") != "R" {
		t.Errorf("params %v", p.Dict.Keys())
	}
	wantCell := Cell{CavityEnergies: []float64{3e9, 2e9}, ElementEnergies: []float64{1e9}, BendingAngles: []float64{0.1},
		Length: 3.5, HasCavity: true, Frequency: 4e8, HarmNumber: 16}
	if !reflect.DeepEqual(p.Cell, wantCell) {
		t.Errorf("cell %+v", p.Cell)
	}
	if p.Given != (Given{HasEnergy: true, Energy: 3e9, Periodicity: 4}) {
		t.Errorf("given %+v", p.Given)
	}
	if len(warns) != 1 || warns[0] != "More than 1 RingParam element, the 1st one is used" {
		t.Errorf("warnings %q", warns)
	}
	// energy= first; no RingParam: periodicity 0 (to be deduced).
	_, p, err = Filter[any](testValues{}, elems[1:5], 6e9, warn)
	if err != nil || p.Given.Energy != 6e9 || p.Given.Periodicity != 0 || p.Dict.Keys()[0] != "energy" {
		t.Errorf("%+v %v", p.Given, err)
	}
}
