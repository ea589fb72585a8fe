package atm

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// lines makes a lattice file of element lines without RingParam.
func lines(ls ...string) []byte {
	return []byte("function ring=t()\nring={...\n" + strings.Join(ls, ";...\n") + ";...\n};\nend\n")
}

// TestEnergy checks where the energy comes from, as in PyAT's load_m:
// Options.Energy (PyAT's energy=) first, then the RingParam, then the
// highest cavity energy (with PyAT's warning when they differ), then any
// element's Energy; cavities then carry the lattice energy, and other
// elements lose theirs. Without any, the error says how to give one.
func TestEnergy(t *testing.T) {
	cav := func(name string, f, e float64) string {
		return "atrfcavity('" + name + "',0,1e6," + attrval.PyRepr(f) + ",10," + attrval.PyRepr(e) + ")"
	}
	for _, c := range []struct {
		name string
		src  []byte
		opt  float64
		want float64
		warn string
	}{
		{"options", lines(cav("RF", 5e8, 2e9), "atdrift('D',1)"), 4e9, 4e9, ""},
		{"ringparam", lines("atringparam('R',5e9,1)", cav("RF", 5e8, 2e9)), 0, 5e9, ""},
		{"options over ringparam", lines("atringparam('R',5e9,1)", cav("RF", 5e8, 2e9)), 1e9, 1e9, ""},
		{"cavities", lines(cav("RF1", 5e8, 2e9), cav("RF2", 4e8, 3e9)), 0, 3e9, "Inconsistent energy values, \"energy\" set to 3000000000.0"},
		{"elements", lines("atquadrupole('Q',1,0.5,'Energy',2.5e9)", "atdrift('D',1,'Energy',2.5e9)"), 0, 2.5e9, ""},
		{"NaN ringparam energy", lines("atringparam('R',NaN,1)", "atdrift('D',1,'Energy',2.5e9)"), 0, 2.5e9, ""},
	} {
		var warn bytes.Buffer
		lat, err := Parse(c.src, "t.m", Options{Energy: c.opt, Warn: &warn})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if lat.Energy != c.want {
			t.Errorf("%s: energy %v, want %v", c.name, lat.Energy, c.want)
		}
		if c.warn != "" && !strings.Contains(warn.String(), c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.name, warn.String(), c.warn)
		}
		for _, e := range lat.Elements {
			en, ok, _ := e.Float("Energy")
			if cls, _ := e.Get("Class"); cls == "RFCavity" {
				if en != c.want {
					t.Errorf("%s: cavity %s Energy %v, want the lattice energy %v", c.name, e.FamName, en, c.want)
				}
			} else if ok {
				t.Errorf("%s: %s keeps Energy %v", c.name, e.FamName, en)
			}
		}
	}
	_, err := Parse(lines("atdrift('D',1)"), "t.m", Options{})
	if err == nil || !strings.Contains(err.Error(), "energy is not defined") || !strings.Contains(err.Error(), "Options.Energy") || !strings.Contains(err.Error(), "atringparam") {
		t.Errorf("no energy: %v", err)
	}
	for _, e := range []float64{-1, math.Inf(1), math.NaN()} {
		if _, err := Parse(lines("atdrift('D',1)"), "t.m", Options{Energy: e}); err == nil || !strings.Contains(err.Error(), "Options.Energy") {
			t.Errorf("Options.Energy %v: %v", e, err)
		}
	}
	if _, err := Parse(lines(cav("RF", 5e8, 0)), "t.m", Options{}); err == nil || !strings.Contains(err.Error(), "must be a positive number") {
		t.Errorf("zero energy: %v", err)
	}
}

