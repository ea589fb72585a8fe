package atjson

import "github.com/gotrack/gotrack/tracking/internal/attrval"

// nonFinite is how the reader keeps a NaN or Infinity token it met, so that
// the error can name the element and attribute.
type nonFinite string

// describe names the JSON type of a value for error messages, a kept
// non-finite token included.
func describe(v any) string {
	if x, ok := v.(nonFinite); ok {
		return "the non-finite value " + string(x)
	}
	return attrval.Describe(v)
}
