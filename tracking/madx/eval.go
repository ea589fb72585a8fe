package madx

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// objKind tells what a name of the MAD-X database holds.
type objKind int

const (
	oVar  objKind = iota // variable
	oElem                // element (with its MAD-X class)
	oSeq                 // SEQUENCE
	oLine                // LINE
)

// attr is a stored value or, for a deferred (:=) definition that could
// not be evaluated when read, its expression, evaluated at each use as
// PyAT's StrParameter.
type attr struct {
	val  value
	expr node // non-nil: deferred
	file string
	line int
}

func (a *attr) isDeferred() bool { return a.expr != nil }

// seqEntry is one line of a SEQUENCE body, evaluated when the sequence is
// expanded.
type seqEntry struct {
	name string // key of the element or sequence
	text string
	args []arg
	file string
	line int
}

// object is an entry of the MAD-X database: variable, element, sequence
// or line (one namespace, as in MAD-X and PyAT).
type object struct {
	kind objKind
	name string // as written (element FamName)
	key  string
	file string
	line int
	// variable
	v *attr
	// element and sequence
	class string // MAD-X class of an element (origin in AT)
	attrs map[string]*attr
	// sequence
	entries []seqEntry
	// line
	items []lineItem
}

func (o *object) kindName() string {
	switch o.kind {
	case oVar:
		return "variable"
	case oElem:
		return "element"
	case oSeq:
		return "sequence"
	}
	return "line"
}

// clone returns a shallow copy of an element (attribute map copied).
func (o *object) clone() *object {
	c := *o
	c.attrs = make(map[string]*attr, len(o.attrs))
	for k, v := range o.attrs {
		c.attrs[k] = v
	}
	return &c
}

// undefError reports a name not (yet) defined.
type undefError struct {
	name string // key
	text string
	file string
	line int
}

func (e *undefError) Error() string {
	return fmt.Sprintf("%s:%d: %q is not defined", e.file, e.line, e.text)
}

// cycleError reports a deferred definition that refers to itself.
type cycleError struct{ path []string }

func (e *cycleError) Error() string {
	return fmt.Sprintf("deferred definitions refer to themselves: %s; break the cycle", strings.Join(e.path, " -> "))
}

// Constants are computed at run time in float64, as Python does (a Go
// constant expression would be exact, then rounded once).
var (
	cE6, cE3, cE9   = 1.0e+06, 1.0e-03, 1.0e-09
	madEmass        = cE3 * 0.51099895000 // GeV
	madPmass        = cE3 * 938.27208816  // GeV
	piF, twoF, c180 = math.Pi, 2.0, 180.0
	eradius         = 2.8179403262e-15
	hbarSI, qe      = 1.054571817e-34, 1.602176634e-19
)

const clight = 299792458.0

// constants are the MAD-X constants known to PyAT (scipy.constants,
// CODATA 2018).
var constants = map[string]value{
	"pi":     floatVal(piF),
	"e":      floatVal(math.E),
	"twopi":  floatVal(twoF * piF),
	"degrad": floatVal(c180 / piF),
	"raddeg": floatVal(piF / c180),
	"emass":  floatVal(madEmass),
	"pmass":  floatVal(madPmass),
	"nmass":  floatVal(cE3 * 939.56542052),
	"umass":  floatVal(cE3 * 931.49410242),
	"mumass": floatVal(cE3 * 105.6583755),
	"hbar":   floatVal(hbarSI / qe * cE9),
	"erad":   floatVal(eradius),
	"prad":   floatVal(eradius * madEmass / madPmass),
	"clight": floatVal(clight),
	"qelect": floatVal(qe),
	"true":   boolVal(true),
	"false":  boolVal(false),
}

// evaluator evaluates expressions against the database.
type evaluator struct {
	db *parser
	// stack of deferred definitions being evaluated, for cycle detection
	stack []string
	// cache holds the deferred values computed during one top-level
	// evaluation (nothing can change meanwhile), so that a := b + b;
	// b := c + c; ... costs linear time, not exponential.
	cache map[*attr]value
	// builtinsOnly makes names resolve to the builtin constants only.
	builtinsOnly bool
}

const maxEvalDepth = 5000

func (ev *evaluator) push(name string) error {
	for i, s := range ev.stack {
		if s == name {
			path := append(append([]string{}, ev.stack[i:]...), name)
			return &cycleError{path}
		}
	}
	if len(ev.stack) > maxEvalDepth {
		return fmt.Errorf("deferred definitions nested deeper than %d levels at %s", maxEvalDepth, name)
	}
	ev.stack = append(ev.stack, name)
	return nil
}

func (ev *evaluator) pop() {
	ev.stack = ev.stack[:len(ev.stack)-1]
	if len(ev.stack) == 0 {
		ev.cache = nil
	}
}

