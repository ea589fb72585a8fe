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
