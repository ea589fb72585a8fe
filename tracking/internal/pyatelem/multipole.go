package pyatelem

import (
	"fmt"
	"slices"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// MaxOrderLimit bounds MaxOrder, so that a mistyped or corrupted one is
// an error rather than a huge allocation.
const MaxOrderLimit = 4096

// ConflictError is PyAT's AtError raised by a multipole constructor for
// contradictory strengths (a K argument that disagrees with PolynomB...).
// element_from_dict retries a Quadrupole without K and a Sextupole
// without H (see RetryWithout).
type ConflictError struct{ Msg string }

func (e *ConflictError) Error() string { return e.Msg }

// AttrError is an error about one attribute; the reader says where the
// attribute is.
type AttrError struct {
	Attr string
	Err  error
}

func (e *AttrError) Error() string { return e.Attr + ": " + e.Err.Error() }

// Unwrap returns the error about the attribute's value.
func (e *AttrError) Unwrap() error { return e.Err }

// RetryWithout is the positional strength that element_from_dict drops
// before building an element of class c again after a ConflictError
// ("K" for a Quadrupole, "H" for a Sextupole, "" for the others, which
// are not retried).
func RetryWithout(c *Class) string {
	switch c {
	case Quadrupole:
		return "K"
	case Sextupole:
		return "H"
	}
	return ""
}

// Strengths is the poly_b list that a magnet constructor passes to
// Multipole: [0.0, k] for a Dipole or Quadrupole, [0.0, 0.0, h] for a
// Sextupole.
func Strengths(c *Class, k float64) []float64 {
	if c.IsSub(Sextupole) {
		return []float64{0, 0, k}
	}
	return []float64{0, k}
}

// Polynoms are the multipole data of ThinMultipole.__init__: the
// positional poly_a and poly_b, and the PolynomA, PolynomB, K, H and
// MaxOrder keyword arguments (nil: not given), all converted to numbers.
type Polynoms struct {
	PolyA, PolyB             []float64
	KwPolynomA, KwPolynomB   []float64
	HasPolynomA, HasPolynomB bool
	K, H                     *float64
	MaxOrder                 *int64
}

// Init is ThinMultipole.__init__ for an element of class c named fam: a
// PolynomA or PolynomB keyword takes priority over poly_a or poly_b, which
// takes priority over K and H (conflicting non-zero data is a
// ConflictError, duplicate data a warning); MaxOrder defaults to the
// highest order given (at least the class's DefaultOrder); it returns
// the polynomials padded to MaxOrder+1 (or the default order+1) and
// MaxOrder, warning when MaxOrder truncates non-zero terms.
func (p Polynoms) Init(c *Class, fam string, warn func(format string, a ...any)) (pa, pb []float64, maxOrder int64, err error) {
	pa = p.check(c, fam, "PolynomA", p.PolyA, p.KwPolynomA, p.HasPolynomA, &err, warn)
	if err != nil {
		return nil, nil, 0, err
	}
	pb = p.check(c, fam, "PolynomB", p.PolyB, p.KwPolynomB, p.HasPolynomB, &err, warn)
	if err != nil {
		return nil, nil, 0, err
	}
	for _, s := range []struct {
		k     *float64
		index int
	}{{p.K, 1}, {p.H, 2}} {
		if s.k == nil {
			continue
		}
		k := *s.k
		vname := fmt.Sprintf("poly_b[%d]", s.index)
		if len(pb) <= s.index {
			return nil, nil, 0, &ConflictError{fmt.Sprintf("Element %s: Conflicting element data, 'K' (%s) in kwargs does not match positional argument '%s' (0.0).", fam, attrval.PyRepr(k), vname)}
		}
		if k != 0 && k != pb[s.index] {
			return nil, nil, 0, &ConflictError{fmt.Sprintf("Element %s: Conflicting element data, 'K' (%s) in kwargs does not match positional argument '%s' (%s).", fam, attrval.PyRepr(k), vname, attrval.PyRepr(pb[s.index]))}
		}
		warn("Element %s: Duplicate element data, both positional argument 'poly_b' and 'K' in kwargs passed.", fam)
	}
	deforder := max(c.DefaultOrder, len(pa)-1, len(pb)-1)
	maxOrder = int64(deforder)
	if p.MaxOrder != nil {
		maxOrder = *p.MaxOrder
	}
	if maxOrder > MaxOrderLimit {
		return nil, nil, 0, &AttrError{"MaxOrder", fmt.Errorf("%d is beyond any real magnet (gotrack reads up to %d; corrupted value?)", maxOrder, MaxOrderLimit)}
	}
	n := max(int(maxOrder), deforder) + 1
	for _, x := range []struct {
		name string
		p    *[]float64
	}{{"PolynomA", &pa}, {"PolynomB", &pb}} {
		v := pad(*x.p, n)
		for i := len(v) - 1; i > int(maxOrder) && i >= 0; i-- {
			if v[i] != 0 {
				warn("Some values of %s are truncated by MaxOrder=%d", x.name, maxOrder)
				break
			}
		}
		*x.p = v
	}
	return pa, pb, maxOrder, nil
}

// check is check_polynom.
func (p Polynoms) check(c *Class, fam, key string, arg, kw []float64, has bool, err *error, warn func(string, ...any)) []float64 {
	if !has {
		return arg
	}
	n := max(len(kw), len(arg))
	kv, av := pad(kw, n), pad(arg, n)
	argName := "poly_" + map[string]string{"PolynomA": "a", "PolynomB": "b"}[key]
	conflict := func(kname string, kval any, aname string, aval any) error {
		return &ConflictError{fmt.Sprintf("Element %s: Conflicting element data, '%s' (%v) in kwargs does not match positional argument '%s' (%v).", fam, kname, kval, aname, aval)}
	}
	switch {
	case c.IsSub(Dipole) || c.IsSub(Quadrupole):
		if key == "PolynomB" && av[1] != 0 && (len(kv) < 2 || av[1] != kv[1]) {
			*err = conflict("PolynomB", kv, "k", attrval.PyRepr(av[1]))
		}
	case c.IsSub(Sextupole):
		if key == "PolynomB" && av[2] != 0 && (len(kv) < 3 || av[2] != kv[2]) {
			*err = conflict("PolynomB", kv, "h", attrval.PyRepr(av[2]))
		}
	case slices.ContainsFunc(av, func(f float64) bool { return f != 0 }) && !slices.Equal(av, kv):
		*err = conflict(key, kv, argName, av)
	default:
		warn("Element %s: Duplicate element data, both positional argument '%s' and '%s' in kwargs passed.", fam, argName, key)
	}
	return kv
}

// pad returns x padded with zeros to length n (never shortened).
func pad(x []float64, n int) []float64 {
	out := make([]float64, max(n, len(x)))
	copy(out, x)
	return out
}

// KProperty is the K property of a Dipole or Quadrupole: PolynomB[1],
// 0 if PolynomB is shorter.
func KProperty(polynomB []float64) float64 {
	if len(polynomB) >= 2 {
		return polynomB[1]
	}
	return 0
}

// PopPolynoms pops the PolynomA, PolynomB, K, H and MaxOrder keyword
// arguments of a multipole constructor from kw, converted with the
// reader's functions (flat: numpy's float64 array flattened in Fortran
// order; num: float(); integer: int()). The positional PolyA and PolyB
// are left to the caller. A value that does not convert is an
// *AttrError naming the keyword.
func PopPolynoms[V any](kw *Dict[V], flat func(V) ([]float64, error), num func(V) (float64, error), integer func(V) (int64, error)) (Polynoms, error) {
	var p Polynoms
	for _, x := range []struct {
		key string
		dst *[]float64
		has *bool
	}{{"PolynomA", &p.KwPolynomA, &p.HasPolynomA}, {"PolynomB", &p.KwPolynomB, &p.HasPolynomB}} {
		if v, ok := kw.Pop(x.key); ok {
			f, err := flat(v)
			if err != nil {
				return p, &AttrError{x.key, err}
			}
			*x.dst, *x.has = f, true
		}
	}
	for _, x := range []struct {
		key string
		dst **float64
	}{{"K", &p.K}, {"H", &p.H}} {
		if v, ok := kw.Pop(x.key); ok {
			k, err := num(v)
			if err != nil {
				return p, &AttrError{x.key, err}
			}
			*x.dst = &k
		}
	}
	if v, ok := kw.Pop("MaxOrder"); ok {
		m, err := integer(v)
		if err != nil {
			return p, &AttrError{"MaxOrder", err}
		}
		p.MaxOrder = &m
	}
	return p, nil
}
