package madx

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// expander turns a SEQUENCE or LINE into AT elements.
type expander struct {
	p      *parser
	out    []*atElem
	drifts int
	depth  int
	work   int // elements and entries visited
}

const (
	maxNesting = 100
	// maxWork bounds the elements and sequence entries visited, so that
	// repetitions of repetitions cannot exhaust the memory.
	maxWork = 2_000_000
)

// lineSize counts the elements a LINE expands to (capped above maxWork),
// so that an oversized lattice fails before any work.
func (x *expander) lineSize(items []lineItem, depth int, memo map[string]int) int {
	if depth > maxNesting {
		return maxWork + 1 // reported as too deep by line()
	}
	n := 0
	for _, it := range items {
		var k int
		switch {
		case it.sub != nil:
			k = x.lineSize(it.sub, depth+1, memo)
		default:
			if m, ok := memo[it.name]; ok {
				k = m
				break
			}
			k = 1
			if o, ok := x.p.objs[it.name]; ok && o.kind == oLine {
				memo[it.name] = 0 // a loop is reported by line()
				k = x.lineSize(o.items, depth+1, memo)
				memo[it.name] = k
			}
		}
		if it.repeat > 0 && k > (maxWork+1)/it.repeat {
			return maxWork + 1
		}
		n += it.repeat * k
		if n > maxWork {
			return maxWork + 1
		}
	}
	return n
}

func (x *expander) tick(where string) error {
	x.work++
	if x.work > maxWork {
		return fmt.Errorf("%s: the lattice would have more than %d elements: check the repetitions", where, maxWork)
	}
	return nil
}

// instance returns the element or sequence of a sequence entry with the
// entry's arguments applied (elements are copied; sequences are updated
// in place, as PyAT does).
func (x *expander) instance(seq *object, en seqEntry) (*object, error) {
	o, ok := x.p.objs[en.name]
	if !ok {
		return nil, x.p.undefinedObject(en.name, en.text, fmt.Sprintf("%s:%d: in SEQUENCE %s", en.file, en.line, seq.name))
	}
	st := &stmt{file: en.file, line: en.line}
	switch o.kind {
	case oElem:
		inst := o.clone()
		if err := x.p.applyArgs(inst, st, en.args); err != nil {
			return nil, x.p.explain(err)
		}
		return inst, nil
	case oSeq:
		if err := x.p.applyArgs(o, st, en.args); err != nil {
			return nil, x.p.explain(err)
		}
		return o, nil
	}
	return nil, fmt.Errorf("%s:%d: in SEQUENCE %s: %s is a %s; a SEQUENCE holds elements and sequences", en.file, en.line, seq.name, o.name, o.kindName())
}

// fnum evaluates attribute k of o as a float (def when absent).
func (x *expander) fnum(o *object, k string, def float64) (float64, error) {
	a, ok := o.attrs[k]
	if !ok {
		return def, nil
	}
	v, err := x.p.ev.attrValue(a, o.name+"->"+k)
	if err != nil {
		return 0, x.p.explain(err)
	}
	f, err := v.toFloat()
	if err != nil {
		return 0, fmt.Errorf("%s:%d: %s->%s: %w", a.file, a.line, o.name, strings.ToUpper(k), err)
	}
	return f, nil
}

func (x *expander) str(o *object, k string) (string, bool, error) {
	a, ok := o.attrs[k]
	if !ok {
		return "", false, nil
	}
	v, err := x.p.ev.attrValue(a, o.name+"->"+k)
	if err != nil {
		return "", false, x.p.explain(err)
	}
	if v.kind == vStr {
		return v.s, true, nil
	}
	if v.kind == vObj {
		return v.obj.key, true, nil
	}
	return "", false, fmt.Errorf("%s:%d: %s->%s must be a name, got %s", a.file, a.line, o.name, strings.ToUpper(k), v.describe())
}

// fromAt returns the AT of the object named by FROM (PyAT: parser[from].at).
func (x *expander) fromAt(o *object) (float64, error) {
	frm, ok, err := x.str(o, "from")
	if err != nil || !ok {
		return 0, err
	}
	f, found := x.p.objs[normName(frm)]
	if !found || (f.kind != oElem && f.kind != oSeq) {
		return 0, fmt.Errorf("%s:%d: %s, FROM=%s: no element of that name; FROM must name an element defined with a label", o.attrs["from"].file, o.attrs["from"].line, o.name, frm)
	}
	return x.fnum(f, "at", 0)
}

