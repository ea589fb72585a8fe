package atm

import (
	"reflect"
	"testing"
)

// TestOdict checks the Python dict semantics used to build elements:
// setting an existing key keeps its position, setdefault does not
// overwrite, pop removes.
func TestOdict(t *testing.T) {
	d := newOdict()
	d.set("a", intVal(1))
	d.set("b", intVal(2))
	d.set("a", intVal(3))
	d.setdefault("b", intVal(4))
	d.setdefault("c", intVal(5))
	c := d.copy()
	if v, ok := d.pop("b"); !ok || v.i != 2 {
		t.Errorf("pop b: %v %v", v, ok)
	}
	if _, ok := d.pop("b"); ok {
		t.Error("b popped twice")
	}
	if !reflect.DeepEqual(d.keys, []string{"a", "c"}) || d.m["a"].i != 3 || d.m["c"].i != 5 {
		t.Errorf("keys %v values %v", d.keys, d.m)
	}
	if !reflect.DeepEqual(c.keys, []string{"a", "b", "c"}) {
		t.Errorf("copy keys %v", c.keys)
	}
}
