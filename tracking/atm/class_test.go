package atm

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// wrap makes an AT text lattice of the given element lines, as atwritem
// writes it, with a RingParam first (energy 3 GeV, periodicity 1).
func wrap(lines ...string) []byte {
	return []byte("function ring=t()\nring={...\natringparam('T',3e9,1);...\n" + strings.Join(lines, ";...\n") + ";...\n};\nend\n")
}

// attr is an expected attribute (a local type, so that the tables can
// list name and value without field names).
type attr struct {
	name string
	val  any
}

type attrs []attr

// list returns the attributes as tracking.Attr.
func (a attrs) list() []tracking.Attr {
	out := make([]tracking.Attr, len(a))
	for i, x := range a {
		out[i] = tracking.Attr{Name: x.name, Value: x.val}
	}
	return out
}

// TestElementConstruction checks elements as PyAT's class constructors
// build them from a line (expected values follow PyAT's code: defaults,
// conversions, polynomials padded to MaxOrder+1, attributes sorted after
// FamName, Length, PassMethod, then K for dipoles and quadrupoles, then
// Class; a number written without '.' stays an integer unless the class
// converts it).
func TestElementConstruction(t *testing.T) {
	for _, c := range []struct {
		line, pass string
		want       attrs
	}{
		{"atdrift('D',1)", "DriftPass", attrs{{"Length", 1.0}, {"Class", "Drift"}}},
		{"atdrift('D',1,'Extra',2,'Name','x','Flag',true)", "DriftPass",
			attrs{{"Length", 1.0}, {"Extra", int64(2)}, {"Flag", json.RawMessage("true")}, {"Name", "x"}, {"Class", "Drift"}}},
		{"atmarker('M')", "IdentityPass", attrs{{"Length", 0.0}, {"Class", "Marker"}}},
		{"atmonitor('BPM','Class','Drift')", "IdentityPass", attrs{{"Length", 0.0}, {"Class", "Monitor"}}},
		{"atquadrupole('Q',0.5,1.2)", "StrMPoleSymplectic4Pass", attrs{{"Length", 0.5}, {"MaxOrder", int64(1)}, {"NumIntSteps", int64(10)},
			{"PolynomA", []float64{0, 0}}, {"PolynomB", []float64{0, 1.2}}, {"K", 1.2}, {"Class", "Quadrupole"}}},
		{"atquadrupole('Q',0.5,1.2,'QuadLinearPass','NumIntSteps',20.7,'FringeQuadEntrance',true)", "QuadLinearPass",
			attrs{{"Length", 0.5}, {"FringeQuadEntrance", int64(1)}, {"MaxOrder", int64(1)}, {"NumIntSteps", int64(20)},
				{"PolynomA", []float64{0, 0}}, {"PolynomB", []float64{0, 1.2}}, {"K", 1.2}, {"Class", "Quadrupole"}}},
		{"atsextupole('S',0.1,3,'PolynomB',[0 0 3 1],'MaxOrder',3)", "StrMPoleSymplectic4Pass",
			attrs{{"Length", 0.1}, {"MaxOrder", int64(3)}, {"NumIntSteps", int64(10)},
				{"PolynomA", []float64{0, 0, 0, 0}}, {"PolynomB", []float64{0, 0, 3, 1}}, {"Class", "Sextupole"}}},
		{"atsbend('B',1,0.1,0,'BndMPoleSymplectic4Pass','FullGap',0.05,'FringeInt1',0.5)", "BndMPoleSymplectic4Pass",
			attrs{{"Length", 1.0}, {"BendingAngle", 0.1}, {"EntranceAngle", 0.0}, {"ExitAngle", 0.0}, {"FringeInt1", 0.5}, {"FullGap", 0.05},
				{"MaxOrder", int64(1)}, {"NumIntSteps", int64(10)}, {"PolynomA", []float64{0, 0}}, {"PolynomB", []float64{0, 0}}, {"K", 0.0}, {"Class", "Bend"}}},
		{"atrbend('B',1,0.1,-0.2)", "BndMPoleSymplectic4Pass",
			attrs{{"Length", 1.0}, {"BendingAngle", 0.1}, {"EntranceAngle", 0.05}, {"ExitAngle", 0.05},
				{"MaxOrder", int64(1)}, {"NumIntSteps", int64(10)}, {"PolynomA", []float64{0, 0}}, {"PolynomB", []float64{0, -0.2}}, {"K", -0.2}, {"Class", "Bend"}}},
		{"atmultipole('M',0.2,[0 0 0],[0 0 0 5])", "StrMPoleSymplectic4Pass",
			attrs{{"Length", 0.2}, {"MaxOrder", int64(3)}, {"NumIntSteps", int64(10)}, {"PolynomA", []float64{0, 0, 0, 0}}, {"PolynomB", []float64{0, 0, 0, 5}}, {"Class", "Multipole"}}},
		{"atthinmultipole('T',[0;1e-3],[0 0 2],'MaxOrder',2)", "ThinMPolePass",
			attrs{{"Length", 0.0}, {"MaxOrder", int64(2)}, {"PolynomA", []float64{0, 1e-3, 0}}, {"PolynomB", []float64{0, 0, 2}}, {"Class", "ThinMultipole"}}},
		{"atoctupole('O',0.1,[],[0 0 0 7])", "StrMPoleSymplectic4Pass",
			attrs{{"Length", 0.1}, {"MaxOrder", int64(3)}, {"NumIntSteps", int64(10)}, {"PolynomA", []float64{0, 0, 0, 0}}, {"PolynomB", []float64{0, 0, 0, 7}}, {"Class", "Octupole"}}},
		{"atcorrector('C',0,[1e-4 0])", "CorrectorPass", attrs{{"Length", 0.0}, {"KickAngle", []float64{1e-4, 0}}, {"Class", "Corrector"}}},
		{"ataperture('A',[-0.01,0.01,-0.005,0.005])", "AperturePass", attrs{{"Length", 0.0}, {"Limits", []float64{-0.01, 0.01, -0.005, 0.005}}, {"Class", "Aperture"}}},
		{"atmarker('M','T1',[1 2 3 4 5 6]','R1',[1 0 0 0 0 0;0 1 0 0 0 0;0 0 1 0 0 0;0 0 0 1 0 0;0 0 0 0 1 0;0 0 0 0 0 2])", "IdentityPass",
			attrs{{"Length", 0.0}, {"R1", [][]float64{{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 2}}},
				{"T1", []float64{1, 2, 3, 4, 5, 6}}, {"Class", "Marker"}}},
		{"atcrabcavity('CC',0,[1e6 0],3.5e8,100,'SigPhi',0)", "CrabCavityPass", attrs{{"Length", 0.0}, {"Frequency", 3.5e8}, {"HarmNumber", int64(100)},
			{"SigPhi", 0.0}, {"TimeLag", 0.0}, {"Voltages", []float64{1e6, 0}}, {"Class", "CrabCavity"}}},
		{"atsimplequantdiff('SQD','betax',5,'emitx',1.3e-10,'taux',4000.0)", "SimpleQuantDiffPass", attrs{{"Length", 0.0}, {"betax", int64(5)}, {"betay", 1.0},
			{"emitx", 1.3e-10}, {"emity", 0.0}, {"espread", 0.0}, {"taux", 4000.0}, {"tauy", 0.0}, {"tauz", 0.0}, {"Class", "SimpleQuantDiff"}}},
		{"atenergyloss('EL',3e5)", "IdentityPass", attrs{{"Length", 0.0}, {"EnergyLoss", 3e5}, {"Class", "EnergyLoss"}}},
	} {
		var warn bytes.Buffer
		lat, err := Parse(wrap(c.line), "t.m", Options{Energy: 3e9, Warn: &warn})
		if err != nil {
			t.Errorf("%s: %v", c.line, err)
			continue
		}
		e := lat.Elements[0]
		if e.PassMethod != c.pass || !reflect.DeepEqual(e.Attrs, c.want.list()) {
			t.Errorf("%s:\n got %s %v\nwant %s %v", c.line, e.PassMethod, e.Attrs, c.pass, c.want)
		}
		if warn.Len() > 0 {
			t.Errorf("%s: warnings %s", c.line, warn.String())
		}
	}
}

