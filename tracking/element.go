package tracking

import (
	"encoding/json"
	"fmt"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// Element is one lattice element: its family name, passmethod and AT
// attributes in file order. Attributes other than FamName and PassMethod are
// kept in Attrs; unknown ones are preserved for writing back.
type Element struct {
	FamName    string
	PassMethod string
	Attrs      []Attr
	// Program is the user code of a programmable element (PassMethod
	// ProgrammablePass); it is not written to lattice files.
	Program *Programmable
	// gen counts the changes made through Set and Delete, so that a run
	// notices attributes changed by hooks without recompiling every time.
	gen uint64
}

// Get returns the value of attribute name and whether it exists.
func (e *Element) Get(name string) (any, bool) {
	for _, a := range e.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

// Set sets attribute name to v (see Attr for the allowed types), appending
// it when new.
func (e *Element) Set(name string, v any) {
	e.gen++
	for i := range e.Attrs {
		if e.Attrs[i].Name == name {
			e.Attrs[i].Value = v
			return
		}
	}
	e.Attrs = append(e.Attrs, Attr{name, v})
}

// Delete removes attribute name, if present.
func (e *Element) Delete(name string) {
	e.gen++
	for i := range e.Attrs {
		if e.Attrs[i].Name == name {
			e.Attrs = append(e.Attrs[:i], e.Attrs[i+1:]...)
			return
		}
	}
}

// Float returns a numeric attribute as float64. ok is false when the
// attribute is absent; err is set when it is present but not a number.
func (e *Element) Float(name string) (v float64, ok bool, err error) {
	a, ok := e.Get(name)
	if !ok {
		return 0, false, nil
	}
	switch x := a.(type) {
	case float64:
		return x, true, nil
	case int64:
		return float64(x), true, nil
	}
	return 0, true, fmt.Errorf("want a number, got %s", attrval.Describe(a))
}

// Length returns the element's Length attribute (0 when absent or not a
// number), as AT's tracking uses it for the ring length.
func (e *Element) Length() float64 {
	v, ok, err := e.Float("Length")
	if !ok || err != nil {
		return 0
	}
	return v
}

// Clone returns a deep copy of the element.
func (e *Element) Clone() *Element {
	c := &Element{FamName: e.FamName, PassMethod: e.PassMethod, Attrs: make([]Attr, len(e.Attrs)), Program: e.Program}
	for i, a := range e.Attrs {
		c.Attrs[i] = Attr{a.Name, cloneValue(a.Value)}
	}
	return c
}

func cloneValue(v any) any {
	switch x := v.(type) {
	case []float64:
		return append([]float64(nil), x...)
	case [][]float64:
		m := make([][]float64, len(x))
		for i := range x {
			m[i] = append([]float64(nil), x[i]...)
		}
		return m
	case json.RawMessage:
		return append(json.RawMessage(nil), x...)
	}
	return v
}
