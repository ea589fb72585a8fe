package attrval

import (
	"math"
	"testing"
)

// TestPyRepr: the strings Python 3 prints for repr(float(x)).
func TestPyRepr(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {0.1, "0.1"}, {1e-4, "0.0001"}, {1.5e-5, "1.5e-05"},
		{1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {123456789.125, "123456789.125"},
		{2.5394599781303304, "2.5394599781303304"}, {-6.02e23, "-6.02e+23"}, {5e-324, "5e-324"},
		{math.NaN(), "nan"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"},
	} {
		if got := PyRepr(c.f); got != c.want {
			t.Errorf("PyRepr(%g) = %q, want %q", c.f, got, c.want)
		}
	}
}
