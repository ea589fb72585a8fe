// Package rng is gotrack's random-number contract: one counter-based
// generator, Philox4x32-10 (Salmon et al., "Parallel random numbers: as
// easy as 1, 2, 3", SC11), written here in Go and in the kernel source
// (kernels/rng.cuh) so that every backend draws the same numbers.
//
// A stochastic passmethod opens one Stream per particle per element per
// turn. Its Philox key is the run seed; its counter is (block, particle,
// turn, element), the particle being the index in the whole beam (an MPI
// rank adds its first particle), so a draw depends on neither the number
// of threads, the tile size, the GPU batch or compaction, nor the number
// of ranks. block counts the Philox calls of the stream; each call gives
// two uniform deviates of 53 bits.
//
// Every derived deviate uses IEEE operations that round the same way in Go
// and C (+, -, *, /, sqrt, frexp, ldexp): Log is computed here rather than
// taken from a math library, so the normal deviates (Marsaglia's polar
// method) and the Poisson deviates are bit for bit the same in Go, in the
// kernel source compiled by gcc and on the GPU (compiled without FMA
// contraction).
//
// Limits: particle, turn and element are taken modulo 2^32 (beams of up to
// 4.29e9 particles, runs of up to 4.29e9 turns).
package rng

import (
	"math"
	"math/bits"
)

// Philox4x32-10 constants: the round multipliers and the Weyl key
// increments (the golden ratio and sqrt(3)-1 in 32-bit fixed point).
const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9
	philoxW1 = 0xBB67AE85
)

// Philox4x32 returns the Philox4x32-10 block of counter ctr under key key.
func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	c0, c1, c2, c3 := ctr[0], ctr[1], ctr[2], ctr[3]
	k0, k1 := key[0], key[1]
	for round := 0; round < 10; round++ {
		hi0, lo0 := bits.Mul32(philoxM0, c0)
		hi1, lo1 := bits.Mul32(philoxM1, c2)
		c0, c1, c2, c3 = hi1^c1^k0, lo1, hi0^c3^k1, lo0
		k0 += philoxW0
		k1 += philoxW1
	}
	return [4]uint32{c0, c1, c2, c3}
}

// Stream is the random numbers of one particle in one element in one turn.
// The zero Stream is not usable: open one with NewStream.
type Stream struct {
	key      [2]uint32
	ctr      [4]uint32 // ctr[0] is the block counter
	buf      [2]uint64 // the two 64-bit words of the last block
	used     int       // words of buf already taken (2: none left)
	spare    float64   // the second normal deviate of a polar pair
	hasSpare bool
}

// NewStream opens the stream of particle particle (index in the whole
// beam) in element element (plan index) at turn turn of a run keyed by
// seed.
func NewStream(seed uint64, particle, turn, element int64) Stream {
	return Stream{
		key:  [2]uint32{uint32(seed), uint32(seed >> 32)},
		ctr:  [4]uint32{0, uint32(particle), uint32(turn), uint32(element)},
		used: 2,
	}
}

// Uint64 returns the next 64 random bits.
func (s *Stream) Uint64() uint64 {
	if s.used == 2 {
		b := Philox4x32(s.ctr, s.key)
		s.ctr[0]++
		s.buf[0] = uint64(b[0]) | uint64(b[1])<<32
		s.buf[1] = uint64(b[2]) | uint64(b[3])<<32
		s.used = 0
	}
	w := s.buf[s.used]
	s.used++
	return w
}

// Uniform returns a uniform deviate in the open interval (0, 1): the top
// 53 bits of a word, plus one half, times 2^-53.
func (s *Stream) Uniform() float64 {
	return (float64(s.Uint64()>>11) + 0.5) * 0x1p-53
}

// Normal returns a standard normal deviate (Marsaglia's polar method; the
// second deviate of each accepted pair is kept for the next call).
func (s *Stream) Normal() float64 {
	if s.hasSpare {
		s.hasSpare = false
		return s.spare
	}
	for {
		u := 2*s.Uniform() - 1
		v := 2*s.Uniform() - 1
		q := float64(u*u) + float64(v*v)
		if q >= 1 || q == 0 {
			continue
		}
		f := math.Sqrt(float64(-2*Log(q)) / q)
		s.spare = float64(v * f)
		s.hasSpare = true
		return float64(u * f)
	}
}

// Poisson returns a Poisson deviate of mean lambda: counting uniform
// products below exp(-lambda) (as sums of logarithms) when lambda < 11,
// else the floor of a normal deviate of mean lambda and standard deviation
// sqrt(lambda), as AT's atrandp does. Non-positive lambda gives 0.
func (s *Stream) Poisson(lambda float64) int {
	if !(lambda > 0) {
		return 0
	}
	if lambda < 11 {
		k := -1
		for p := 0.0; p > -lambda; {
			p += Log(s.Uniform())
			k++
		}
		return k
	}
	return int(math.Floor(lambda + float64(math.Sqrt(lambda)*s.Normal())))
}

// Log returns the natural logarithm of x > 0 (finite), within a few ulps
// of math.Log, by operations that round identically in Go and C: x =
// m 2^e with m in [sqrt(1/2), sqrt(2)), then log m = 2 atanh(f), f =
// (m-1)/(m+1), |f| < 0.1716, summed to f^23. Zero, negative, NaN and
// infinite x are not handled (the callers never pass them).
func Log(x float64) float64 {
	m, e := math.Frexp(x) // m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	f := (m - 1) / (m + 1)
	q := f * f
	// Horner's scheme on the coefficients 1/(2k+1), k = 11 down to 0,
	// each the float64 nearest to it (what the division 1/(2k+1) gives).
	p := 1.0 / 23
	p = float64(p*q) + 1.0/21
	p = float64(p*q) + 1.0/19
	p = float64(p*q) + 1.0/17
	p = float64(p*q) + 1.0/15
	p = float64(p*q) + 1.0/13
	p = float64(p*q) + 1.0/11
	p = float64(p*q) + 1.0/9
	p = float64(p*q) + 1.0/7
	p = float64(p*q) + 1.0/5
	p = float64(p*q) + 1.0/3
	p = float64(p*q) + 1
	return float64(float64(e)*math.Ln2) + float64(2*f*p)
}
