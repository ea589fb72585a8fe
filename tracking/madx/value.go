package madx

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// valKind is the Python type a value would have in PyAT's evaluator.
type valKind int

const (
	vInt   valKind = iota // Python int (exact)
	vFloat                // Python float
	vBool                 // True / False
	vTuple                // tuple: MAD-X array {a, b, ...}
	vStr                  // string attribute (FROM, REFER, PARTICLE...)
	vObj                  // an element, sequence or line used by name
)

// value is the result of evaluating a MAD-X expression with Python's
// numeric rules: integers stay exact, '/' is true division, mixed
// operations convert to float.
type value struct {
	kind valKind
	i    *big.Int
	f    float64
	b    bool
	tup  []value
	s    string
	obj  *object
}

func intVal(i int64) value      { return value{kind: vInt, i: big.NewInt(i)} }
func floatVal(f float64) value  { return value{kind: vFloat, f: f} }
func bigVal(i *big.Int) value   { return value{kind: vInt, i: i} }
func strVal(s string) value     { return value{kind: vStr, s: s} }
func tupleVal(t []value) value  { return value{kind: vTuple, tup: t} }
func boolVal(b bool) value      { return value{kind: vBool, b: b} }
func (v value) isNumber() bool  { return v.kind == vInt || v.kind == vFloat || v.kind == vBool }
func (v value) isIntLike() bool { return v.kind == vInt || v.kind == vBool }

// maxIntBits bounds exact integers so that 10^10^10 fails instead of
// exhausting the memory (Python would try).
const maxIntBits = 1 << 16

var errIntTooLarge = errors.New("integer too large to convert to float")

