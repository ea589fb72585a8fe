package tracking_test

import (
	"errors"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// TestCompileExactSteps checks the NumIntSteps rules AT's trackFunction
// applies to the exact passes added with radiation: 0 is an error for
// every radiating one, and for ExactRectBendPass only when a multipole
// coefficient is non-zero; the error names the attribute.
func TestCompileExactSteps(t *testing.T) {
	elem := func(pm string, steps int, b1 float64) string {
		return `{"FamName": "B", "PassMethod": "` + pm + `", "Length": 1, "BendingAngle": 0.05, "EntranceAngle": 0.025, "ExitAngle": 0.025, "MaxOrder": 1, "NumIntSteps": ` +
			map[int]string{0: "0", 10: "10"}[steps] + `, "PolynomA": [0, 0], "PolynomB": [0, ` + map[float64]string{0: "0", 0.5: "0.5"}[b1] + `]}`
	}
	cases := []struct {
		pm    string
		steps int
		b1    float64
		ok    bool
	}{
		{"ExactRectBendPass", 0, 0, true},
		{"ExactRectBendPass", 0, 0.5, false},
		{"ExactRectBendPass", 10, 0.5, true},
		{"ExactRectBendRadPass", 0, 0, false},
		{"ExactRectBendRadPass", 10, 0.5, true},
		{"ExactSectorBendRadPass", 0, 0, false},
		{"ExactRectangularBendRadPass", 0, 0, false},
		{"ExactMultipoleRadPass", 0, 0, false},
		{"ExactMultipoleRadPass", 10, 0.5, true},
	}
	for _, c := range cases {
		lat, err := atjson.ParseLattice([]byte(compileHead+elem(c.pm, c.steps, c.b1)+compileTail), "x.json")
		if err != nil {
			t.Fatal(err)
		}
		_, err = tracking.Compile(lat)
		if c.ok && err != nil {
			t.Errorf("%s NumIntSteps %d b1 %g: %v", c.pm, c.steps, c.b1, err)
		}
		if !c.ok {
			var ee *tracking.ElementError
			if !errors.As(err, &ee) || ee.Attr != "NumIntSteps" {
				t.Errorf("%s NumIntSteps %d b1 %g: want a NumIntSteps error, got %v", c.pm, c.steps, c.b1, err)
			}
		}
	}
}

// TestCompileExactBendDiffusionAttrs checks that a radiating exact bend
// keeps what BndMPoleSymplectic4RadPass reads (FullGap, FringeInt1,
// FringeInt2), from which its diffusion matrix is computed as PyAT does.
func TestCompileExactBendDiffusionAttrs(t *testing.T) {
	data := compileHead + `{"FamName": "B", "PassMethod": "ExactSectorBendRadPass", "Length": 1, "BendingAngle": 0.05, "EntranceAngle": 0, "ExitAngle": 0, "MaxOrder": 0, "NumIntSteps": 10, "PolynomA": [0], "PolynomB": [0], "FullGap": 0.04, "FringeInt1": 0.5, "FringeInt2": 0.3}` + compileTail
	lat, err := atjson.ParseLattice([]byte(data), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	if e := p.Elements[0]; e.FullGap != 0.04 || e.FringeInt1 != 0.5 || e.FringeInt2 != 0.3 || e.Energy != 3e9 {
		t.Errorf("record FullGap %v FringeInt1 %v FringeInt2 %v Energy %v, want 0.04 0.5 0.3 3e9", e.FullGap, e.FringeInt1, e.FringeInt2, e.Energy)
	}
}
