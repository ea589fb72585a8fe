package host

import (
	"math"
	"testing"
)

// TestAsinLargeCorrectlyRounded checks asinLarge against arcsines rounded
// to nearest from 300-bit values (mpmath): exact equality, including
// arguments where math.Asin is an ulp off (0.7731344466889869 and
// 0.863662080544886 are also ones where glibc is), near 1, and outside
// [-1, 1] (NaN) and at ±1 (±π/2).
func TestAsinLargeCorrectlyRounded(t *testing.T) {
	cases := [][2]float64{
		{0.5, 0.5235987755982989},
		{0.5000000000000001, 0.523598775598299},
		{0.59657822077458, 0.6392307103852105},
		{0.7731344466889869, 0.8837684089299215},
		{0.863662080544886, 1.0424900786761893},
		{0.975, 1.3467210414930773},
		{0.9999999999, 1.5707821846586878},
		{0.9999999999999999, 1.5707963118937354},
		{-0.7, -0.775397496610753},
		{1, math.Pi / 2},
		{-1, -math.Pi / 2},
	}
	for _, c := range cases {
		if got := asinLarge(c[0]); got != c[1] {
			t.Errorf("asinLarge(%v) = %.17g, want %.17g", c[0], got, c[1])
		}
		if got := exAsin(c[0]); got != c[1] {
			t.Errorf("exAsin(%v) = %.17g, want %.17g", c[0], got, c[1])
		}
	}
	for _, x := range []float64{1.5, -1.0000000000000002, math.NaN(), math.Inf(1)} {
		if !math.IsNaN(asinLarge(x)) {
			t.Errorf("asinLarge(%v) = %v, want NaN", x, asinLarge(x))
		}
	}
}