// bigOf returns the integer of an int or bool value.
func (v value) bigOf() *big.Int {
	if v.kind == vBool {
		if v.b {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	}
	return v.i
}

// toFloat converts a number as Python's float() does.
func (v value) toFloat() (float64, error) {
	switch v.kind {
	case vFloat:
		return v.f, nil
	case vInt, vBool:
		f, _ := new(big.Float).SetInt(v.bigOf()).Float64()
		if math.IsInf(f, 0) {
			return 0, errIntTooLarge
		}
		// big.Float.SetInt is exact (the precision grows to fit) and
		// Float64 rounds to nearest even, as Python's int.__float__.
		return f, nil
	}
	return 0, fmt.Errorf("want a number, got %s", v.describe())
}

// toInt converts a number as Python's int() does (floats truncate).
func (v value) toInt() (int64, error) {
	switch v.kind {
	case vInt, vBool:
		b := v.bigOf()
		if !b.IsInt64() {
			return 0, fmt.Errorf("integer %s out of range", b)
		}
		return b.Int64(), nil
	case vFloat:
		if math.IsNaN(v.f) || math.IsInf(v.f, 0) || math.Abs(v.f) >= 9.2e18 {
			return 0, fmt.Errorf("cannot convert %v to an integer", v.f)
		}
		return int64(v.f), nil
	}
	return 0, fmt.Errorf("want a number, got %s", v.describe())
}

func (v value) describe() string {
	switch v.kind {
	case vInt:
		return "integer " + v.i.String()
	case vFloat:
		return fmt.Sprintf("number %v", v.f)
	case vBool:
		return fmt.Sprintf("boolean %v", v.b)
	case vTuple:
		return fmt.Sprintf("array of %d values", len(v.tup))
	case vStr:
		return fmt.Sprintf("string %q", v.s)
	case vObj:
		return fmt.Sprintf("%s %s", v.obj.kindName(), v.obj.name)
	}
	return "value"
}

func (v value) String() string {
	switch v.kind {
	case vInt:
		return v.i.String()
	case vFloat:
		return fmt.Sprint(v.f)
	case vBool:
		return fmt.Sprint(v.b)
	case vTuple:
		s := make([]string, len(v.tup))
		for i, t := range v.tup {
			s[i] = t.String()
		}
		return "{" + strings.Join(s, ", ") + "}"
	case vStr:
		return v.s
	case vObj:
		return v.obj.name
	}
	return "?"
}

// arith applies a binary operator (+ - * / ^) with Python semantics.
func arith(op string, a, b value) (value, error) {
	if !a.isNumber() || !b.isNumber() {
		x := a
		if a.isNumber() {
			x = b
		}
		return value{}, fmt.Errorf("operator %s needs numbers, got %s", op, x.describe())
	}
	if a.isIntLike() && b.isIntLike() {
		x, y := a.bigOf(), b.bigOf()
		switch op {
		case "+":
			return bigVal(new(big.Int).Add(x, y)), nil
		case "-":
			return bigVal(new(big.Int).Sub(x, y)), nil
		case "*":
			if x.BitLen()+y.BitLen() > maxIntBits {
				return value{}, errIntTooLarge
			}
			return bigVal(new(big.Int).Mul(x, y)), nil
		case "/":
			if y.Sign() == 0 {
				return value{}, errors.New("division by zero")
			}
			f, _ := new(big.Rat).SetFrac(x, y).Float64()
			if math.IsInf(f, 0) {
				return value{}, errors.New("integer division result too large for a float")
			}
			return floatVal(f), nil
		case "^":
			if y.Sign() >= 0 {
				if x.CmpAbs(big.NewInt(1)) <= 0 {
					// 0, 1, -1 to a non-negative power
					odd := y.Bit(0) != 0
					switch {
					case x.Sign() == 0 && y.Sign() == 0:
						return intVal(1), nil
					case x.Sign() == 0:
						return intVal(0), nil
					case x.Sign() < 0 && odd:
						return intVal(-1), nil
					}
					return intVal(1), nil
				}
				if !y.IsInt64() || int64(x.BitLen())*y.Int64() > maxIntBits {
					return value{}, errIntTooLarge
				}
				return bigVal(new(big.Int).Exp(x, y, nil)), nil
			}
			// negative exponent: Python converts both to float
		}
	}
	x, err := a.toFloat()
	if err != nil {
		return value{}, err
	}
	y, err := b.toFloat()
	if err != nil {
		return value{}, err
	}
	switch op {
	case "+":
		return floatVal(x + y), nil
	case "-":
		return floatVal(x - y), nil
	case "*":
		return floatVal(x * y), nil
	case "/":
		if y == 0 {
			return value{}, errors.New("float division by zero")
		}
		return floatVal(x / y), nil
	case "^":
		r, err := pyPow(x, y)
		return floatVal(r), err
	}
	return value{}, fmt.Errorf("unknown operator %s", op)
}

// negate applies unary minus.
func negate(a value) (value, error) {
	switch a.kind {
	case vInt, vBool:
		return bigVal(new(big.Int).Neg(a.bigOf())), nil
	case vFloat:
		return floatVal(-a.f), nil
	}
	return value{}, fmt.Errorf("unary minus needs a number, got %s", a.describe())
}

// pyPow is Python's float.__pow__: special cases, then a correctly
// rounded pow.
func pyPow(x, y float64) (float64, error) {
	switch {
	case y == 0:
		return 1, nil
	case math.IsNaN(x):
		return x, nil
	case math.IsNaN(y):
		if x == 1 {
			return 1, nil
		}
		return y, nil
	case math.IsInf(y, 0) || math.IsInf(x, 0):
		return math.Pow(x, y), nil
	case x == 0:
		if y < 0 {
			return 0, errors.New("0.0 cannot be raised to a negative power")
		}
		if y == math.Trunc(y) && math.Mod(y, 2) != 0 {
			return x, nil
		}
		return 0, nil
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return 0, fmt.Errorf("negative number %v to the non-integer power %v gives a complex number", x, y)
		}
		neg = math.Mod(y, 2) != 0
		x = -x
	}
	if x == 1 {
		if neg {
			return -1, nil
		}
		return 1, nil
	}
	r := crPow(x, y)
	if math.IsInf(r, 0) {
		return 0, errors.New("numerical result out of range")
	}
	if neg {
		r = -r
	}
	return r, nil
}
