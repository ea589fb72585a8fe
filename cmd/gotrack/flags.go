package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// countValue is the pflag.Value of a count flag (--particles, --turns),
// stored in an int. Besides plain integers it accepts underscores between
// digits ("10_000") and floating notation whose value is an exact whole
// number ("1e7", "2.5e3"); fractions ("1.5"), negative numbers and values
// beyond an int are refused. Zero is accepted: the command says what the
// least count is.
type countValue int

// newCountValue returns a countValue writing into p, set to def.
func newCountValue(def int, p *int) *countValue {
	*p = def
	return (*countValue)(p)
}

// String returns the count in decimal.
func (c *countValue) String() string { return strconv.Itoa(int(*c)) }

// Type is "int": the count is an int, which pflag's GetInt reads, and the
// help shows it as such.
func (c *countValue) Type() string { return "int" }

// Set parses s as a count (see countValue).
func (c *countValue) Set(s string) error {
	v, err := parseCount(s)
	if err != nil {
		return err
	}
	*c = countValue(v)
	return nil
}

// errCountSyntax is the message for a string that is no number at all.
var errCountSyntax = errors.New("not a count (write e.g. 1000, 10_000 or 1e6)")

// parseCount reads a non-negative whole number written as digits with
// optional underscores between them, an optional fraction and an optional
// decimal exponent, exactly: the decimal value must be whole and fit an
// int. It never goes through a float, so 9007199254740993 and
// 9.007199254740993e15 are the same exact count.
func parseCount(s string) (int, error) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	isDigit := func(j int) bool { return j >= 0 && j < len(s) && s[j] >= '0' && s[j] <= '9' }
	// digits reads a run of digits, skipping single underscores that
	// stand between two digits.
	digits := func() string {
		var b strings.Builder
		for i < len(s) {
			switch {
			case isDigit(i):
				b.WriteByte(s[i])
			case s[i] == '_' && isDigit(i-1) && isDigit(i+1):
			default:
				return b.String()
			}
			i++
		}
		return b.String()
	}
	whole := digits()
	var frac string
	if i < len(s) && s[i] == '.' {
		i++
		frac = digits()
	}
	if whole == "" && frac == "" {
		return 0, errCountSyntax
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		expNeg := false
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			expNeg = s[i] == '-'
			i++
		}
		e := digits()
		if e == "" {
			return 0, errCountSyntax
		}
		for _, d := range e {
			// Beyond a million the value is 0, a fraction or too
			// large whatever the exact exponent.
			exp = min(exp*10+int(d-'0'), 1_000_000)
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(s) {
		return 0, errCountSyntax
	}

	// The value is mant × 10^exp, mant without leading or trailing zeros.
	mant := strings.TrimLeft(whole+frac, "0")
	exp -= len(frac)
	for len(mant) > 0 && mant[len(mant)-1] == '0' {
		mant = mant[:len(mant)-1]
		exp++
	}
	tooLarge := fmt.Errorf("too large (at most %d)", math.MaxInt)
	var v uint64
	switch {
	case mant == "":
		v = 0
	case exp < 0:
		return 0, errors.New("not a whole number")
	case len(mant)+exp > 19:
		return 0, tooLarge
	default:
		// At most 19 digits: no overflow of a uint64.
		for _, d := range mant {
			v = v*10 + uint64(d-'0')
		}
		for range exp {
			v *= 10
		}
		if v > math.MaxInt {
			return 0, tooLarge
		}
	}
	if neg {
		return 0, errors.New("must not be negative")
	}
	return int(v), nil
}
