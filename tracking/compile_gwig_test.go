package tracking_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// gwigJSON is a wiggler with two horizontal-wiggler harmonics given as
// PyAT writes them (6 rows, one column per harmonic) and one
// vertical-wiggler harmonic given flat; rest is spliced in before the
// closing brace.
const gwigJSON = `{"FamName": "W", "PassMethod": "GWigSymplecticPass", "Length": 1, "Lw": 0.05, "Bmax": 1.2, "Nstep": 5, "Nmeth": 4, "NHharm": 2, "NVharm": 1,
	"By": [[1, 2], [1, 0.1], [0, 0.5], [1, 3.04], [1, 3], [0, 0.2]], "Bx": [1, 0.05, 1.2, 0.66, 1, 0]%s}`

// TestCompileGwig checks the wiggler's record: scalars, the ring energy,
// the tables harmonic by harmonic in the pool (AT's column-major layout),
// and the Rad twin compiled from the same attributes.
func TestCompileGwig(t *testing.T) {
	for _, pm := range []string{"GWigSymplecticPass", "GWigSymplecticRadPass"} {
		src := strings.Replace(strings.Replace(gwigJSON, "%s", "", 1), "GWigSymplecticPass", pm, 1)
		lat, err := atjson.ParseLattice([]byte(compileHead+src+compileTail), "w.json")
		if err != nil {
			t.Fatal(err)
		}
		p, err := tracking.Compile(lat)
		if err != nil {
			t.Fatal(err)
		}
		e := p.Elements[0]
		if e.Method.String() != pm || e.Lw != 0.05 || e.Bmax != 1.2 || e.Nstep != 5 || e.Nmeth != 4 || e.NHharm != 2 || e.NVharm != 1 || e.Length != 1 {
			t.Errorf("%s: record %+v", pm, e)
		}
		if e.Energy != 3e9 {
			t.Errorf("%s: energy %v, want the ring's 3e9", pm, e.Energy)
		}
		wantBy := []float64{1, 1, 0, 1, 1, 0, 2, 0.1, 0.5, 3.04, 3, 0.2}
		for i, w := range wantBy {
			if got := p.Pool[int(e.By)+i]; got != w {
				t.Errorf("%s: By pool[%d] = %v, want %v", pm, i, got, w)
			}
		}
		wantBx := []float64{1, 0.05, 1.2, 0.66, 1, 0}
		for i, w := range wantBx {
			if got := p.Pool[int(e.Bx)+i]; got != w {
				t.Errorf("%s: Bx pool[%d] = %v, want %v", pm, i, got, w)
			}
		}
	}
}

// TestCompileGwigErrors checks that malformed wigglers are refused with
// the attribute named: AT's kz = 0 check, tables not matching NHharm or
// NVharm, a missing table, Nmeth other than 2 or 4, Nstep < 1, Lw <= 0,
// and no energy anywhere.
func TestCompileGwigErrors(t *testing.T) {
	cases := []struct {
		edit func(string) string
		attr string
	}{
		{func(s string) string { return strings.Replace(s, "[1, 3]", "[0, 3]", 1) }, "By"},
		{func(s string) string { return strings.Replace(s, `"NHharm": 2`, `"NHharm": 3`, 1) }, "By"},
		{func(s string) string { return strings.Replace(s, `"NVharm": 1`, `"NVharm": 2`, 1) }, "Bx"},
		{func(s string) string { return strings.Replace(s, `, "Bx": [1, 0.05, 1.2, 0.66, 1, 0]`, "", 1) }, "Bx"},
		{func(s string) string { return strings.Replace(s, `"Nmeth": 4`, `"Nmeth": 3`, 1) }, "Nmeth"},
		{func(s string) string { return strings.Replace(s, `"Nstep": 5`, `"Nstep": 0`, 1) }, "Nstep"},
		{func(s string) string { return strings.Replace(s, `"Lw": 0.05`, `"Lw": 0`, 1) }, "Lw"},
		{func(s string) string { return strings.Replace(s, `"Bmax": 1.2, `, "", 1) }, "Bmax"},
	}
	for _, c := range cases {
		src := c.edit(strings.Replace(gwigJSON, "%s", "", 1))
		lat, err := atjson.ParseLattice([]byte(compileHead+src+compileTail), "w.json")
		if err != nil {
			t.Fatal(err)
		}
		_, err = tracking.Compile(lat)
		var ee *tracking.ElementError
		if !errors.As(err, &ee) || ee.Attr != c.attr {
			t.Errorf("want an error on %s, got %v", c.attr, err)
		}
	}
	// No lattice energy and no element Energy.
	src := strings.Replace(gwigJSON, "%s", "", 1)
	lat, err := atjson.ParseLattice([]byte(compileHead+src+compileTail), "w.json")
	if err != nil {
		t.Fatal(err)
	}
	lat.Energy = 0
	if _, err := tracking.Compile(lat); err == nil {
		t.Error("a wiggler without energy compiled")
	}
	// The element's Energy serves when the lattice has none.
	src = strings.Replace(gwigJSON, "%s", `, "Energy": 2e9`, 1)
	lat, err = atjson.ParseLattice([]byte(compileHead+src+compileTail), "w.json")
	if err != nil {
		t.Fatal(err)
	}
	lat.Energy = 0
	p, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	if p.Elements[0].Energy != 2e9 || p.Elements[0].Method != device.GWigSymplecticPass {
		t.Errorf("energy %v, want the element's 2e9", p.Elements[0].Energy)
	}
}
