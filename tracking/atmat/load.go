package atmat

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atmat/internal/mat5"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// Options are the choices of PyAT's load_mat that gotrack supports.
type Options struct {
	// Use names the MATLAB variable holding the lattice (PyAT's use=).
	// Empty: the only variable of the file if it has one, else "RING".
	Use string
	// Energy, when positive, is the ring energy [eV] (PyAT's energy=): as
	// in PyAT it takes precedence over the energy found in the file, and
	// it is needed when the file has none.
	Energy float64
	// Warn receives PyAT's warnings (unknown class, passmethod and class
	// mismatch, inconsistent energies...), one line each; nil discards
	// them.
	Warn io.Writer
}

// Load reads the AT lattice of a MATLAB level 5 .mat file as PyAT's
// at.load_mat does (see Parse).
func Load(path string, opt Options) (*tracking.Lattice, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load MAT lattice: %w", err)
	}
	return Parse(data, path, opt)
}

// Read reads a .mat lattice from r; name is used in errors.
func Read(r io.Reader, name string, opt Options) (*tracking.Lattice, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read MAT lattice: %w", name, err)
	}
	return Parse(data, name, opt)
}

// Parse builds the lattice held in the MAT-file data as PyAT's
// at.load_mat does: each cell of the variable is a struct whose fields
// are the element attributes; the element class is found as PyAT's
// find_class does (Class field, FamName, PassMethod, contents), the
// attributes are converted as PyAT's element classes convert them, and
// the ring properties come from a RingParam element, the cavities and
// the dipoles (energy, particle, periodicity, harmonic number). name is
// used in errors. Bad input gives an error naming the file, the variable,
// the element and the attribute; it never panics.
func Parse(data []byte, name string, opt Options) (*tracking.Lattice, error) {
	f, err := mat5.Decode(data)
	if err != nil {
		if errors.Is(err, mat5.ErrHDF5) {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, fmt.Errorf("%s: not a readable MAT-file: %w", name, err)
	}
	v, err := chooseVar(f, opt.Use)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	where := fmt.Sprintf("%s: variable %s", name, v.Name)
	if v.Class != mat5.Cell {
		return nil, fmt.Errorf("%s: want a cell array of element structs, got a %s; store the lattice as a cell array (AT's RING)", where, v.Describe())
	}
	warn := func(format string, a ...any) {
		if opt.Warn != nil {
			fmt.Fprintf(opt.Warn, "%s: %s\n", where, fmt.Sprintf(format, a...))
		}
	}
	var elems []*built
	for idx, k := range cOrder(v.Dims) {
		cell := v.Cells[k]
		fail := func(attr, fam string, err error) error {
			return &tracking.ElementError{File: where, Index: idx, FamName: fam, Attr: attr, Err: err}
		}
		if cell.Class != mat5.Struct || cell.Len() != 1 {
			return nil, fail("", "", fmt.Errorf("want a 1x1 struct of attributes, got a %s", cell.Describe()))
		}
		d := pyatelem.NewDict[any]()
		for fi, fn := range cell.Fields {
			val, err := clean(cell.Values[0][fi])
			if err != nil {
				return nil, fail(fn, "", err)
			}
			d.Set(fn, val)
		}
		fam := famName(d)
		ewarn := func(format string, a ...any) {
			warn("element %d (%s): %s", idx, fam, fmt.Sprintf(format, a...))
		}
		b, err := elementFromDict(d, ewarn)
		if err != nil {
			var ae *attrError
			if errors.As(err, &ae) {
				return nil, fail(ae.Attr, fam, fmt.Errorf("%w", ae.Err))
			}
			return nil, fail("", fam, err)
		}
		elems = append(elems, b)
	}
	lat, err := ringProperties(elems, opt, warn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	lat.File = name
	return lat, nil
}

// chooseVar is PyAT's choice of the variable: use if given, else the
// only variable, else RING.
func chooseVar(f *mat5.File, use string) (*mat5.Array, error) {
	key := use
	if key == "" {
		if len(f.Vars) == 1 {
			key = f.Vars[0].Name
		} else {
			key = "RING"
		}
	}
	for i := len(f.Vars) - 1; i >= 0; i-- { // the last of equal names wins, as in scipy
		if f.Vars[i].Name == key {
			return f.Vars[i], nil
		}
	}
	names := make([]string, len(f.Vars))
	for i, v := range f.Vars {
		names[i] = v.Name
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, errors.New("the file holds no variable")
	}
	return nil, fmt.Errorf("variable %q does not exist; select one of [%s] (--use NAME on the command line, Options.Use in Go, PyAT's use=)", key, strings.Join(names, ", "))
}

// cOrder lists the column-major offsets of an array's elements in numpy's
// C order (the order of PyAT's .flat iteration).
func cOrder(dims []int) []int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	out := make([]int, 0, n)
	if n == 0 {
		return out
	}
	idx := make([]int, len(dims))
	for k := 0; k < n; k++ {
		off, stride := 0, 1
		for i, d := range dims {
			off += idx[i] * stride
			stride *= d
		}
		out = append(out, off)
		for i := len(dims) - 1; i >= 0; i-- { // last index fastest
			idx[i]++
			if idx[i] < dims[i] {
				break
			}
			idx[i] = 0
		}
	}
	return out
}
