package rng

import (
	"math"
	"testing"
)

// TestPhilox4x32KnownAnswers checks the three Philox4x32-10 known-answer
// vectors published with Random123 (kat_vectors: counter, key, result).
func TestPhilox4x32KnownAnswers(t *testing.T) {
	cases := []struct {
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{[4]uint32{0, 0, 0, 0}, [2]uint32{0, 0}, [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
			[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
			[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	}
	for _, c := range cases {
		if got := Philox4x32(c.ctr, c.key); got != c.want {
			t.Errorf("Philox4x32(%08x, %08x) = %08x, want %08x", c.ctr, c.key, got, c.want)
		}
	}
}

// TestStreamIndependentOfOrder checks that a stream depends on its key and
// counter only: opening the streams of particles in any order gives the
// same numbers, and streams differing in one index differ.
func TestStreamIndependentOfOrder(t *testing.T) {
	first := make([]float64, 100)
	for p := range first {
		s := NewStream(42, int64(p), 7, 3)
		first[p] = s.Normal()
	}
	for p := len(first) - 1; p >= 0; p-- {
		s := NewStream(42, int64(p), 7, 3)
		if g := s.Normal(); g != first[p] {
			t.Fatalf("particle %d: %v then %v", p, first[p], g)
		}
	}
	a, b, c, d := NewStream(42, 5, 7, 3), NewStream(43, 5, 7, 3), NewStream(42, 5, 8, 3), NewStream(42, 5, 7, 4)
	x := a.Uint64()
	for i, s := range []*Stream{&b, &c, &d} {
		if s.Uint64() == x {
			t.Errorf("stream %d equals the reference stream", i)
		}
	}
}

// TestLog compares Log with math.Log over 1e6 values spanning the doubles
// the generators feed it (uniform deviates down to 2^-54 and sums of
// squares), within 4 ulps (it is not meant to be correctly rounded, only to round the same in Go and C).
func TestLog(t *testing.T) {
	s := NewStream(1, 0, 0, 0)
	worst := 0.0
	for i := 0; i < 1000000; i++ {
		x := s.Uniform()
		switch i % 3 {
		case 1:
			x = math.Ldexp(x, -int(s.Uint64()%60))
		case 2:
			x = math.Ldexp(x, int(s.Uint64()%60))
		}
		got, want := Log(x), math.Log(x)
		if want == 0 {
			continue
		}
		ulp := math.Abs(got-want) / (math.Nextafter(math.Abs(want), math.Inf(1)) - math.Abs(want))
		worst = math.Max(worst, ulp)
	}
	if worst > 4 {
		t.Errorf("Log is %.2f ulps from math.Log at worst, want at most 4", worst)
	}
	t.Logf("Log: at most %.2f ulps from math.Log", worst)
	if Log(1) != 0 || Log(2) != math.Ln2 {
		t.Errorf("Log(1) = %v, Log(2) = %v", Log(1), Log(2))
	}
}

// TestNormalMoments draws 1e6 normal deviates over many streams: the mean,
// variance, skewness and excess kurtosis must be those of N(0,1) within 5
// standard errors, and the fraction beyond 3 sigma that of the normal law.
func TestNormalMoments(t *testing.T) {
	const n = 1000000
	var m1, m2, m3, m4 float64
	tail := 0
	for i := 0; i < n/4; i++ {
		s := NewStream(2026, int64(i), 3, 11)
		for k := 0; k < 4; k++ {
			x := s.Normal()
			m1 += x
			m2 += x * x
			m3 += x * x * x
			m4 += x * x * x * x
			if math.Abs(x) > 3 {
				tail++
			}
		}
	}
	m1, m2, m3, m4 = m1/n, m2/n, m3/n, m4/n
	se := 1 / math.Sqrt(n)
	checks := []struct {
		name      string
		got, want float64
		sigma     float64
	}{
		{"mean", m1, 0, se},
		{"variance", m2, 1, math.Sqrt2 * se},
		{"third moment", m3, 0, math.Sqrt(15) * se},
		{"fourth moment", m4, 3, math.Sqrt(96) * se},
		{"fraction beyond 3 sigma", float64(tail) / n, 0.0026997960632601866, math.Sqrt(0.0027 / n)},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 5*c.sigma {
			t.Errorf("%s = %.6g, want %.6g within 5 x %.2g", c.name, c.got, c.want, c.sigma)
		}
	}
}

// TestUniformRange checks that uniform deviates lie in (0, 1) with mean
// 1/2 and variance 1/12 within 5 standard errors.
func TestUniformRange(t *testing.T) {
	const n = 1000000
	s := NewStream(9, 1, 2, 3)
	var sum, sum2 float64
	for i := 0; i < n; i++ {
		u := s.Uniform()
		if !(u > 0 && u < 1) {
			t.Fatalf("uniform deviate %v outside (0, 1)", u)
		}
		sum += u
		sum2 += u * u
	}
	mean, v := sum/n, sum2/n-(sum/n)*(sum/n)
	if math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) || math.Abs(v-1.0/12) > 5*math.Sqrt(1.0/180/n) {
		t.Errorf("uniform mean %v variance %v, want 0.5 and %v", mean, v, 1.0/12)
	}
}

// TestPoisson checks the mean and variance of Poisson deviates on both
// branches (lambda below 11: products of uniforms; above: normal
// approximation) within 5 standard errors.
func TestPoisson(t *testing.T) {
	for _, lambda := range []float64{0.05, 0.7, 3, 10.5, 40} {
		const n = 200000
		var sum, sum2 float64
		for i := 0; i < n; i++ {
			s := NewStream(5, int64(i), 0, 1)
			k := float64(s.Poisson(lambda))
			sum += k
			sum2 += k * k
		}
		mean := sum / n
		v := sum2/n - mean*mean
		// the normal approximation's floor biases the mean by -1/2
		want := lambda
		if lambda >= 11 {
			want = lambda - 0.5
		}
		if math.Abs(mean-want) > 5*math.Sqrt(lambda/n) || math.Abs(v-lambda) > 5*lambda*math.Sqrt(2.0/n)+5*math.Sqrt(lambda/n) {
			t.Errorf("lambda %g: mean %.5g variance %.5g, want %.5g and %.5g", lambda, mean, v, want, lambda)
		}
	}
	s := NewStream(5, 0, 0, 0)
	if s.Poisson(0) != 0 || s.Poisson(-1) != 0 {
		t.Error("Poisson of a non-positive mean must be 0")
	}
}
