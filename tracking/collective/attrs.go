package collective

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// attrs reads the typed attributes of a collective element; errors are
// *AttrError naming the attribute (tracking adds the element).
type attrs struct {
	el         Element
	passMethod string
}

func (a attrs) int(name string, required bool) (int, error) {
	v, err := a.float(name, required)
	if err != nil {
		return 0, err
	}
	if v != math.Trunc(v) || math.Abs(v) > math.MaxInt32 {
		return 0, &AttrError{Attr: name, Err: fmt.Errorf("want an integer, got %v", v)}
	}
	return int(v), nil
}

func (a attrs) float(name string, required bool) (float64, error) {
	v, ok := a.el.Get(name)
	if !ok {
		if required {
			return 0, &AttrError{Attr: name, Err: fmt.Errorf("missing (required by %s)", a.passMethod)}
		}
		return 0, nil
	}
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	}
	return 0, &AttrError{Attr: name, Err: fmt.Errorf("want a number, got %s", attrval.Describe(v))}
}

// vec reads a vector attribute; n > 0 requires that length. A 1x n or n x
// 1 matrix is accepted as a vector.
func (a attrs) vec(name string, n int, required bool) ([]float64, error) {
	x, ok := a.el.Get(name)
	if !ok {
		if required {
			return nil, &AttrError{Attr: name, Err: fmt.Errorf("missing (required by %s)", a.passMethod)}
		}
		return nil, nil
	}
	var v []float64
	switch x := x.(type) {
	case []float64:
		v = x
	case float64:
		v = []float64{x}
	case [][]float64:
		for _, row := range x {
			v = append(v, row...)
		}
		if len(x) > 1 && len(x[0]) > 1 {
			return nil, &AttrError{Attr: name, Err: fmt.Errorf("want a vector, got %s", attrval.Describe(x))}
		}
	default:
		return nil, &AttrError{Attr: name, Err: fmt.Errorf("want a vector, got %s", attrval.Describe(x))}
	}
	if n > 0 && len(v) != n {
		return nil, &AttrError{Attr: name, Err: fmt.Errorf("want %d values, got %d", n, len(v))}
	}
	for i, x := range v {
		if !attrval.Finite(x) {
			return nil, &AttrError{Attr: name, Err: fmt.Errorf("value %d is %v", i, x)}
		}
	}
	return v, nil
}

// clight is the speed of light [m/s], PyAT's clight (tracking.C0).
const clight = 2.99792458e8
