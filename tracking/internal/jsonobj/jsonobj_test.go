package jsonobj

import (
	"strings"
	"testing"
)

func TestOrdered(t *testing.T) {
	keys, vals, err := Ordered([]byte(`{"z": 1, "a": [1, 2], "m": {"x": "y"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, ",") != "z,a,m" {
		t.Errorf("keys %v, want z,a,m (file order)", keys)
	}
	if len(vals) != 3 || string(vals[1]) != "[1, 2]" || string(vals[2]) != `{"x": "y"}` {
		t.Errorf("values %q", vals)
	}
	for _, bad := range []string{`[1, 2]`, `{"a": }`, ``} {
		if _, _, err := Ordered([]byte(bad)); err == nil {
			t.Errorf("Ordered(%q): no error", bad)
		}
	}
}
