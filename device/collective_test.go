package device

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactSum returns the exact sum of the values, truncated as AccAdd does
// (bits below 2^AccLSB dropped), rounded once to float64.
func exactSum(vs []float64) float64 {
	var s big.Float
	s.SetPrec(4096)
	for _, v := range vs {
		var t big.Float
		t.SetPrec(4096).SetFloat64(v)
		// drop bits below 2^AccLSB, toward zero
		var scaled big.Float
		scaled.SetPrec(4096).SetMantExp(&t, -AccLSB)
		i, _ := scaled.Int(nil)
		t.SetPrec(4096).SetInt(i)
		t.SetMantExp(&t, AccLSB)
		s.Add(&s, &t)
	}
	x, _ := s.Float64()
	return x
}

func TestAccExactAndOrderFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		n := 1 + rng.IntN(2000)
		vs := make([]float64, n)
		scale := math.Pow(10, float64(rng.IntN(30)-25))
		for i := range vs {
			vs[i] = rng.NormFloat64() * scale
			if rng.IntN(10) == 0 {
				vs[i] *= 1e-30 // values that lose low bits
			}
		}
		acc := make([]int64, AccWords)
		for _, v := range vs {
			if !AccAdd(acc, v) {
				t.Fatalf("AccAdd(%g) overflowed", v)
			}
		}
		got, want := AccFloat64(acc), exactSum(vs)
		if got != want {
			t.Fatalf("trial %d: accumulated %v, exact sum %v", trial, got, want)
		}
		// reversed order, split in two partial accumulators merged by integer sums
		a, b := make([]int64, AccWords), make([]int64, AccWords)
		for i := n - 1; i >= 0; i-- {
			if i%3 == 0 {
				AccAdd(a, vs[i])
			} else {
				AccAdd(b, vs[i])
			}
		}
		for k := range a {
			a[k] += b[k]
		}
		if AccFloat64(a) != got {
			t.Fatalf("trial %d: merged partial sums %v differ from %v", trial, AccFloat64(a), got)
		}
	}
}

func TestAccLimits(t *testing.T) {
	acc := make([]int64, AccWords)
	for _, v := range []float64{math.Inf(1), math.NaN(), math.Ldexp(1, 63), -math.Ldexp(1, 64)} {
		if AccAdd(acc, v) {
			t.Errorf("AccAdd(%g) accepted a value that does not fit", v)
		}
	}
	big := math.Ldexp(1, 62) * 1.5
	if !AccAdd(acc, big) || !AccAdd(acc, -math.SmallestNonzeroFloat64) || !AccAdd(acc, 0) {
		t.Fatal("AccAdd refused a value that fits")
	}
	if got := AccFloat64(acc); got != big {
		t.Errorf("sum %v, want %v (tiny value truncated)", got, big)
	}
	for k := range acc {
		acc[k] = 0
	}
	AccAdd(acc, 0.1)
	AccAdd(acc, -0.1)
	if AccFloat64(acc) != 0 {
		t.Errorf("0.1 - 0.1 = %v", AccFloat64(acc))
	}
}

func TestBinningSlice(t *testing.T) {
	b := Binning{NBunch: 2, First: 3, NSlice: 4, Lo: []float64{-1, 0}, Hi: []float64{1, 2}, H: []float64{0.5, 0.5}}
	if b.Bins() != 8 || b.Bunch(0) != 1 || b.Bunch(1) != 0 {
		t.Fatalf("Bins %d, Bunch(0) %d, Bunch(1) %d", b.Bins(), b.Bunch(0), b.Bunch(1))
	}
	cases := []struct {
		bunch  int
		ct     float64
		slice  int
		inside bool
	}{
		{0, -1, 0, true}, {0, -0.6, 0, true}, {0, -0.5, 1, true}, {0, 0.99, 3, true}, {0, 1, 3, true},
		{0, -1.1, 0, false}, {0, 1.1, 3, false}, {1, 1.7, 3, true},
	}
	for _, c := range cases {
		s, in := b.Slice(c.bunch, c.ct)
		if s != c.slice || in != c.inside {
			t.Errorf("Slice(%d, %g) = %d, %v; want %d, %v", c.bunch, c.ct, s, in, c.slice, c.inside)
		}
	}
}
