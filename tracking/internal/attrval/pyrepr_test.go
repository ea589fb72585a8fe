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

// TestJSONFloat: Python json's spellings, as PyAT's lattice files hold
// them.
func TestJSONFloat(t *testing.T) {
	for f, want := range map[float64]string{
		1: "1.0", 6e9: "6000000000.0", 1e16: "1e+16", 1.5e-5: "1.5e-05", 0.0001: "0.0001",
		-0.1756035959798286: "-0.1756035959798286", 2.6513999999999998: "2.6513999999999998", 0: "0.0",
		123456789012345680: "1.2345678901234568e+17",
		math.Inf(1):        "Infinity", math.Inf(-1): "-Infinity",
	} {
		if got := JSONFloat(f); got != want {
			t.Errorf("JSONFloat(%v) = %q, want %q", f, got, want)
		}
	}
	if got := JSONFloat(math.NaN()); got != "NaN" {
		t.Errorf("JSONFloat(NaN) = %q, want NaN", got)
	}
}
