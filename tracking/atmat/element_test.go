package atmat

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/atmat/internal/mat5"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// ring returns a MAT-file holding the elements as the 1xN cell RING.
func ring(b mat5.Builder, elems ...[]byte) []byte {
	return b.File(b.Cell("RING", []int{1, len(elems)}, elems...))
}

func attrs(e *tracking.Element) map[string]any {
	m := map[string]any{"FamName": e.FamName, "PassMethod": e.PassMethod}
	for _, a := range e.Attrs {
		m[a.Name] = a.Value
	}
	return m
}

func names(e *tracking.Element) string {
	var s []string
	for _, a := range e.Attrs {
		s = append(s, a.Name)
	}
	return strings.Join(s, ",")
}

// TestClassInference: elements without a Class field get PyAT's class
// from the FamName, the passmethod or the attributes, with PyAT's
// constructor defaults, attribute order and warnings.
func TestClassInference(t *testing.T) {
	b := mat5.Builder{}
	theta := 2 * math.Pi / 8 // two bends of 2π/8: periodicity 4
	data := ring(b,
		b.Elem("FamName", "QF", "PassMethod", "StrMPoleSymplectic4Pass", "Length", 0.5, "K", 1.2, "PolynomB", []float64{0, 1.2}, "PolynomA", []float64{0, 0}),
		b.Elem("FamName", "D1", "PassMethod", "DriftPass", "Length", 2.0),
		b.Elem("FamName", "B1", "PassMethod", "BndMPoleSymplectic4Pass", "Length", 1.0, "BendingAngle", theta, "Energy", 3e9),
		b.Elem("FamName", "M1", "PassMethod", "IdentityPass"),
		b.Elem("FamName", "SF", "PassMethod", "ThinMPolePass", "PolynomB", []float64{0, 0, 3}, "PolynomA", []float64{0, 0, 0}),
		b.Elem("FamName", "BPM", "PassMethod", "IdentityPass", "GCR", []float64{1, 1, 0, 0}),
		b.Elem("FamName", "Q2", "Class", "Quadrupole", "PassMethod", "StrMPoleSymplectic4Pass", "Length", 0.3, "K", 2.0, "PolynomB", []float64{0, 1.5}),
		b.Elem("FamName", "B2", "Class", "Bend", "PassMethod", "BndMPoleSymplectic4Pass", "Length", 1.0, "BendingAngle", theta, "FringeQuadEntrance", 1.0, "Energy", 3e9),
		b.Elem("FamName", "X", "Class", "Gadget", "PassMethod", "IdentityPass"),
	)
	var warn bytes.Buffer
	lat, err := Parse(data, "infer.mat", Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		class, names string
		check        map[string]any
	}{
		{"Multipole", "Length,MaxOrder,NumIntSteps,PolynomA,PolynomB,Class", map[string]any{"MaxOrder": int64(1), "NumIntSteps": int64(10), "PolynomB": []float64{0, 1.2}}},
		{"Drift", "Length,Class", map[string]any{"Length": 2.0}},
		{"Bend", "Length,BendingAngle,EntranceAngle,ExitAngle,MaxOrder,NumIntSteps,PolynomA,PolynomB,K,Class", map[string]any{"K": 0.0, "PolynomA": []float64{0, 0}, "EntranceAngle": 0.0}},
		{"Marker", "Length,Class", map[string]any{"Length": 0.0}},
		{"ThinMultipole", "Length,MaxOrder,PolynomA,PolynomB,Class", map[string]any{"MaxOrder": int64(2)}},
		{"Monitor", "Length,GCR,Class", map[string]any{"GCR": []float64{1, 1, 0, 0}}},
		{"Quadrupole", "Length,MaxOrder,NumIntSteps,PolynomA,PolynomB,K,Class", map[string]any{"K": 1.5, "PolynomB": []float64{0, 1.5}, "PolynomA": []float64{0, 0}}},
		{"Bend", "Length,BendingAngle,EntranceAngle,ExitAngle,FringeQuadEntrance,MaxOrder,NumIntSteps,PolynomA,PolynomB,K,Class", map[string]any{"FringeQuadEntrance": int64(1)}},
		{"Marker", "Length,Class", nil},
	}
	if len(lat.Elements) != len(want) {
		t.Fatalf("%d elements", len(lat.Elements))
	}
	for i, w := range want {
		e := lat.Elements[i]
		a := attrs(e)
		if a["Class"] != w.class || names(e) != w.names {
			t.Errorf("element %d (%s): class %v attributes %s, want %s %s", i, e.FamName, a["Class"], names(e), w.class, w.names)
		}
		for k, v := range w.check {
			if !reflect.DeepEqual(a[k], v) {
				t.Errorf("element %d (%s): %s = %#v, want %#v", i, e.FamName, k, a[k], v)
			}
		}
	}
	// the bends' Energy became the ring energy and left the elements
	if lat.Energy != 3e9 {
		t.Errorf("energy %v", lat.Energy)
	}
	if _, ok := lat.Elements[2].Get("Energy"); ok {
		t.Error("Energy kept on a bend")
	}
	if lat.Periodicity != 4 || lat.HarmonicNumber != 0 || lat.Name != "" || lat.Particle.Name != "relativistic" {
		t.Errorf("periodicity %d harmonic %d name %q particle %v", lat.Periodicity, lat.HarmonicNumber, lat.Name, lat.Particle)
	}
	for _, s := range []string{
		`element 0 (QF): Element QF: Duplicate element data, both positional argument 'poly_b' and 'K'`,
		`element 6 (Q2): Element Q2: Conflicting element data, 'PolynomB' ([0 1.5]) in kwargs does not match positional argument 'k' (2.0)., positional argument ignored`,
		`element 8 (X): Class 'Gadget' does not exist.`,
	} {
		if !strings.Contains(warn.String(), "infer.mat: variable RING: "+s) {
			t.Errorf("no warning %q in:\n%s", s, warn.String())
		}
	}
}