// attrValue returns the value of a stored attribute, evaluating a
// deferred expression; who names it for error messages.
func (ev *evaluator) attrValue(a *attr, who string) (value, error) {
	if !a.isDeferred() {
		return a.val, nil
	}
	if v, ok := ev.cache[a]; ok {
		return v, nil
	}
	if err := ev.push(who); err != nil {
		return value{}, err
	}
	if len(ev.stack) == 1 {
		ev.cache = map[*attr]value{}
	}
	defer ev.pop()
	v, err := ev.eval(a.expr, a.file)
	if err == nil {
		ev.cache[a] = v
	}
	if err != nil {
		var ue *undefError
		var ce *cycleError
		if errors.As(err, &ue) || errors.As(err, &ce) {
			return value{}, err
		}
		return value{}, fmt.Errorf("%s:%d: %s := %s: %w", a.file, a.line, who, a.expr, err)
	}
	return v, nil
}

// lookup resolves a name: database first (as PyAT's locals), then the
// builtin constants.
func (ev *evaluator) lookup(n *nameNode, file string) (value, error) {
	if o, ok := ev.db.objs[n.name]; ok && !ev.builtinsOnly {
		if o.kind == oVar {
			return ev.attrValue(o.v, o.name)
		}
		return value{kind: vObj, obj: o}, nil
	}
	if c, ok := constants[n.name]; ok {
		return c, nil
	}
	if ev.db.lenient != nil {
		ev.db.setDefault(n.name, n.text, file, n.line)
		return *ev.db.lenient, nil
	}
	return value{}, &undefError{name: n.name, text: n.text, file: file, line: n.line}
}

// elemAttr returns ELEM->ATTR.
func (ev *evaluator) elemAttr(o *object, attrName string, file string, line int) (value, error) {
	if o.kind == oVar {
		return value{}, fmt.Errorf("%s:%d: %s is a variable, not an element: %s->%s has no meaning", file, line, o.name, o.name, attrName)
	}
	if o.kind == oLine {
		return value{}, fmt.Errorf("%s:%d: %s is a LINE and has no attribute %s", file, line, o.name, attrName)
	}
	if a, ok := o.attrs[attrName]; ok {
		return ev.attrValue(a, o.name+"->"+attrName)
	}
	if attrName == "at" {
		return intVal(0), nil
	}
	if o.kind == oSeq && attrName == "l" {
		return intVal(0), nil
	}
	keys := make([]string, 0, len(o.attrs))
	for k := range o.attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return value{}, fmt.Errorf("%s:%d: %s %s has no attribute %s (it has: %s): define it or use another attribute", file, line, o.kindName(), o.name, attrName, strings.Join(keys, ", "))
}

// eval evaluates an expression with Python's numeric rules.
func (ev *evaluator) eval(n node, file string) (value, error) {
	switch x := n.(type) {
	case *numNode:
		return x.v, nil
	case *strNode:
		return strVal(x.s), nil
	case *nameNode:
		return ev.lookup(x, file)
	case *attrNode:
		o, ok := ev.db.objs[x.obj.name]
		if !ok {
			return value{}, &undefError{name: x.obj.name, text: x.obj.text, file: file, line: x.obj.line}
		}
		return ev.elemAttr(o, x.attr, file, x.obj.line)
	case *unaryNode:
		v, err := ev.eval(x.x, file)
		if err != nil {
			return value{}, err
		}
		if x.op == "-" {
			return negate(v)
		}
		if !v.isNumber() {
			return value{}, fmt.Errorf("unary + needs a number, got %s", v.describe())
		}
		if v.kind == vBool {
			return bigVal(v.bigOf()), nil
		}
		return v, nil
	case *binNode:
		l, err := ev.eval(x.l, file)
		if err != nil {
			return value{}, err
		}
		r, err := ev.eval(x.r, file)
		if err != nil {
			return value{}, err
		}
		v, err := arith(x.op, l, r)
		if err != nil {
			return value{}, fmt.Errorf("%s: %w", x, err)
		}
		return v, nil
	case *tupleNode:
		t := make([]value, len(x.items))
		for i, it := range x.items {
			v, err := ev.eval(it, file)
			if err != nil {
				return value{}, err
			}
			t[i] = v
		}
		return tupleVal(t), nil
	case *callNode:
		args := make([]value, len(x.args))
		for i, a := range x.args {
			v, err := ev.eval(a, file)
			if err != nil {
				return value{}, err
			}
			args[i] = v
		}
		v, err := callFunc(x.fn, args)
		if err != nil {
			return value{}, fmt.Errorf("%s:%d: %s: %w", file, x.line, x, err)
		}
		return v, nil
	}
	return value{}, fmt.Errorf("cannot evaluate %v", n)
}
