// Package attrval holds what tracking, its AT JSON codec and its collective
// elements share about attribute values: the test of a finite number and the
// words that name a value's JSON type in error messages.
package attrval

import (
	"encoding/json"
	"fmt"
	"math"
)

// Finite reports whether x is neither NaN nor infinite.
func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Describe names the JSON type of an attribute value for error messages:
// "a number", "the string \"x\"", "an array of 4 numbers", "a 6x6 matrix",
// or the start of a raw JSON value.
func Describe(v any) string {
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
	case json.RawMessage:
		s := string(x)
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return "the JSON value " + s
	}
	return fmt.Sprintf("%T", v)
}