// TestRingProperties: a RingParam element gives the name, energy,
// periodicity, particle (a struct identified from its mass), the
// cell harmonic number and extra lattice properties; the cavity's
// frequency gives the harmonic number over the RingParam's, as in
// PyAT; Options.Energy overrides the file's energy.
func TestRingProperties(t *testing.T) {
	b := mat5.Builder{Compress: true, Small: true}
	const (
		energy = 3e9
		per    = 4
		length = 10.0
		clight = 299792458.0 // scipy's speed of light [m/s]
	)
	// PyAT's electron rest energy: CODATA 2018 MeV times 1e6 in float64.
	mev := 0.51099895000
	eMass := 1e6 * mev
	gamma := energy / eMass
	beta := math.Sqrt(1 - 1/gamma/gamma)
	freq := 31 * beta * clight / length // 31 buckets per cell
	rp := b.Elem("FamName", "MyRing", "PassMethod", "IdentityPass", "Class", "RingParam", "Energy", energy,
		"Periodicity", float64(per), "cell_harmnumber", 20.0, "my_tag", "abc",
		"Particle", b.Struct("", []string{"name", "rest_energy", "charge"}, b.Char("", ""), b.Scalar("", eMass), b.Scalar("", -1)))
	cav := b.Elem("FamName", "RF", "PassMethod", "RFCavityPass", "Length", 0.0, "Voltage", 1e6, "Frequency", freq, "HarmNumber", 20.0, "Energy", 2e9)
	drift := b.Elem("FamName", "D", "PassMethod", "DriftPass", "Length", length)
	var warn bytes.Buffer
	lat, err := Parse(ring(b, rp, cav, drift, rp), "rp.mat", Options{Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Name != "MyRing" || lat.Energy != energy || lat.Periodicity != per || lat.HarmonicNumber != 31*per {
		t.Errorf("name %q energy %v periodicity %d harmonic %d", lat.Name, lat.Energy, lat.Periodicity, lat.HarmonicNumber)
	}
	if lat.Particle != (tracking.Particle{Name: "electron", RestEnergy: eMass, Charge: -1}) {
		t.Errorf("particle %+v", lat.Particle)
	}
	wantProps := []tracking.Attr{{Name: "beam_current", Value: 0.0}, {Name: "nbunch", Value: int64(1)}, {Name: "my_tag", Value: "abc"}}
	if !reflect.DeepEqual(lat.Properties, wantProps) {
		t.Errorf("properties %v", lat.Properties)
	}
	if len(lat.Elements) != 2 {
		t.Errorf("%d elements: RingParam elements must be removed", len(lat.Elements))
	}
	// PyAT's Lattice energy setter gives the cavities the ring energy.
	if e, _, _ := lat.Elements[0].Float("Energy"); e != energy {
		t.Errorf("cavity Energy %v, want the ring energy %v", e, energy)
	}
	if !strings.Contains(warn.String(), "More than 1 RingParam element") {
		t.Errorf("warnings: %s", warn.String())
	}
	// no frequency match: the RingParam's cell harmonic number; and the
	// energy given by the caller wins
	cav2 := b.Elem("FamName", "RF", "PassMethod", "RFCavityPass", "Length", 0.0, "Voltage", 1e6, "Frequency", 0.0, "HarmNumber", 20.0, "Energy", 2e9)
	lat, err = Parse(ring(b, rp, cav2, drift), "rp.mat", Options{Energy: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Energy != 1e9 || lat.HarmonicNumber != 20 {
		t.Errorf("energy %v harmonic %d: want 1e9 (Options.Energy) and 20 (cavity HarmNumber)", lat.Energy, lat.HarmonicNumber)
	}
	// the written lattice reads back
	var out bytes.Buffer
	if err := atjson.WriteLattice(lat, &out); err != nil {
		t.Fatal(err)
	}
	back, err := atjson.ParseLattice(out.Bytes(), "rp.json")
	if err != nil {
		t.Fatal(err)
	}
	if back.HarmonicNumber != 20 || back.Particle != lat.Particle || !reflect.DeepEqual(back.Properties, lat.Properties) {
		t.Errorf("round trip: %+v", back)
	}
}

// TestValueTypes: attribute values take PyAT's types: matrices from
// MATLAB's column-major data, vectors from rows or columns, integer
// classes and logicals as ints, 3-D arrays and structs as JSON, empty
// arrays as empty lists; and they survive a JSON round trip.
func TestValueTypes(t *testing.T) {
	for _, b := range []mat5.Builder{{}, {Compress: true, Small: true}, {Order: binary.BigEndian}, {Order: binary.BigEndian, Compress: true}} {
		r1 := make([]float64, 36)
		for i := range r1 {
			r1[i] = float64(i) // column-major: R1[i][j] = i + 6j
		}
		data := ring(b, b.Elem("FamName", "M", "PassMethod", "IdentityPass", "Energy", 1e9,
			"R1", b.Double("", []int{6, 6}, r1...),
			"T1", b.Double("", []int{6, 1}, 1, 2, 3, 4, 5, 6),
			"Tab", b.Double("", []int{2, 3}, 1, 2, 3, 4, 5, 6),
			"Cube", b.Double("", []int{2, 1, 2}, 1, 2, 3, 4),
			"Cube3", b.Double("", []int{2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8),
			"N", b.Matrix("", mat5.Int32, 0, []int{1, 1}, b.Numbers(mat5.TypeInt32, -7)),
			"Flag", b.Matrix("", mat5.Uint8, 0x200, []int{1, 1}, b.Numbers(mat5.TypeUint8, 1)),
			"Flags", b.Matrix("", mat5.Uint8, 0x200, []int{1, 3}, b.Numbers(mat5.TypeUint8, 1, 0, 1)),
			"Ints", b.Matrix("", mat5.Int16, 0, []int{1, 2}, b.Numbers(mat5.TypeInt16, 3, -4)),
			"Empty", b.Double("", []int{0, 0}),
			"Tag", "hello",
			"S", b.Struct("", []string{"a", "b"}, b.Scalar("", 1.5), b.Char("", "x")),
			"F", b.Matrix("", mat5.Single, 0, []int{1, 1}, b.Numbers(mat5.TypeSingle, 0.1)),
		))
		lat, err := Parse(data, "types.mat", Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := attrs(lat.Elements[0])
		r1m := a["R1"].([][]float64)
		if r1m[1][2] != 13 || r1m[5][0] != 5 || len(r1m) != 6 || len(r1m[0]) != 6 {
			t.Errorf("R1 = %v", r1m)
		}
		want := map[string]any{
			"T1":    []float64{1, 2, 3, 4, 5, 6},
			"Tab":   [][]float64{{1, 3, 5}, {2, 4, 6}},
			"Cube":  [][]float64{{1, 3}, {2, 4}},
			"Cube3": json.RawMessage("[[[1.0,5.0],[3.0,7.0]],[[2.0,6.0],[4.0,8.0]]]"),
			"N":     int64(-7),
			"Flag":  int64(1),
			"Flags": json.RawMessage("[true,false,true]"),
			"Ints":  []float64{3, -4},
			"Empty": []float64{},
			"Tag":   "hello",
			"S":     json.RawMessage(`{"a":1.5,"b":"x"}`),
			"F":     float64(float32(0.1)),
		}
		for k, v := range want {
			if !reflect.DeepEqual(a[k], v) {
				t.Errorf("%s = %#v (%T), want %#v", k, a[k], a[k], v)
			}
		}
		var out bytes.Buffer
		if err := atjson.WriteLattice(lat, &out); err != nil {
			t.Fatal(err)
		}
		back, err := atjson.ParseLattice(out.Bytes(), "types.json")
		if err != nil {
			t.Fatal(err)
		}
		if n, differ := trackingtest.SameLattice(t, back, lat, refTol); differ != 0 {
			t.Errorf("%d of %d numbers changed by the JSON round trip", differ, n)
		}
	}
}

// TestUseVariable: PyAT's choice of the variable (the only one, else
// RING, else Options.Use) and the error listing the variables.
func TestUseVariable(t *testing.T) {
	b := mat5.Builder{}
	el := b.Elem("FamName", "D", "PassMethod", "DriftPass", "Length", 1.5, "Energy", 1e9)
	cell := func(name string) []byte { return b.Cell(name, []int{1, 1}, el) }
	one := b.File(cell("lat"))
	two := b.File(cell("lat1"), cell("lat2"))
	if lat, err := Parse(one, "one.mat", Options{}); err != nil || len(lat.Elements) != 1 {
		t.Errorf("single variable: %v", err)
	}
	_, err := Parse(two, "two.mat", Options{})
	if err == nil || !strings.Contains(err.Error(), `two.mat: variable "RING" does not exist; select one of [lat1, lat2] (--use NAME`) {
		t.Errorf("error %v", err)
	}
	if lat, err := Read(bytes.NewReader(two), "two.mat", Options{Use: "lat2"}); err != nil || len(lat.Elements) != 1 || lat.File != "two.mat" {
		t.Errorf("Use: %v", err)
	}
	if _, err := Load("testdata/nosuch.mat", Options{}); err == nil || !strings.Contains(err.Error(), "nosuch.mat") {
		t.Errorf("missing file: %v", err)
	}
}

// TestLoadErrors: bad lattices give errors naming the file, the variable,
// the element index and FamName, the attribute, and what to do.
func TestLoadErrors(t *testing.T) {
	b := mat5.Builder{}
	drift := b.Elem("FamName", "D", "PassMethod", "DriftPass", "Length", 1.0, "Energy", 1e9)
	hdf := make([]byte, 128)
	copy(hdf, "MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00")
	hdf[124], hdf[125], hdf[126], hdf[127] = 0, 2, 'I', 'M'
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"string polynom", ring(b, drift, b.Elem("FamName", "QF", "Class", "Quadrupole", "Length", 0.5, "PolynomB", "oops")),
			[]string{"bad.mat: variable RING: element 1 (QF): attribute PolynomB: want numbers, got the string \"oops\""}},
		{"missing length", ring(b, drift, b.Elem("FamName", "DX", "Class", "Drift", "PassMethod", "DriftPass")),
			[]string{"element 1 (DX): attribute Length: missing: class Drift needs FamName, Length"}},
		{"NaN", ring(b, drift, b.Elem("FamName", "QN", "PassMethod", "DriftPass", "Length", math.NaN())),
			[]string{"element 1 (QN): attribute Length: values must be finite"}},
		{"bad T1", ring(b, drift, b.Elem("FamName", "DT", "PassMethod", "DriftPass", "Length", 1.0, "T1", []float64{1, 2})),
			[]string{"element 1 (DT): attribute T1: want 6 numbers, got a vector of 2 numbers"}},
		{"unsupported class", ring(b, drift, b.Elem("FamName", "ID", "Class", "InsertionDeviceKickMap", "PassMethod", "IdTablePass")),
			[]string{"element 1 (ID): attribute Class: class InsertionDeviceKickMap is not supported", "convert the lattice to JSON with PyAT"}},
		{"unsupported passmethod class", ring(b, drift, b.Elem("FamName", "V", "PassMethod", "VariableThinMPolePass")),
			[]string{"element 1 (V): attribute PassMethod: VariableThinMPolePass implies class VariableThinMultipole"}},
		{"wiggler periods", ring(b, drift, b.Elem("FamName", "W", "Class", "Wiggler", "Length", 1.0, "Lw", 0.3, "Bmax", 1.0)),
			[]string{"element 1 (W): attribute Lw: wiggler: length / wiggle_period is not an integer"}},
		{"quantdiff taux", ring(b, drift, b.Elem("FamName", "QD", "Class", "SimpleQuantDiff", "emitx", 1e-9)),
			[]string{"element 1 (QD): attribute taux: if emitx is given, taux must be non zero"}},
		{"not struct", ring(b, drift, b.Scalar("", 3)),
			[]string{"element 1: want a 1x1 struct of attributes, got a 1x1 double"}},
		{"cell value", ring(b, drift, b.Elem("FamName", "C", "PassMethod", "DriftPass", "Length", 1.0, "Stuff", b.Cell("", []int{1, 1}, b.Scalar("", 1)))),
			[]string{"element 1: attribute Stuff: a 1x1 cell: cell arrays are not supported"}},
		{"complex", ring(b, drift, b.Elem("FamName", "Z", "PassMethod", "DriftPass", "Length", b.Matrix("", mat5.Double, 0x800, []int{1, 1}, b.Numbers(mat5.TypeDouble, 1), b.Numbers(mat5.TypeDouble, 1)))),
			[]string{"attribute Length: a 1x1 complex double: complex values are not supported"}},
		{"no energy", ring(b, b.Elem("FamName", "D", "PassMethod", "DriftPass", "Length", 1.0)),
			[]string{"bad.mat: variable RING: lattice energy is not defined", "Options.Energy"}},
		{"not a cell", b.File(b.Scalar("RING", 1)),
			[]string{"variable RING: want a cell array of element structs, got a 1x1 double"}},
		{"hdf5", hdf, []string{"bad.mat: MAT 7.3 (HDF5) is not supported; save with -v7 in MATLAB"}},
		{"truncated", ring(b, drift)[:150], []string{"bad.mat: not a readable MAT-file", "truncated"}},
		{"empty passmethod", ring(b, b.Elem("FamName", "E", "PassMethod", "", "Length", 1.0, "Energy", 1e9)),
			[]string{"element 0 (E): attribute PassMethod: empty"}},
		{"dipole conflict", ring(b, b.Elem("FamName", "BX", "Class", "Bend", "Length", 1.0, "BendingAngle", 0.1, "K", 1.0, "PolynomB", []float64{0, 2}, "Energy", 1e9)),
			[]string{"element 0 (BX): Element BX: Conflicting element data, 'PolynomB'"}},
	}
	for _, c := range cases {
		_, err := Parse(c.data, "bad.mat", Options{})
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", c.name, err, w)
			}
		}
	}
}

// TestOtherClasses: the classes with their own constructors (Wiggler,
// CrabCavity, EnergyLoss, QuantumDiffusion, SimpleRadiation,
// SimpleQuantDiff) get PyAT's defaults, conversions and attributes.
func TestOtherClasses(t *testing.T) {
	b := mat5.Builder{}
	lmat := make([]float64, 36)
	data := ring(b,
		b.Elem("FamName", "W", "Class", "Wiggler", "Length", 1.0, "Lw", 0.25, "Bmax", 1.2, "Energy", 2e9),
		b.Elem("FamName", "W2", "PassMethod", "GWigSymplecticPass", "Length", 1.0, "Lw", 0.5, "Bmax", 1.2, "Nstep", 7.0,
			"By", b.Double("", []int{6, 2}, 1, 1, 0, 1, 1, 0, 2, 0.5, 0, 3, 3, 0)),
		b.Elem("FamName", "CC", "Class", "CrabCavity", "Length", 0.0, "Voltages", []float64{1e5, 0}, "Frequency", 3.5e8, "HarmNumber", 992.0),
		b.Elem("FamName", "EL", "Class", "EnergyLoss", "EnergyLoss", 1e3),
		b.Elem("FamName", "QDF", "Class", "QuantumDiffusion", "Lmatp", b.Double("", []int{6, 6}, lmat...)),
		b.Elem("FamName", "SR", "Class", "SimpleRadiation", "taux", 1000.0, "U0", 5e5),
		b.Elem("FamName", "SQ", "Class", "SimpleQuantDiff", "emitx", 1e-9, "taux", 1000.0),
	)
	lat, err := Parse(data, "other.mat", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		names string
		check map[string]any
	}{
		{"Length,Bmax,Bx,By,Lw,NHharm,NVharm,Nmeth,Nstep,Class", map[string]any{"Class": "Wiggler", "PassMethod": "GWigSymplecticPass",
			"Nstep": int64(5), "Nmeth": int64(4), "NHharm": int64(1), "NVharm": int64(0),
			"By": [][]float64{{1}, {1}, {0}, {1}, {1}, {0}}, "Bx": [][]float64{{}, {}, {}, {}, {}, {}}}},
		{"Length,Bmax,Bx,By,Lw,NHharm,NVharm,Nmeth,Nstep,Class", map[string]any{"Class": "Wiggler", "Nstep": int64(7), "NHharm": int64(2),
			"By": [][]float64{{1, 2}, {1, 0.5}, {0, 0}, {1, 3}, {1, 3}, {0, 0}}}},
		{"Length,Frequency,HarmNumber,TimeLag,Voltages,Class", map[string]any{"Class": "CrabCavity", "PassMethod": "CrabCavityPass",
			"HarmNumber": int64(992), "TimeLag": 0.0, "Voltages": []float64{1e5, 0}}},
		{"Length,EnergyLoss,Class", map[string]any{"PassMethod": "IdentityPass", "EnergyLoss": 1e3}},
		{"Length,Lmatp,Class", map[string]any{"PassMethod": "QuantDiffPass"}},
		// A RadPass element gets the ring energy (PyAT's Lattice energy
		// setter).
		{"Length,Energy,U0,damp_mat_diag,Class", map[string]any{"PassMethod": "SimpleRadiationRadPass", "U0": 5e5, "Energy": lat.Energy,
			"damp_mat_diag": []float64{1, math.Exp(-2.0 / 1000), 1, 1, 1, 1}}},
		{"Length,betax,betay,emitx,emity,espread,taux,tauy,tauz,Class", map[string]any{"PassMethod": "SimpleQuantDiffPass",
			"betax": 1.0, "emitx": 1e-9, "taux": 1000.0, "tauz": 0.0}},
	}
	if len(lat.Elements) != len(want) {
		t.Fatalf("%d elements", len(lat.Elements))
	}
	for i, w := range want {
		e := lat.Elements[i]
		if names(e) != w.names {
			t.Errorf("element %d (%s): attributes %s, want %s", i, e.FamName, names(e), w.names)
		}
		a := attrs(e)
		for k, v := range w.check {
			if !reflect.DeepEqual(a[k], v) {
				t.Errorf("element %d (%s): %s = %#v, want %#v", i, e.FamName, k, a[k], v)
			}
		}
	}
	if lat.Energy != 2e9 {
		t.Errorf("energy %v from the wiggler's Energy", lat.Energy)
	}
	var out bytes.Buffer
	if err := atjson.WriteLattice(lat, &out); err != nil {
		t.Fatal(err)
	}
	if _, err := atjson.ParseLattice(out.Bytes(), "other.json"); err != nil {
		t.Errorf("JSON round trip: %v", err)
	}
}
