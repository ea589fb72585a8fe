package attrval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PyRepr formats f as Python's repr of a float: the shortest digits that
// round trip, fixed notation with a ".0" when integral for exponents
// -4..15, else scientific notation with a signed two-digit exponent
// (1e+16, 1.5e-05); nan, inf and -inf for the non-finite values.
func PyRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expS)
	if exp < -4 || exp >= 16 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s = strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// JSONFloat is Python json's spelling of a float: PyRepr, with NaN,
// Infinity and -Infinity for the non-finite values.
func JSONFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return PyRepr(f)
}
