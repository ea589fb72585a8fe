package pyatelem

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestDerive checks PyAT's ring-property rules: energy from cavities
// before other elements (highest, with a warning), periodicity from the
// bending angles, harmonic number from the lowest-frequency cavity, and
// the errors.
func TestDerive(t *testing.T) {
	var warns []string
	warn := func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) }
	// 16 cells of 2*pi/16 bending; 992 buckets in a 844.39 m ring.
	theta := 2 * math.Pi / 32
	cellLen := 52.774375
	freq := 62 * clight / cellLen
	c := Cell{CavityEnergies: []float64{6e9, 6.1e9}, ElementEnergies: []float64{1e9},
		BendingAngles: []float64{theta, theta}, Length: cellLen,
		HasCavity: true, Frequency: freq, HarmNumber: 992}
	r, err := Derive(Given{}, c, 0, warn)
	if err != nil {
		t.Fatal(err)
	}
	if r.Energy != 6.1e9 || r.Periodicity != 16 || r.HarmonicNumber != 992 || r.NBunch != 1 {
		t.Errorf("got %+v", r)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `Inconsistent energy values, "energy" set to 6100000000.0`) {
		t.Errorf("warnings %q", warns)
	}
	// Given values win; no cavity: harmonic number from cell_harmnumber.
	warns = nil
	r, err = Derive(Given{HasEnergy: true, Energy: 3e9, Periodicity: 4, CellHarmNumber: 31}, Cell{Length: 10}, 0, warn)
	if err != nil || r.Energy != 3e9 || r.Periodicity != 4 || r.HarmonicNumber != 124 || len(warns) != 0 {
		t.Errorf("got %+v %v %q", r, err, warns)
	}
	// No bending: periodicity 1 with PyAT's warning; no harmonic number.
	warns = nil
	r, err = Derive(Given{}, Cell{ElementEnergies: []float64{1e9}}, 0, warn)
	if err != nil || r.Periodicity != 1 || r.HarmonicNumber != 0 || r.NBunch != 0 || len(warns) != 1 {
		t.Errorf("got %+v %v %q", r, err, warns)
	}
	// A massive particle: PyAT's beta warning.
	warns = nil
	if _, err = Derive(Given{HasEnergy: true, Energy: 1e9, Periodicity: 1}, Cell{}, eMass, warn); err != nil || len(warns) != 1 || !strings.Contains(warns[0], "beta==1") {
		t.Errorf("%v %q", err, warns)
	}
	if _, err = Derive(Given{Periodicity: 1}, Cell{}, 0, warn); !errors.Is(err, ErrNoEnergy) {
		t.Errorf("no energy: %v", err)
	}
	for _, g := range []Given{{HasEnergy: true, Energy: -1, Periodicity: 1}, {HasEnergy: true, Energy: math.Inf(1), Periodicity: 1}} {
		if _, err = Derive(g, Cell{}, 0, warn); err == nil || !strings.Contains(err.Error(), "positive") {
			t.Errorf("%+v: %v", g, err)
		}
	}
	if _, err = Derive(Given{HasEnergy: true, Energy: 1}, Cell{BendingAngles: []float64{-0.1}}, 0, warn); err == nil {
		t.Error("negative bending: no error")
	}
}

// TestLowestFrequency: the first cavity of the lowest frequency, NaN
// left in place as Python's sort leaves it.
func TestLowestFrequency(t *testing.T) {
	for _, c := range []struct {
		f    []float64
		want int
	}{{nil, -1}, {[]float64{3, 1, 2, 1}, 1}, {[]float64{2, 2}, 0}} {
		if got := LowestFrequency(c.f); got != c.want {
			t.Errorf("%v: %d, want %d", c.f, got, c.want)
		}
	}
}

// TestRingParamKey checks PyAT's _m2p and the properties kept apart.
func TestRingParamKey(t *testing.T) {
	for k, want := range map[string]string{"FamName": "name", "Energy": "energy", "Length": "", "Nbunch": "", "Note": "Note"} {
		if got := RingParamKey(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	for k, want := range map[string]bool{"energy": false, "_x": false, "nbunch": false, "Note": true} {
		if ExtraProperty(k) != want {
			t.Errorf("ExtraProperty(%s) != %v", k, want)
		}
	}
}

// TestNewParticle: predefined names, a particle identified from its
// mass and charge, a new one, and the errors.
func TestNewParticle(t *testing.T) {
	mev := 0.51099895000
	rest, charge, q := 1e6*mev, -1.0, 1.0
	if p, err := NewParticle("electron", nil, nil); err != nil || p.RestEnergy != rest || p.Charge != -1 {
		t.Errorf("electron: %+v %v", p, err)
	}
	if p, err := NewParticle("", &rest, &charge); err != nil || p.Name != "electron" {
		t.Errorf("scan: %+v %v", p, err)
	}
	m := 1e8
	if p, err := NewParticle("", &m, &q); err != nil || p.Name != "unknown" {
		t.Errorf("unknown: %+v %v", p, err)
	}
	if _, err := NewParticle("pion", nil, nil); err == nil || !strings.Contains(err.Error(), "not a known particle") {
		t.Errorf("pion: %v", err)
	}
	if p, err := ParticleFromFields[any](testValues{}, []string{"name", "rest_energy", "charge"}, []any{"", rest, charge}); err != nil || p.Name != "electron" {
		t.Errorf("struct: %+v %v", p, err)
	}
	if p, err := ParticleFromFields[any](testValues{}, nil, nil); err != nil || p.Name != "relativistic" {
		t.Errorf("empty struct: %+v %v", p, err)
	}
	var ae *AttrError
	if _, err := ParticleFromFields[any](testValues{}, []string{"name", "charge"}, []any{"x", "one"}); !errors.As(err, &ae) || ae.Attr != "charge" {
		t.Errorf("bad charge: %v", err)
	}
	nan := math.NaN()
	if _, err := NewParticle("x", &nan, &q); err == nil {
		t.Error("NaN mass: no error")
	}
}
