package tracking_test

import (
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// compileTimed compiles a lattice of the given elements (JSON objects)
// followed by a 100 m drift, so that T0 = 100 m/c plus the elements'
// lengths.
func compileTimed(t *testing.T, elems string) (*device.Plan, error) {
	t.Helper()
	lat, err := atjson.ParseLattice([]byte(compileHead+elems+`, {"FamName": "D", "PassMethod": "DriftPass", "Length": 100}`+compileTail), "timed.json")
	if err != nil {
		t.Fatal(err)
	}
	return tracking.Compile(lat)
}

// TestCompileCrabCavity checks the record of a CrabCavityPass: Voltages
// in the pool, the ring's energy, AT's default harmonic number
// round(Frequency·T0) or the element's HarmNumber.
func TestCompileCrabCavity(t *testing.T) {
	p, err := compileTimed(t, `{"FamName": "CC", "PassMethod": "CrabCavityPass", "Length": 0, "Voltages": [1e6, -2e6], "Frequency": 352e6, "TimeLag": 0.01, "PhaseLag": 0.2},
	{"FamName": "CH", "PassMethod": "CrabCavityPass", "Length": 0.5, "Voltages": [0, 3e6], "Frequency": 352e6, "HarmNumber": 118, "SigPhi": 0, "SigVV": 0}`)
	if err != nil {
		t.Fatal(err)
	}
	cc, ch := p.Elements[0], p.Elements[1]
	if got := p.Pool[cc.Modulation : cc.Modulation+2]; got[0] != 1e6 || got[1] != -2e6 {
		t.Errorf("Voltages in the pool %v, want [1e6 -2e6]", got)
	}
	if want := math.Round(352e6 * 100.5 / tracking.C0); cc.HarmNumber != want {
		t.Errorf("default HarmNumber %v, want round(f·T0) = %v", cc.HarmNumber, want)
	}
	if ch.HarmNumber != 118 || ch.Length != 0.5 {
		t.Errorf("HarmNumber %v Length %v, want 118 and 0.5", ch.HarmNumber, ch.Length)
	}
	if cc.Energy != 3e9 || cc.TimeLag != 0.01 || cc.PhaseLag != 0.2 || cc.Frequency != 352e6 {
		t.Errorf("record %+v", cc)
	}
}

// TestCompileVariableThinMPole checks the modulation block of a
// VariableThinMPolePass (device/modulation.go): mode, Periodic (a JSON
// boolean), ramps, amplitudes cut to MaxOrder+1, AT's defaults
// (NSamples 1, frequency and phase 0) and Func cut to NSamples.
func TestCompileVariableThinMPole(t *testing.T) {
	p, err := compileTimed(t, `{"FamName": "VM", "PassMethod": "VariableThinMPolePass", "MaxOrder": 1, "Mode": 2, "PolynomA": [0, 0], "PolynomB": [0, 0],
	"AmplitudeB": [1e-4, 0.3, 7], "FuncB": [1, 0.5, -0.5, 9], "NSamplesB": 3, "Periodic": false, "Ramps": [1, 3, 5, 8], "Seed": 4}`)
	if err != nil {
		t.Fatal(err)
	}
	e := p.Elements[0]
	blk := p.Pool[e.Modulation:]
	if blk[device.ModMode] != device.ModArbitrary || blk[device.ModPeriodic] != 0 || blk[device.ModHasRamps] != 1 {
		t.Errorf("header %v", blk[:device.ModHeader])
	}
	if r := blk[device.ModRamps : device.ModRamps+4]; r[0] != 1 || r[3] != 8 {
		t.Errorf("ramps %v", r)
	}
	a := blk[device.ModA : device.ModA+device.ModPart]
	if a[device.ModAmp] != -1 || a[device.ModFunc] != -1 || a[device.ModNSamples] != 0 {
		t.Errorf("A part %v: want no amplitude", a)
	}
	b := blk[device.ModB : device.ModB+device.ModPart]
	amp := blk[int(b[device.ModAmp]):][:2]
	fn := blk[int(b[device.ModFunc]):]
	if amp[0] != 1e-4 || amp[1] != 0.3 || b[device.ModNSamples] != 3 || fn[0] != 1 || fn[2] != -0.5 {
		t.Errorf("B part %v, amplitudes %v, Func %v", b, amp, fn[:3])
	}
	if want := device.ModHeader + 2 + 3; len(blk) != want {
		t.Errorf("block of %d values, want %d (header, MaxOrder+1 amplitudes, NSamples values of Func)", len(blk), want)
	}
}

// TestCompileTimedRefusals checks that what cannot give PyAT's numbers
// (AT's own random generator) or what AT would read out of bounds is
// refused with an error naming the element and the attribute.
func TestCompileTimedRefusals(t *testing.T) {
	crab := `{"FamName": "CC", "PassMethod": "CrabCavityPass", "Length": 0, "Voltages": [1e6, 0], "Frequency": 352e6`
	vm := `{"FamName": "VM", "PassMethod": "VariableThinMPolePass", "MaxOrder": 1, "PolynomA": [0, 0], "PolynomB": [0, 0]`
	for _, c := range []struct{ elem, want string }{
		{crab + `, "SigPhi": 0.01}`, "element 0 (CC): attribute SigPhi: is 0.01: AT draws this noise from its own random generator"},
		{crab + `, "SigVV": 1e-3}`, "element 0 (CC): attribute SigVV"},
		{`{"FamName": "CC", "PassMethod": "CrabCavityPass", "Length": 0, "Frequency": 352e6}`, "element 0 (CC): attribute Voltages: missing"},
		{`{"FamName": "CC", "PassMethod": "CrabCavityPass", "Length": 0, "Voltages": [1, 2, 3], "Frequency": 352e6}`, "attribute Voltages: want 2 values"},
		{crab + `, "HarmNumber": 31.5}`, "attribute HarmNumber: want an integer"},
		{vm + `, "Mode": 1, "AmplitudeB": [0, 1e-3], "Seed": 3}`, "element 0 (VM): attribute Mode: is 1 (WHITENOISE): AT draws one value per turn from its own random generator"},
		{vm + `, "AmplitudeB": [0, 1e-3]}`, "element 0 (VM): attribute Mode: missing"},
		{vm + `, "Mode": 2, "AmplitudeB": [0, 1e-3]}`, "element 0 (VM): attribute FuncB: missing"},
		{vm + `, "Mode": 2, "AmplitudeA": [0, 1e-3], "FuncA": [1], "NSamplesA": 2}`, "attribute FuncA: has 1 values, fewer than NSamplesA = 2"},
		{vm + `, "Mode": 2, "AmplitudeA": [0, 1e-3], "FuncA": [1], "NSamplesA": 0}`, "attribute NSamplesA: must be at least 1"},
		{vm + `, "Mode": 0, "AmplitudeB": [1e-3]}`, "element 0 (VM): attribute AmplitudeB: want at least MaxOrder+1 = 2 values, got 1"},
		{vm + `, "Mode": 0, "AmplitudeB": [0, 1e-3], "Ramps": [1, 2, 3]}`, "attribute Ramps: want 4 turns"},
		{vm + `, "Mode": 0, "AmplitudeB": [0, 1e-3], "Periodic": "yes"}`, "attribute Periodic: want true, false or a number"},
	} {
		_, err := compileTimed(t, c.elem)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n  error %v\n  want one containing %q", c.elem, err, c.want)
		}
	}
	// All modes but WHITENOISE compile, SINE and ARBITRARY as PyAT writes
	// them and an unknown mode (AT: no kick).
	for _, mode := range []string{`"Mode": 0, "AmplitudeB": [0, 1e-3], "FrequencyB": 1e4, "PhaseB": 0.1`, `"Mode": 2, "AmplitudeB": [0, 1e-3], "FuncB": [1, 2], "NSamplesB": 2`, `"Mode": 3, "AmplitudeB": [0, 1e-3]`} {
		if _, err := compileTimed(t, vm+", "+mode+"}"); err != nil {
			t.Errorf("%s: %v", mode, err)
		}
	}
}
