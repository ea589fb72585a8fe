package attrval

import (
	"encoding/json"
	"math"
	"testing"
)

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{1.5, "a number"},
		{int64(3), "a number"},
		{"Drift", `the string "Drift"`},
		{[]float64{1, 2, 3}, "an array of 3 numbers"},
		{[][]float64{{1, 2}, {3, 4}, {5, 6}}, "a 3x2 matrix"},
		{[][]float64{}, "a 0x0 matrix"},
		{json.RawMessage(`{"a": 1}`), `the JSON value {"a": 1}`},
		{json.RawMessage(`"` + string(make([]byte, 50)) + `"`)[:3], "the JSON value \"\x00\x00"},
		{true, "bool"},
	} {
		if got := Describe(c.v); got != c.want {
			t.Errorf("Describe(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestFinite(t *testing.T) {
	for x, want := range map[float64]bool{0: true, -1e308: true, math.Inf(1): false, math.Inf(-1): false} {
		if Finite(x) != want {
			t.Errorf("Finite(%v) = %v", x, !want)
		}
	}
	if Finite(math.NaN()) {
		t.Error("Finite(NaN) = true")
	}
}
