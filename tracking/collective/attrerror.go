package collective

import "fmt"

// AttrError is an error about one attribute of a collective element;
// tracking turns it into a tracking.ElementError naming the element.
type AttrError struct {
	Attr string
	Err  error
}

// Error implements error.
func (e *AttrError) Error() string { return fmt.Sprintf("attribute %s: %v", e.Attr, e.Err) }

// Unwrap returns the underlying error.
func (e *AttrError) Unwrap() error { return e.Err }
