package madx

import "math"

// glibc computes sinh, cosh, tanh and log10 with the fdlibm algorithms
// (sysdeps/ieee754/dbl-64), which are not correctly rounded. They are
// reproduced here on top of expm1 (Go's math.Expm1 is the same fdlibm
// code) and the correctly rounded exp and log, so as to give glibc's
// results, hence Python's, hence PyAT's.

func highWord(x float64) int32 { return int32(math.Float64bits(x) >> 32) }

// glibcSinh is fdlibm's __ieee754_sinh.
func glibcSinh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if jx < 0 {
		h = -h
	}
	ax := math.Abs(x)
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3e300000 { // |x| < 2^-28
			return x
		}
		t := math.Expm1(ax)
		if ix < 0x3ff00000 {
			return h * (2.0*t - t*t/(t+1.0))
		}
		return h * (t + t/(t+1.0))
	}
	if ix < 0x40862e42 { // |x| < log(maxdouble)
		return h * crExp(ax)
	}
	if ax <= 7.10475860073943863426e+02 { // overflow threshold
		w := crExp(0.5 * ax)
		t := h * w
		return t * w
	}
	return x * 1.0e307
}

// glibcCosh is fdlibm's __ieee754_cosh.
func glibcCosh(x float64) float64 {
	ix := highWord(x) & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x * x
	}
	ax := math.Abs(x)
	if ix < 0x3fd62e43 { // |x| < 0.5 ln2
		t := math.Expm1(ax)
		w := 1.0 + t
		if ix < 0x3c800000 {
			return w
		}
		return 1.0 + (t*t)/(w+w)
	}
	if ix < 0x40360000 { // |x| < 22
		t := crExp(ax)
		return 0.5*t + 0.5/t
	}
	if ix < 0x40862e42 {
		return 0.5 * crExp(ax)
	}
	if ax <= 7.10475860073943863426e+02 {
		w := crExp(0.5 * ax)
		t := 0.5 * w
		return t * w
	}
	return math.Inf(1)
}

// glibcTanh is fdlibm's tanh.
func glibcTanh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if math.IsNaN(x) {
			return x
		}
		return math.Copysign(1, x)
	}
	var z float64
	if ix < 0x40360000 { // |x| < 22
		if x == 0 {
			return x
		}
		if ix < 0x3c800000 { // |x| < 2^-55
			return x * (1.0 + x)
		}
		if ix >= 0x3ff00000 { // |x| >= 1
			t := math.Expm1(2.0 * math.Abs(x))
			z = 1.0 - 2.0/(t+2.0)
		} else {
			t := math.Expm1(-2.0 * math.Abs(x))
			z = -t / (t + 2.0)
		}
	} else {
		z = 1.0
	}
	if jx >= 0 {
		return z
	}
	return -z
}

// glibcLog10 is fdlibm's __ieee754_log10 (x > 0, finite).
func glibcLog10(x float64) float64 {
	const (
		two54     = 1.80143985094819840000e+16
		ivln10    = 4.34294481903251816668e-01
		log10_2hi = 3.01029995663611771306e-01
		log10_2lo = 3.69423907715893078616e-13
	)
	bits := math.Float64bits(x)
	hx := int32(bits >> 32)
	k := int32(0)
	if hx < 0x00100000 { // subnormal
		k -= 54
		x *= two54
		bits = math.Float64bits(x)
		hx = int32(bits >> 32)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) & 0x80000000 >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = math.Float64frombits(uint64(uint32(hx))<<32 | bits&0xffffffff)
	z := y*log10_2lo + ivln10*crLog(x)
	return z + y*log10_2hi
}
