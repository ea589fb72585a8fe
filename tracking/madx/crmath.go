package madx

import (
	"math"
	"math/big"
	"sync"
)

// Correctly rounded elementary functions.
//
// PyAT evaluates MAD-X expressions with Python's math module, i.e. glibc's
// libm, whose exp, log, sin, cos and atan return the correctly rounded
// result in practice (pow, tan, asin and acos nearly always). Go's math
// package may differ by one ulp. The functions below evaluate with
// math/big at workPrec bits (far more than the 53 of a float64) and round
// once, giving the correctly rounded result. glibc's sinh, cosh, tanh and
// log10 are not correctly rounded: fdlibm.go reproduces them.

const workPrec = 320

var (
	piOnce sync.Once
	bigPi  *big.Float // pi to piPrec bits, enough to reduce any float64
	bigLn2 *big.Float // ln 2 to workPrec+96 bits
)

const piPrec = 1500

func newF(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

// atanInv returns atan(1/n) by its Taylor series.
func atanInv(n int64, prec uint) *big.Float { return inverseSeries(n, prec, true) }

// atanhInv returns atanh(1/n) by its Taylor series.
func atanhInv(n int64, prec uint) *big.Float { return inverseSeries(n, prec, false) }

// inverseSeries sums x - x^3/3 + x^5/5 - ... (alternate: atan) or
// x + x^3/3 + x^5/5 + ... (atanh) for x = 1/n, to prec bits.
func inverseSeries(n int64, prec uint, alternate bool) *big.Float {
	x := newF(prec).Quo(newF(prec).SetInt64(1), newF(prec).SetInt64(n))
	x2 := newF(prec).Mul(x, x)
	sum := newF(prec).Set(x)
	term := newF(prec).Set(x)
	eps := newF(prec).SetMantExp(big.NewFloat(1), -int(prec)-8)
	for k := int64(1); ; k++ {
		term.Mul(term, x2)
		t := newF(prec).Quo(term, newF(prec).SetInt64(2*k+1))
		if alternate && k%2 == 1 {
			sum.Sub(sum, t)
		} else {
			sum.Add(sum, t)
		}
		if t.Cmp(eps) < 0 {
			break
		}
	}
	return sum
}

func initConsts() {
	piOnce.Do(func() {
		p := uint(piPrec + 32)
		a := atanInv(5, p)
		a.Mul(a, newF(p).SetInt64(16))
		b := atanInv(239, p)
		b.Mul(b, newF(p).SetInt64(4))
		bigPi = newF(piPrec).Sub(a, b)
		q := uint(workPrec + 96)
		bigLn2 = newF(q).Mul(atanhInv(3, q), newF(q).SetInt64(2))
	})
}

func pi(prec uint) *big.Float { initConsts(); return newF(prec).Set(bigPi) }

func round64(x *big.Float) float64 {
	f, _ := x.Float64()
	return f
}

// bigExp returns e^x at precision prec (|x| < 2^20).
func bigExp(x *big.Float, prec uint) *big.Float {
	initConsts()
	p := prec + 64
	xf, _ := x.Float64()
	k := math.Round(xf / math.Ln2)
	r := newF(p).Sub(newF(p).Set(x), newF(p).Mul(newF(p).Set(bigLn2), newF(p).SetFloat64(k)))
	const s = 20
	r.SetMantExp(r, -s)
	sum := newF(p).SetInt64(1)
	term := newF(p).SetInt64(1)
	eps := newF(p).SetMantExp(big.NewFloat(1), -int(p))
	for n := int64(1); n < 10000; n++ {
		term.Mul(term, r)
		term.Quo(term, newF(p).SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	for i := 0; i < s; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// bigLog returns ln x for x > 0 at precision prec.
func bigLog(x *big.Float, prec uint) *big.Float {
	initConsts()
	p := prec + 64
	m := newF(p)
	e := x.MantExp(m) // x = m 2^e, 0.5 <= m < 1
	if m.Cmp(big.NewFloat(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	one := newF(p).SetInt64(1)
	z := newF(p).Quo(newF(p).Sub(m, one), newF(p).Add(m, one))
	z2 := newF(p).Mul(z, z)
	sum := newF(p).Set(z)
	term := newF(p).Set(z)
	eps := newF(p).SetMantExp(big.NewFloat(1), -int(p))
	for k := int64(1); k < 100000 && z.Sign() != 0; k++ {
		term.Mul(term, z2)
		t := newF(p).Quo(term, newF(p).SetInt64(2*k+1))
		sum.Add(sum, t)
		if t.Sign() == 0 || new(big.Float).Abs(t).Cmp(eps) < 0 {
			break
		}
	}
	sum.SetMantExp(sum, 1)
	return sum.Add(sum, newF(p).Mul(newF(p).Set(bigLn2), newF(p).SetInt64(int64(e))))
}

// sinCosReduced returns sin r or cos r for |r| <= pi/4 by Taylor series.
func sinCosReduced(r *big.Float, prec uint, cos bool) *big.Float {
	p := prec + 32
	r2 := newF(p).Mul(r, r)
	var term *big.Float
	var k int64
	if cos {
		term = newF(p).SetInt64(1)
		k = 0
	} else {
		term = newF(p).Set(r)
		k = 1
	}
	sum := newF(p).Set(term)
	eps := newF(p).SetMantExp(big.NewFloat(1), -int(p)-8)
	if !cos {
		eps.Mul(eps, new(big.Float).Abs(r))
	}
	for i := 0; i < 100000; i++ {
		term.Mul(term, r2)
		term.Quo(term, newF(p).SetInt64((k+1)*(k+2)))
		term.Neg(term)
		k += 2
		sum.Add(sum, term)
		if term.Sign() == 0 || new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	return sum
}

// bigSinCos returns sin x (cos=false) or cos x of a float64.
func bigSinCos(x float64, cos bool) *big.Float {
	_, e := math.Frexp(x)
	if e < 0 {
		e = 0
	}
	p := uint(workPrec + e + 96)
	pi2 := pi(p)
	pi2.SetMantExp(pi2, -1) // pi/2
	bx := newF(p).SetFloat64(x)
	qf := newF(p).Quo(bx, pi2)
	qi, _ := qf.Int(nil)
	// round to nearest
	frac := newF(p).Sub(qf, newF(p).SetInt(qi))
	if frac.Cmp(big.NewFloat(0.5)) > 0 {
		qi.Add(qi, big.NewInt(1))
	} else if frac.Cmp(big.NewFloat(-0.5)) < 0 {
		qi.Sub(qi, big.NewInt(1))
	}
	r := newF(p).Sub(bx, newF(p).Mul(pi2, newF(p).SetInt(qi)))
	r = newF(workPrec + 64).Set(r)
	n := new(big.Int).And(qi, big.NewInt(3)).Int64()
	if cos {
		n++
	}
	var s *big.Float
	switch n & 3 {
	case 0:
		s = sinCosReduced(r, workPrec, false)
	case 1:
		s = sinCosReduced(r, workPrec, true)
	case 2:
		s = sinCosReduced(r, workPrec, false)
		s.Neg(s)
	default:
		s = sinCosReduced(r, workPrec, true)
		s.Neg(s)
	}
	return s
}

// bigAtan returns atan x at precision prec.
func bigAtan(x *big.Float, prec uint) *big.Float {
	p := prec + 64
	ax := newF(p).Abs(x)
	neg := x.Sign() < 0
	inv := false
	one := newF(p).SetInt64(1)
	if ax.Cmp(one) > 0 {
		ax.Quo(one, ax)
		inv = true
	}
	// halve the angle 5 times: atan t = 2 atan(t / (1 + sqrt(1 + t^2)))
	const halvings = 5
	for i := 0; i < halvings; i++ {
		s := newF(p).Mul(ax, ax)
		s.Add(s, one)
		s.Sqrt(s)
		s.Add(s, one)
		ax.Quo(ax, s)
	}
	x2 := newF(p).Mul(ax, ax)
	sum := newF(p).Set(ax)
	term := newF(p).Set(ax)
	eps := newF(p).SetMantExp(big.NewFloat(1), -int(p)-8)
	if ax.Sign() != 0 {
		eps.Mul(eps, ax)
	}
	for k := int64(1); k < 100000 && ax.Sign() != 0; k++ {
		term.Mul(term, x2)
		term.Neg(term)
		t := newF(p).Quo(term, newF(p).SetInt64(2*k+1))
		sum.Add(sum, t)
		if t.Sign() == 0 || new(big.Float).Abs(t).Cmp(eps) < 0 {
			break
		}
	}
	sum.SetMantExp(sum, halvings)
	if inv {
		h := pi(p)
		h.SetMantExp(h, -1)
		sum = newF(p).Sub(h, sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return sum
}

// crExp is the correctly rounded e^x (+Inf on overflow).
func crExp(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1) || x < -746:
		return 0
	case x > 710:
		return math.Inf(1)
	case x == 0:
		return 1
	}
	return round64(bigExp(newF(workPrec).SetFloat64(x), workPrec))
}

// crLog is the correctly rounded ln x for x > 0.
func crLog(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	return round64(bigLog(newF(workPrec).SetFloat64(x), workPrec))
}

// crSin is the correctly rounded sin x (x finite).
func crSin(x float64) float64 {
	if x == 0 || math.IsNaN(x) {
		return x
	}
	return round64(bigSinCos(x, false))
}

// crCos is the correctly rounded cos x (x finite).
func crCos(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return round64(bigSinCos(x, true))
}

// crTan is the correctly rounded tan x (x finite).
func crTan(x float64) float64 {
	if x == 0 || math.IsNaN(x) {
		return x
	}
	s := bigSinCos(x, false)
	c := bigSinCos(x, true)
	return round64(s.Quo(s, c))
}

// crAtan is the correctly rounded atan x.
func crAtan(x float64) float64 {
	switch {
	case x == 0 || math.IsNaN(x):
		return x
	case math.IsInf(x, 0):
		return round64(func() *big.Float {
			h := pi(workPrec)
			h.SetMantExp(h, -1)
			if x < 0 {
				h.Neg(h)
			}
			return h
		}())
	}
	return round64(bigAtan(newF(workPrec).SetFloat64(x), workPrec))
}

// bigAsin returns asin x for |x| <= 1.
func bigAsin(x float64) *big.Float {
	p := uint(workPrec + 64)
	bx := newF(p).SetFloat64(x)
	if math.Abs(x) == 1 {
		h := pi(p)
		h.SetMantExp(h, -1)
		if x < 0 {
			h.Neg(h)
		}
		return h
	}
	d := newF(p).Mul(bx, bx)
	d.Sub(newF(p).SetInt64(1), d)
	d.Sqrt(d)
	return bigAtan(d.Quo(bx, d), p)
}

// crAsin is the correctly rounded asin x for |x| <= 1.
func crAsin(x float64) float64 {
	if x == 0 || math.IsNaN(x) {
		return x
	}
	return round64(bigAsin(x))
}

// crAcos is the correctly rounded acos x for |x| <= 1.
func crAcos(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	if x == 1 {
		return 0
	}
	p := uint(workPrec + 64)
	h := pi(p)
	h.SetMantExp(h, -1)
	return round64(h.Sub(h, bigAsin(x)))
}

// crPow is the correctly rounded x^y for x > 0, x != 1, finite y.
func crPow(x, y float64) float64 {
	if y == 1 {
		return x
	}
	// integer exponents: exact power, rounded once
	if y == math.Trunc(y) && math.Abs(y) <= 1024 {
		n := int64(math.Abs(y))
		b := newF(uint(64 * (n + 1))).SetFloat64(x)
		r := newF(uint(64 * (n + 1))).SetInt64(1)
		for i := int64(0); i < n; i++ {
			r.Mul(r, b)
		}
		if y < 0 {
			q := newF(workPrec)
			q.Quo(newF(workPrec).SetInt64(1), r)
			return round64(q)
		}
		return round64(r)
	}
	t := y * math.Log2(x)
	if t > 1100 {
		return math.Inf(1)
	}
	if t < -1200 {
		return 0
	}
	p := uint(workPrec + 64)
	l := bigLog(newF(p).SetFloat64(x), p)
	l.Mul(l, newF(p).SetFloat64(y))
	return round64(bigExp(l, p))
}
