package atm

// odict is an insertion-ordered map, with the Python dict operations that
// PyAT's element construction uses.
type odict struct {
	keys []string
	m    map[string]value
}

func newOdict() *odict { return &odict{m: map[string]value{}} }

func (d *odict) has(k string) bool { _, ok := d.m[k]; return ok }

func (d *odict) get(k string) (value, bool) { v, ok := d.m[k]; return v, ok }

// set sets k, keeping its position when it exists.
func (d *odict) set(k string, v value) {
	if _, ok := d.m[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.m[k] = v
}

func (d *odict) setdefault(k string, v value) {
	if !d.has(k) {
		d.set(k, v)
	}
}

func (d *odict) pop(k string) (value, bool) {
	v, ok := d.m[k]
	if !ok {
		return value{}, false
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

func (d *odict) copy() *odict {
	c := &odict{keys: append([]string(nil), d.keys...), m: make(map[string]value, len(d.m))}
	for k, v := range d.m {
		c.m[k] = v
	}
	return c
}
