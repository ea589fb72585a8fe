package atjson

import (
	"encoding/json"
	"fmt"
	"math"
)

// nonFinite is how the reader keeps a NaN or Infinity token it met, so that
// the error can name the element and attribute.
type nonFinite string

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// describe names the JSON type of a value for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case float64, int64:
		return "a number"
	case string:
		return fmt.Sprintf("the string %q", x)
	case []float64:
		return fmt.Sprintf("an array of %d numbers", len(x))
	case [][]float64:
		cols := 0
		if len(x) > 0 {
			cols = len(x[0])
		}
		return fmt.Sprintf("a %dx%d matrix", len(x), cols)
	case nonFinite:
		return "the non-finite value " + string(x)
	case json.RawMessage:
		s := string(x)
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return "the JSON value " + s
	}
	return fmt.Sprintf("%T", v)
}
