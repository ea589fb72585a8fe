package host

import (
	"math"
	"math/big"
)

// asinPrec is the precision in bits of asinLarge's Newton residual.
const asinPrec = 192

// asinLarge is arcsine for 0.5 <= |x| < 1, rounded to nearest from one
// Newton step on math.Asin's value y0: y = y0 + (x - sin y0)/cos y0, with
// sin y0 summed from its Taylor series at asinPrec bits. glibc's asin,
// which PyAT uses, is within half an ulp but for about one argument in a
// thousand, where math.Asin differs from it in a third of the arguments;
// the exact bends difference nearly equal arcsines, so each ulp shows.
// Arguments this large (angles above 30°) occur only for particles far
// from the design orbit, so the cost (a few microseconds) does not matter.
func asinLarge(x float64) float64 {
	y0 := math.Asin(x)
	if !(math.Abs(x) < 1) || math.IsNaN(y0) {
		return y0
	}
	bx := new(big.Float).SetPrec(asinPrec).SetFloat64(y0)
	x2 := new(big.Float).SetPrec(asinPrec).Mul(bx, bx)
	term := new(big.Float).SetPrec(asinPrec).Set(bx)
	sum := new(big.Float).SetPrec(asinPrec).Set(bx)
	div := new(big.Float).SetPrec(asinPrec)
	// |y0| <= pi/2: the terms fall below 2^-200 |y0| by k = 40.
	for k := 1; k <= 40; k++ {
		term.Mul(term, x2)
		term.Quo(term, div.SetInt64(int64(-(2*k)*(2*k+1))))
		sum.Add(sum, term)
	}
	r := new(big.Float).SetPrec(asinPrec).SetFloat64(x)
	r.Sub(r, sum)
	rf, _ := r.Float64()
	y := new(big.Float).SetPrec(asinPrec).SetFloat64(y0)
	y.Add(y, new(big.Float).SetPrec(asinPrec).SetFloat64(rf/math.Cos(y0)))
	v, _ := y.Float64()
	return v
}