// TestM66 checks atM66: M66 is the 6x6 matrix; M66Rad, set to the same
// value without conversion, is written as given.
func TestM66(t *testing.T) {
	lat, err := Parse(wrap("atM66('M',[2 0 0 0 0 0;0 1 0 0 0 0;0 0 1 0 0 0;0 0 0 1 0 0;0 0 0 0 1 0;0 0 0 0 0 1])"), "t.m", Options{Energy: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	e := lat.Elements[0]
	m, _ := e.Get("M66")
	r, _ := e.Get("M66Rad")
	c, _ := e.Get("Class")
	if e.PassMethod != "Matrix66Pass" || !reflect.DeepEqual(m, r) || m.([][]float64)[0][0] != 2 || c != "Matrix66" {
		t.Errorf("atM66: %s %v", e.PassMethod, e.Attrs)
	}
}

// TestMultipoleConflicts checks PyAT's reconciliation of a positional
// strength with a PolynomB option: a quadrupole whose K disagrees is
// rebuilt without its positional K (with PyAT's warning), a dipole is an
// error.
func TestMultipoleConflicts(t *testing.T) {
	var warn bytes.Buffer
	lat, err := Parse(wrap("atquadrupole('Q',0.5,1.2,'PolynomB',[0 1.3 0.1])"), "t.m", Options{Energy: 1e9, Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	k, _ := lat.Elements[0].Get("K")
	pb, _ := lat.Elements[0].Get("PolynomB")
	mo, _ := lat.Elements[0].Get("MaxOrder")
	if k != 1.3 || !reflect.DeepEqual(pb, []float64{0, 1.3, 0.1}) || mo != int64(2) {
		t.Errorf("quadrupole: K %v PolynomB %v MaxOrder %v", k, pb, mo)
	}
	if !strings.Contains(warn.String(), "t.m:4: warning: Element Q: Conflicting element data") || !strings.Contains(warn.String(), "positional argument ignored") {
		t.Errorf("quadrupole warning: %q", warn.String())
	}
	_, err = Parse(wrap("atsbend('B',1,0.1,0.5,'PolynomB',[0 0.6])"), "t.m", Options{Energy: 1e9})
	if err == nil || !strings.Contains(err.Error(), "t.m:4: atsbend(...): Element B: Conflicting element data") {
		t.Errorf("dipole: %v", err)
	}
	// An option named as a positional argument replaces it (PyAT's dict
	// update), without warning.
	warn.Reset()
	lat, err = Parse(wrap("atthinmultipole('T',[0 0],[0 1],'PolynomB',[0 2])"), "t.m", Options{Energy: 1e9, Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if pb, _ := lat.Elements[0].Get("PolynomB"); !reflect.DeepEqual(pb, []float64{0, 2}) || warn.Len() > 0 {
		t.Errorf("thin multipole: PolynomB %v, warnings %q", pb, warn.String())
	}
	warn.Reset()
	if _, err := Parse(wrap("atmultipole('M',1,[0 0],[0 0 1],'MaxOrder',1)"), "t.m", Options{Energy: 1e9, Warn: &warn}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warn.String(), "Some values of PolynomB are truncated by MaxOrder=1") {
		t.Errorf("MaxOrder warning: %q", warn.String())
	}
}

// TestSaveMFormat reads a file as PyAT's save_m writes it (numpy's array
// text, Python reprs, a RingParam first, the True/False helper functions
// after the cell array): no warning, and the ring parameters of the
// RingParam.
func TestSaveMFormat(t *testing.T) {
	src := `function ring = cell()
ring = {...
    atringparam('CELL', 3000000000.0, 4, 'Particle', struct('name', 'electron', 'rest_energy', 510998.95, 'charge', -1.0));...
        atdrift('DR', 2.0);...
   atquadrupole('QF', 0.5, 1.2, 'PolynomA', [0. 0.], 'NumIntSteps', 20);...
        atsbend('B', 1.0, 0.39269908169872414, 0.0, 'EntranceAngle', 0.19634954084936207, 'ExitAngle', 0.19634954084936207);...
     atrfcavity('RF', 0.0, 1000000.0, 352202097.4, 31, 3000000000.0, 'RFCavityPass');...
};
    function v=False()
        v=false;
    end
    function v=True()
        v=true;
    end
end
`
	var warn bytes.Buffer
	lat, err := Parse([]byte(src), "cell.m", Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if len(lat.Elements) != 4 || lat.Name != "CELL" || lat.Energy != 3e9 || lat.Periodicity != 4 {
		t.Fatalf("%d elements, name %q, energy %v, periodicity %d", len(lat.Elements), lat.Name, lat.Energy, lat.Periodicity)
	}
	// PyAT's Particle('electron') takes its own electron mass, 1e6 times
	// CODATA's 0.51099895 MeV computed in float64.
	mev := 0.51099895
	if want := (tracking.Particle{Name: "electron", RestEnergy: 1e6 * mev, Charge: -1}); lat.Particle != want {
		t.Errorf("particle %+v, want %+v", lat.Particle, want)
	}
	// Harmonic number: periodicity times round(f L_cell / (beta c)).
	lcell := 2.0 + 0.5 + 1.0
	gamma := 3e9 / (1e6 * mev)
	beta := math.Sqrt(1 - 1/gamma/gamma)
	if want := 4 * int(math.RoundToEven(352202097.4*lcell/(beta*299792458.0))); lat.HarmonicNumber != want {
		t.Errorf("harmonic number %d, want %d", lat.HarmonicNumber, want)
	}
	if !strings.Contains(warn.String(), "AT tracking still assumes beta==1") || strings.Count(warn.String(), "warning:") != 1 {
		t.Errorf("warnings: %q", warn.String())
	}
}
