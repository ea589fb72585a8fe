package tracking

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// gwig is what AT's GWigSymplecticPass and GWigSymplecticRadPass read
// through the generic attribute table; Lw, Bmax, Nstep, Nmeth, NHharm,
// NVharm and the harmonic tables By and Bx are read by compileGwig.
var gwig = join(req("Length"), opt("Energy"), misalign)

// gwigEps is AT's GWIG_EPS: a harmonic's kz (in units of 2π/Lw) must
// exceed it in magnitude (AT's GWigCheckKz).
const gwigEps = 1e-6

// compileGwig reads a wiggler's scalars and harmonic tables into rec and
// the pool. The tables are AT's 6 x N arrays (row k, harmonic i; rows:
// unused, amplitude, kx/kw, ky/kw, kz/kw, phase), given as 6 rows of N
// values or as a flat column-major vector of 6N values; they are stored
// harmonic by harmonic, as AT's C code reads them. Errors name the
// attribute: a missing one, Lw or Nstep not positive, a table of the
// wrong size, a harmonic with kz = 0 (as AT refuses it).
func compileGwig(el *Element, rec *device.Element, pool *[]float64) error {
	var err error
	if rec.Lw, err = attrFloat(el, "Lw", true); err != nil {
		return err
	}
	if !(rec.Lw > 0) || math.IsInf(rec.Lw, 0) {
		return &ElementError{Attr: "Lw", Err: fmt.Errorf("the period must be positive and finite, got %v", rec.Lw)}
	}
	if rec.Bmax, err = attrFloat(el, "Bmax", true); err != nil {
		return err
	}
	ints := []struct {
		name string
		p    *int32
	}{{"Nstep", &rec.Nstep}, {"Nmeth", &rec.Nmeth}, {"NHharm", &rec.NHharm}, {"NVharm", &rec.NVharm}}
	for _, f := range ints {
		v, err := attrInt(el, f.name, true)
		if err != nil {
			return err
		}
		*f.p = int32(v)
	}
	if rec.Nstep < 1 {
		return &ElementError{Attr: "Nstep", Err: fmt.Errorf("must be at least 1, got %d", rec.Nstep)}
	}
	if rec.Method == device.GWigSymplecticPass && rec.Nmeth != 2 && rec.Nmeth != 4 {
		return &ElementError{Attr: "Nmeth", Err: fmt.Errorf("must be 2 or 4, got %d", rec.Nmeth)}
	}
	tables := []struct {
		name string
		n    int32
		off  *int32
	}{{"By", rec.NHharm, &rec.By}, {"Bx", rec.NVharm, &rec.Bx}}
	for _, t := range tables {
		if t.n < 0 {
			return &ElementError{Attr: map[string]string{"By": "NHharm", "Bx": "NVharm"}[t.name], Err: fmt.Errorf("must not be negative, got %d", t.n)}
		}
		h, err := gwigTable(el, t.name, int(t.n))
		if err != nil {
			return err
		}
		if t.n == 0 {
			continue
		}
		*t.off = int32(len(*pool))
		*pool = append(*pool, h...)
	}
	return nil
}

// gwigTable returns harmonic table name (required, as AT requires it
// even when empty) as 6n values, harmonic i at 6i..6i+5.
func gwigTable(el *Element, name string, n int) ([]float64, error) {
	v, ok := el.Get(name)
	if !ok {
		return nil, &ElementError{Attr: name, Err: fmt.Errorf("missing (required by %s)", el.PassMethod)}
	}
	fail := func(format string, a ...any) error {
		return &ElementError{Attr: name, Err: fmt.Errorf(format, a...)}
	}
	h := make([]float64, 6*n)
	switch x := v.(type) {
	case [][]float64:
		if len(x) != 6 {
			return nil, fail("want 6 rows (a 6 x %d table), got %d", n, len(x))
		}
		for k, row := range x {
			if len(row) != n {
				return nil, fail("want 6 rows of %d values (one per harmonic), row %d has %d", n, k, len(row))
			}
			for i, c := range row {
				h[6*i+k] = c
			}
		}
	case []float64:
		if len(x) != 6*n {
			return nil, fail("want 6 x %d = %d values, got %d", n, 6*n, len(x))
		}
		copy(h, x)
	default:
		return nil, fail("want a 6 x %d table, got %s", n, attrval.Describe(v))
	}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			if !attrval.Finite(h[6*i+k]) {
				return nil, fail("harmonic %d: value %d is %v", i, k, h[6*i+k])
			}
		}
		if math.Abs(h[6*i+4]) <= gwigEps {
			return nil, fail("harmonic %d has kz = %v; kz must be non-zero", i, h[6*i+4])
		}
	}
	return h, nil
}
