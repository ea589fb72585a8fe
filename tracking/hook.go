package tracking

import (
	"fmt"
	"path"
)

// Hook is a user function called during a run: before or after each turn,
// or before or after chosen elements. A hook sees the beam (see BeamView)
// and may change element attributes of the lattice with Element.Set or
// Delete (or change a PassMethod, or replace an element); changes take
// effect from the next pass of the changed element, on every backend. A
// value changed in place inside an attribute's slice is noticed only once
// the attribute is Set again. Collective elements read their attributes
// once per run. An error
// returned by a hook stops the run; Track's error then names the hook,
// the turn and the element.
type Hook struct {
	// Name identifies the hook in error messages.
	Name string
	// At is when the hook runs.
	At HookPoint
	// Elements and FamName select the elements of BeforeElement and
	// AfterElement hooks: by index, and/or by FamName pattern
	// (path.Match syntax, e.g. "QF*").
	Elements []int
	FamName  string
	// Func is the user function.
	Func func(ctx *HookContext) error
}

// selects reports whether the element hook applies to element i of lat.
func (h *Hook) selects(lat *Lattice, i int) (bool, error) {
	for _, k := range h.Elements {
		if k == i {
			return true, nil
		}
	}
	if h.FamName == "" {
		return false, nil
	}
	ok, err := path.Match(h.FamName, lat.Elements[i].FamName)
	if err != nil {
		return false, fmt.Errorf("hook %q: FamName pattern %q: %w", h.Name, h.FamName, err)
	}
	return ok, nil
}