// TestRadiatingElementsGetEnergy checks that a *RadPass element carries
// the lattice energy, as PyAT's energy setter gives it.
func TestRadiatingElementsGetEnergy(t *testing.T) {
	lat, err := Parse(lines("atringparam('R',6e9,1)", "atsbend('B',1,0.1,0,'BndMPoleSymplectic4RadPass','Energy',1e9)"), "t.m", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if en, ok, _ := lat.Elements[0].Float("Energy"); !ok || en != 6e9 {
		t.Errorf("Energy %v %v, want 6e9", en, ok)
	}
}

// TestPeriodicityAndHarmonic checks PyAT's ring parameters: periodicity
// from the RingParam, or 2*pi over the sum of the bending angles when it
// is absent or not positive (with PyAT's warnings); harmonic number =
// periodicity * round(f * cell length / (beta c)) from the lowest
// frequency cavity, or the RingParam's harmonic number / cavity
// HarmNumber when f is 0; nbunch 1 with a harmonic number, 0 without.
func TestPeriodicityAndHarmonic(t *testing.T) {
	angle := math.Pi / 8
	bend := "atsbend('B',1," + attrval.PyRepr(angle) + ",0)"
	for _, c := range []struct {
		name        string
		src         []byte
		periodicity int
		harmonic    int
		nbunch      int64
		warn        string
	}{
		{"from angles", lines(bend, bend, bend, bend), 4, 0, 0, ""},
		{"ringparam 0", lines("atringparam('R',1e9,0)", bend, bend), 8, 0, 0, ""},
		{"non-integer", lines("atsbend('B',1,0.3,0)"), 21, 0, 0, "Non-integer number of cells: 20.943951023931955 -> 21"},
		{"no bend", lines("atdrift('D',1)"), 1, 0, 0, "No bending in the cell, set \"Periodicity\" to 1"},
		{"cavity frequency", lines("atringparam('R',1e9,4)", "atdrift('D',10)", "atrfcavity('RF',0,1e6,1e9,999,1e9)", "atrfcavity('RF',0,1e6,2e9,999,1e9)"),
			4, 4 * int(math.RoundToEven(1e9*10/299792458.0)), 1, ""},
		{"cavity HarmNumber", lines("atringparam('R',1e9,4)", "atdrift('D',10)", "atrfcavity('RF',0,1e6,0,32,1e9)"), 4, 32, 1, ""},
	} {
		var warn bytes.Buffer
		lat, err := Parse(c.src, "t.m", Options{Energy: 1e9, Warn: &warn})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if lat.Periodicity != c.periodicity || lat.HarmonicNumber != c.harmonic {
			t.Errorf("%s: periodicity %d harmonic %d, want %d %d", c.name, lat.Periodicity, lat.HarmonicNumber, c.periodicity, c.harmonic)
		}
		want := []tracking.Attr{{Name: "beam_current", Value: 0.0}, {Name: "nbunch", Value: c.nbunch}}
		if !reflect.DeepEqual(lat.Properties, want) {
			t.Errorf("%s: properties %v, want %v", c.name, lat.Properties, want)
		}
		if c.warn != "" && !strings.Contains(warn.String(), c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.name, warn.String(), c.warn)
		}
	}
}

// TestRingParamAttributes checks the RingParam's other attributes: name,
// particle (a known name takes PyAT's mass), beam_current kept as
// written, other attributes as lattice properties in order, and the
// warning for a second RingParam.
func TestRingParamAttributes(t *testing.T) {
	var warn bytes.Buffer
	lat, err := Parse(lines("atringparam('EBS',6e9,1,'Particle','positron','beam_current',0.2,'Note','cell','cell_harmnumber',NaN,'Nbunch',4)",
		"atringparam('X',1e9,2,'Extra',1)", "atdrift('D',1)"), "t.m", Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	mev := 0.51099895
	if lat.Name != "EBS" || lat.Energy != 6e9 || lat.Periodicity != 1 || lat.Particle != (tracking.Particle{Name: "positron", RestEnergy: 1e6 * mev, Charge: 1}) {
		t.Errorf("ring %q %v %d %+v", lat.Name, lat.Energy, lat.Periodicity, lat.Particle)
	}
	want := []tracking.Attr{{Name: "beam_current", Value: 0.2}, {Name: "nbunch", Value: int64(0)}, {Name: "Note", Value: "cell"}, {Name: "Extra", Value: int64(1)}}
	if !reflect.DeepEqual(lat.Properties, want) {
		t.Errorf("properties %v, want %v", lat.Properties, want)
	}
	if !strings.Contains(warn.String(), "More than 1 RingParam element, the 1st one is used") {
		t.Errorf("warnings %q", warn.String())
	}
	lat, err = Parse(lines("atringparam('P',1e12,1,'Particle',struct('name','muonium','rest_energy',1e8,'charge',1))", "atdrift('D',1)"), "t.m", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Particle != (tracking.Particle{Name: "muonium", RestEnergy: 1e8, Charge: 1}) {
		t.Errorf("particle %+v", lat.Particle)
	}
	for src, want := range map[string]string{
		"atringparam('P',1e9,1,'Particle','pion')":                "not a known particle",
		"atringparam('P',1e9,1,'Particle',struct('name','pion'))": "give its rest_energy and charge",
	} {
		if _, err := Parse(lines(src, "atdrift('D',1)"), "t.m", Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
}
