package pyatelem

import (
	"reflect"
	"testing"
)

// TestDict checks the Python dict semantics used to build elements:
// setting an existing key keeps its position, SetDefault does not
// overwrite, Pop removes, Copy is independent.
func TestDict(t *testing.T) {
	d := NewDict[int]()
	d.Set("a", 1)
	d.Set("b", 2)
	d.Set("a", 3)
	d.SetDefault("b", 4)
	d.SetDefault("c", 5)
	c := d.Copy()
	if v, ok := d.Pop("b"); !ok || v != 2 {
		t.Errorf("pop b: %v %v", v, ok)
	}
	if _, ok := d.Pop("b"); ok {
		t.Error("b popped twice")
	}
	if !reflect.DeepEqual(d.Keys(), []string{"a", "c"}) || d.At("a") != 3 || d.At("c") != 5 || d.Len() != 2 {
		t.Errorf("keys %v values %v", d.Keys(), d.m)
	}
	if !reflect.DeepEqual(c.Keys(), []string{"a", "b", "c"}) || c.At("b") != 2 {
		t.Errorf("copy keys %v", c.Keys())
	}
	if _, ok := d.Get("zz"); ok || d.Has("zz") || d.At("zz") != 0 {
		t.Error("missing key found")
	}
}