var referOffset = map[string]float64{"entry": 1, "centre": 0, "exit": -1}

func (x *expander) refer(seq *object) (float64, error) {
	r, ok, err := x.str(seq, "refer")
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, nil
	}
	v, found := referOffset[r]
	if !found {
		return 0, fmt.Errorf("%s:%d: SEQUENCE %s, REFER=%s: REFER must be ENTRY, CENTRE or EXIT", seq.file, seq.line, seq.name, r)
	}
	return v, nil
}

type placed struct {
	entry, exit float64
	o           *object
}

// flatten lists the elements of a sequence and its sub-sequences with
// their entry and exit positions (PyAT's _Sequence.flatten).
func (x *expander) flatten(seq *object, offset, parentRefer float64, out *[]placed) error {
	x.depth++
	defer func() { x.depth-- }()
	if x.depth > maxNesting {
		return fmt.Errorf("%s:%d: SEQUENCE %s: sequences nested deeper than %d levels (does it contain itself?)", seq.file, seq.line, seq.name, maxNesting)
	}
	refer, err := x.refer(seq)
	if err != nil {
		return err
	}
	length, err := x.fnum(seq, "l", 0)
	if err != nil {
		return err
	}
	// reference point
	var orig float64
	refpos, hasRefpos, err := x.str(seq, "refpos")
	if err != nil {
		return err
	}
	if !hasRefpos {
		orig = 0.5 * (parentRefer - 1.0) * length
	} else {
		found := false
		for _, en := range seq.entries {
			if en.name == normName(refpos) {
				inst, err := x.instance(seq, en)
				if err != nil {
					return err
				}
				at, err := x.fnum(inst, "at", 0)
				if err != nil {
					return err
				}
				orig = -at
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("%s:%d: SEQUENCE %s: REFPOS %s is not in the sequence", seq.file, seq.line, seq.name, refpos)
		}
	}
	fa, err := x.fromAt(seq)
	if err != nil {
		return err
	}
	if _, ok := seq.attrs["from"]; ok {
		orig += fa
	}
	at, err := x.fnum(seq, "at", 0)
	if err != nil {
		return err
	}
	offset = offset + orig + at
	for _, en := range seq.entries {
		if err := x.tick(fmt.Sprintf("%s:%d", en.file, en.line)); err != nil {
			return err
		}
		inst, err := x.instance(seq, en)
		if err != nil {
			return err
		}
		if inst.kind == oSeq {
			if err := x.flatten(inst, offset, refer, out); err != nil {
				return err
			}
			continue
		}
		c := &elemCtx{ev: x.p.ev, o: inst}
		l, err := c.placeLength()
		if err != nil {
			return x.p.explain(err)
		}
		half := 0.5 * l
		at, err := x.fnum(inst, "at", 0)
		if err != nil {
			return err
		}
		pos := offset + refer*half + at
		if _, ok := inst.attrs["from"]; ok {
			fa, err := x.fromAt(inst)
			if err != nil {
				return err
			}
			pos += fa
		}
		*out = append(*out, placed{pos - half, pos + half, inst})
	}
	return nil
}

// drift inserts a drift of length dl when |dl| > 1e-5, as PyAT.
func (x *expander) drift(dl float64, next *object) {
	if math.Abs(dl) > 1.0e-5 {
		e := newAT(fmt.Sprintf("drift_%d", x.drifts), "DriftPass", "Drift", dl)
		e.attrs["origin"] = "drift"
		x.out = append(x.out, e)
		x.drifts++
		if dl < 0 {
			x.p.warnf("%s(%q) is overlapping by %v m", strings.ToUpper(next.class), next.name, -dl)
		}
	}
}

// sequence expands a SEQUENCE with drifts between the elements.
func (x *expander) sequence(seq *object) error {
	saved := x.drifts
	x.drifts = 0
	defer func() { x.drifts = saved }()
	seq.attrs["at"] = &attr{val: floatVal(0)}
	var pl []placed
	if err := x.flatten(seq, 0, 1, &pl); err != nil {
		return err
	}
	end := 0.0
	last := seq
	for _, q := range pl {
		x.drift(q.entry-end, q.o)
		end = q.exit
		last = q.o
		if err := x.element(q.o, false); err != nil {
			return err
		}
	}
	length, err := x.fnum(seq, "l", 0)
	if err != nil {
		return err
	}
	if last.kind == oSeq {
		last = &object{class: "sequence", name: seq.name}
	}
	x.drift(length-end, last)
	return nil
}

// element converts one element instance.
func (x *expander) element(o *object, reverse bool) error {
	c := &elemCtx{ev: x.p.ev, o: o}
	els, err := c.toAT()
	if err != nil {
		return x.p.explain(err)
	}
	if reverse {
		for i := len(els) - 1; i >= 0; i-- {
			els[i].swapFaces()
			x.out = append(x.out, els[i])
		}
		return nil
	}
	x.out = append(x.out, els...)
	return nil
}

// line expands a LINE (reverse: reflected).
func (x *expander) line(items []lineItem, reverse bool, where string) error {
	if x.depth == 0 && x.lineSize(items, 0, map[string]int{}) > maxWork {
		if err := x.tick(where); err != nil {
			return err
		}
		x.work = maxWork
		return x.tick(where)
	}
	x.depth++
	defer func() { x.depth-- }()
	if x.depth > maxNesting {
		return fmt.Errorf("%s: lines nested deeper than %d levels (does a LINE contain itself?)", where, maxNesting)
	}
	n := len(items)
	for k := 0; k < n; k++ {
		it := items[k]
		if reverse {
			it = items[n-1-k]
		}
		rev := reverse != it.reverse
		for r := 0; r < it.repeat; r++ {
			if err := x.tick(where); err != nil {
				return err
			}
			if it.sub != nil {
				if err := x.line(it.sub, rev, where); err != nil {
					return err
				}
				continue
			}
			o, ok := x.p.objs[it.name]
			if !ok {
				return x.p.undefinedObject(it.name, it.text, fmt.Sprintf("%s: in LINE", where))
			}
			var err error
			switch o.kind {
			case oElem:
				err = x.element(o, rev)
			case oLine:
				err = x.line(o.items, rev, fmt.Sprintf("%s:%d: LINE %s", o.file, o.line, o.name))
			case oSeq:
				err = x.sequence(o)
			default:
				err = fmt.Errorf("%s: %s is a variable, not an element or line", where, o.name)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// undefinedObject explains why name is not defined: a postponed
// definition waiting for another name, or no definition at all.
func (p *parser) undefinedObject(key, text, where string) error {
	for _, ps := range p.pending {
		if ps.st.label != "" && normName(ps.st.label) == key {
			return fmt.Errorf("%s: %s is not defined: its definition at %s was skipped because %s", where, text, ps.st.where(), p.reasonChain(ps.reason))
		}
	}
	return fmt.Errorf("%s: %s is not defined: define it before expanding the lattice", where, text)
}

// reasonChain follows the postponed statements down to the undefined name.
func (p *parser) reasonChain(r *undefError) string {
	seen := map[string]bool{}
	msg := ""
	for r != nil && r.name != "" && !seen[r.name] {
		seen[r.name] = true
		next := (*undefError)(nil)
		for _, ps := range p.pending {
			if (ps.st.label != "" && normName(ps.st.label) == r.name) || (ps.st.kind == sAssign && ps.st.attr == "" && ps.st.target == r.name) {
				msg += fmt.Sprintf("%s (%s:%d) waits for ", r.text, r.file, r.line)
				next = ps.reason
				break
			}
		}
		if next == nil {
			return msg + fmt.Sprintf("%s, used at %s:%d, is never defined: define it (for example %s = 0;)", r.text, r.file, r.line, r.text)
		}
		r = next
	}
	if r != nil && r.name == "" {
		return msg + r.text
	}
	return msg + "of a circular definition"
}

// explain turns an undefined-name error raised while building the lattice
// into a message that says how to fix it.
func (p *parser) explain(err error) error {
	var ue *undefError
	if errors.As(err, &ue) {
		return fmt.Errorf("%w: %s", err, "define it (MAD-X takes 0 for an undefined variable; PyAT fails as here; \"none = 0;\" in the file makes PyAT and this reader use 0)")
	}
	return err
}
