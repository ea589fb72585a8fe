package collective_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/collective"
)

// attrMap is a collective.Element for tests.
type attrMap map[string]any

func (m attrMap) Get(name string) (any, bool) { v, ok := m[name]; return v, ok }
func (m attrMap) Set(name string, v any)      { m[name] = v }

// goodWake is a valid WakeFieldPass element of two slices and one turn.
func goodWake() attrMap {
	return attrMap{"_nslice": int64(2), "_nturns": int64(1), "_nelem": int64(3), "_wakefact": 1.0,
		"NormFact": []float64{1, 1, 1}, "_wakeT": []float64{0, 1e-3, 2e-3}, "_wakeZ": []float64{0, 1, 2}}
}

// TestCompileBadAttributes: attributes from a lattice file that make no
// sense give an *AttrError naming the attribute, never a panic or an
// allocation the machine cannot make.
func TestCompileBadAttributes(t *testing.T) {
	ring := &collective.Ring{NBunch: 2, Currents: []float64{1e-3, 1e-3}, Spos: []float64{0, 10}, RingLength: 20, Turns: 3, Total: 10}
	if _, err := collective.Compile(collective.WakeFieldPass, goodWake(), ring); err != nil {
		t.Fatalf("good wake: %v", err)
	}
	cases := []struct {
		name, pm, attr, msg string
		set                 map[string]any
		del                 string
	}{
		{"ragged history", collective.WakeFieldPass, "_turnhistory", "row 1 has 2 values",
			map[string]any{"_turnhistory": [][]float64{{0, 0, 0, 0}, {0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}}, ""},
		{"history rows", collective.WakeFieldPass, "_turnhistory", "want a 4x4 matrix",
			map[string]any{"_turnhistory": [][]float64{{0, 0, 0, 0}}}, ""},
		{"history not a matrix", collective.WakeFieldPass, "_turnhistory", "want a 4x4 matrix",
			map[string]any{"_turnhistory": "none"}, ""},
		{"huge nslice", collective.WakeFieldPass, "_nslice", "slices per pass",
			map[string]any{"_nslice": int64(2147483647)}, ""},
		{"huge history", collective.WakeFieldPass, "_nturns", "history rows",
			map[string]any{"_nslice": int64(100000), "_nturns": int64(2147483647)}, ""},
		{"no slices", collective.WakeFieldPass, "_nslice", "at least one slice",
			map[string]any{"_nslice": int64(0)}, ""},
		{"fractional nturns", collective.WakeFieldPass, "_nturns", "want an integer",
			map[string]any{"_nturns": 1.5}, ""},
		{"nelem mismatch", collective.WakeFieldPass, "_wakeT", "_nelem says 4",
			map[string]any{"_nelem": int64(4)}, ""},
		{"wakeT decreasing", collective.WakeFieldPass, "_wakeT", "not increasing",
			map[string]any{"_wakeT": []float64{0, 2e-3, 1e-3}}, ""},
		{"table length", collective.WakeFieldPass, "_wakeZ", "has 2 values",
			map[string]any{"_wakeZ": []float64{0, 1}}, ""},
		{"no component", collective.WakeFieldPass, "_wakeZ", "no wake component", nil, "_wakeZ"},
		{"NormFact", collective.WakeFieldPass, "NormFact", "want 3 values",
			map[string]any{"NormFact": []float64{1}}, ""},
		{"missing wakefact", collective.WakeFieldPass, "_wakefact", "missing", nil, "_wakefact"},
		{"wakefact a string", collective.WakeFieldPass, "_wakefact", "want a number",
			map[string]any{"_wakefact": "x"}, ""},
		{"ZCuts", collective.WakeFieldPass, "ZCuts", "want 2 values",
			map[string]any{"ZCuts": []float64{1, 2, 3}}, ""},
		{"slice moments nslice", collective.SliceMomentsPass, "nslice", "slices per pass",
			map[string]any{"nslice": int64(2147483647), "_startturn": int64(0), "_endturn": int64(1)}, ""},
		{"slice moments turns", collective.SliceMomentsPass, "_startturn", "_startturn <= _endturn",
			map[string]any{"nslice": int64(3), "_startturn": int64(2), "_endturn": int64(1)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			el := attrMap{}
			if c.pm == collective.WakeFieldPass {
				el = goodWake()
			}
			for k, v := range c.set {
				el[k] = v
			}
			delete(el, c.del)
			_, err := collective.Compile(c.pm, el, ring)
			var ae *collective.AttrError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want an *AttrError", err)
			}
			if ae.Attr != c.attr || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v (attribute %s), want one about %s saying %q", err, ae.Attr, c.attr, c.msg)
			}
		})
	}
	if _, err := collective.Compile("DriftPass", attrMap{}, ring); err == nil {
		t.Error("Compile accepted DriftPass")
	}
}
