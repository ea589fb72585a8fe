package tracking

import (
	"fmt"
	"strings"
)

// ElementError is an error about one element of a lattice: it names the
// file, the element index (0-based, as in PyAT), the FamName and, when the
// error is about one attribute, that attribute.
type ElementError struct {
	File    string
	Index   int
	FamName string
	Attr    string
	Err     error
}

// Error implements error.
func (e *ElementError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "element %d", e.Index)
	if e.FamName != "" {
		fmt.Fprintf(&b, " (%s)", e.FamName)
	}
	if e.Attr != "" {
		fmt.Fprintf(&b, ": attribute %s", e.Attr)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ElementError) Unwrap() error { return e.Err }
