package pyatelem

// Dict is an insertion-ordered map with the Python dict operations that
// PyAT's element construction uses (the keyword arguments of a
// constructor, the attributes of an element, the lattice parameters).
// The zero value is not usable: make one with NewDict.
type Dict[V any] struct {
	keys []string
	m    map[string]V
}

// NewDict returns an empty Dict.
func NewDict[V any]() *Dict[V] { return &Dict[V]{m: map[string]V{}} }

// Keys returns the keys in insertion order. The slice is the Dict's own:
// do not modify it, and copy it before changing the Dict while ranging.
func (d *Dict[V]) Keys() []string { return d.keys }

// Len is the number of keys.
func (d *Dict[V]) Len() int { return len(d.keys) }

// Has reports whether k is a key ("k in d").
func (d *Dict[V]) Has(k string) bool { _, ok := d.m[k]; return ok }

// Get returns the value of k and whether k is a key (d.get(k)).
func (d *Dict[V]) Get(k string) (V, bool) { v, ok := d.m[k]; return v, ok }

// At returns the value of k, or the zero value when k is not a key.
func (d *Dict[V]) At(k string) V { return d.m[k] }

// Set sets k (d[k] = v), keeping its position when it exists.
func (d *Dict[V]) Set(k string, v V) {
	if _, ok := d.m[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.m[k] = v
}

// SetDefault sets k only if it is not a key (d.setdefault(k, v)).
func (d *Dict[V]) SetDefault(k string, v V) {
	if !d.Has(k) {
		d.Set(k, v)
	}
}

// Pop removes k and returns its value (d.pop(k)); ok is false when k is
// not a key.
func (d *Dict[V]) Pop(k string) (v V, ok bool) {
	v, ok = d.m[k]
	if !ok {
		return v, false
	}
	delete(d.m, k)
	for i, kk := range d.keys {
		if kk == k {
			d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
			break
		}
	}
	return v, true
}

// Copy returns a shallow copy (d.copy()).
func (d *Dict[V]) Copy() *Dict[V] {
	c := &Dict[V]{keys: append([]string(nil), d.keys...), m: make(map[string]V, len(d.m))}
	for k, v := range d.m {
		c.m[k] = v
	}
	return c
}
