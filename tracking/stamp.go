package tracking

// elementStamp identifies the state of an element cheaply: a hook that
// changes attributes through Set or Delete, the PassMethod, or replaces
// the element changes its stamp.
type elementStamp struct {
	el     *Element
	gen    uint64
	method string
	nattr  int
}

func stamps(lat *Lattice, into []elementStamp) []elementStamp {
	into = into[:0]
	for _, e := range lat.Elements {
		into = append(into, elementStamp{e, e.gen, e.PassMethod, len(e.Attrs)})
	}
	return into
}
