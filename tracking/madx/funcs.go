package madx

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
)

var errDomain = errors.New("math domain error")
var errRange = errors.New("math range error")

// float1 are the one-argument functions on floats, with Python's errors.
var float1 = map[string]func(float64) (float64, error){
	"sqrt": func(x float64) (float64, error) {
		if x < 0 {
			return 0, errDomain
		}
		return math.Sqrt(x), nil
	},
	"exp": func(x float64) (float64, error) {
		r := crExp(x)
		if math.IsInf(r, 1) && !math.IsInf(x, 1) {
			return 0, errRange
		}
		return r, nil
	},
	"log": func(x float64) (float64, error) {
		if x <= 0 || math.IsInf(x, -1) {
			return 0, errDomain
		}
		return crLog(x), nil
	},
	"log10": func(x float64) (float64, error) {
		if x <= 0 || math.IsInf(x, -1) {
			return 0, errDomain
		}
		return glibcLog10(x), nil
	},
	"sin": func(x float64) (float64, error) {
		if math.IsInf(x, 0) {
			return 0, errDomain
		}
		return crSin(x), nil
	},
	"cos": func(x float64) (float64, error) {
		if math.IsInf(x, 0) {
			return 0, errDomain
		}
		return crCos(x), nil
	},
	"tan": func(x float64) (float64, error) {
		if math.IsInf(x, 0) {
			return 0, errDomain
		}
		return crTan(x), nil
	},
	"asin": func(x float64) (float64, error) {
		if math.Abs(x) > 1 {
			return 0, errDomain
		}
		return crAsin(x), nil
	},
	"acos": func(x float64) (float64, error) {
		if math.Abs(x) > 1 {
			return 0, errDomain
		}
		return crAcos(x), nil
	},
	"atan": func(x float64) (float64, error) { return crAtan(x), nil },
	"sinh": func(x float64) (float64, error) {
		r := glibcSinh(x)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) {
			return 0, errRange
		}
		return r, nil
	},
	"cosh": func(x float64) (float64, error) {
		r := glibcCosh(x)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) {
			return 0, errRange
		}
		return r, nil
	},
	"tanh": func(x float64) (float64, error) { return glibcTanh(x), nil },
	"erf":  func(x float64) (float64, error) { return math.Erf(x), nil },
	"erfc": func(x float64) (float64, error) { return math.Erfc(x), nil },
	// MAD-X functions that PyAT lacks
	"floor": func(x float64) (float64, error) { return math.Floor(x), nil },
	"ceil":  func(x float64) (float64, error) { return math.Ceil(x), nil },
	"round": func(x float64) (float64, error) { return math.Round(x), nil },
	"frac": func(x float64) (float64, error) {
		_, f := math.Modf(x)
		return f, nil
	},
	"sinc": func(x float64) (float64, error) {
		if math.Abs(x) < 1e-10 {
			return 1, nil
		}
		return crSin(x) / x, nil
	},
}

// callFunc calls a MAD-X function.
func callFunc(name string, args []value) (value, error) {
	if name == "abs" {
		if len(args) != 1 {
			return value{}, fmt.Errorf("abs takes 1 argument, got %d", len(args))
		}
		a := args[0]
		switch a.kind {
		case vInt, vBool:
			return bigVal(new(big.Int).Abs(a.bigOf())), nil
		case vFloat:
			return floatVal(math.Abs(a.f)), nil
		}
		return value{}, fmt.Errorf("abs needs a number, got %s", a.describe())
	}
	f, ok := float1[name]
	if !ok {
		names := []string{"abs"}
		for k := range float1 {
			names = append(names, k)
		}
		sort.Strings(names)
		return value{}, fmt.Errorf("unknown function %s: the known functions are %s", name, strings.Join(names, ", "))
	}
	if len(args) != 1 {
		return value{}, fmt.Errorf("%s takes 1 argument, got %d", name, len(args))
	}
	x, err := args[0].toFloat()
	if err != nil {
		return value{}, err
	}
	r, err := f(x)
	if err != nil {
		return value{}, err
	}
	return floatVal(r), nil
}
