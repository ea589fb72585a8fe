package atmat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking/atmat/internal/mat5"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
)

// ndarray is a numeric MATLAB array with its singleton dimensions
// removed (numpy's squeeze); data stays in column-major order.
type ndarray struct {
	dims    []int
	data    []float64
	logical bool // a MATLAB logical array: JSON true/false, as numpy writes it
}

// dict is a scalar MATLAB struct: its fields in file order.
type dict struct {
	keys []string
	vals []any
}

// clean turns a MATLAB array into the value PyAT's loader sees for one
// struct field (scipy.io.loadmat followed by PyAT's mclean): a string for
// char arrays (their first row), a scalar for a one-element array
// (float64, int64 for the integer classes, bool for logical), a dict for
// a scalar struct, and a squeezed ndarray otherwise.
func clean(a *mat5.Array) (any, error) {
	switch {
	case a.Class == mat5.Char:
		rows := a.Rows()
		if len(rows) == 0 || len(a.Runes) == 0 {
			return "", nil
		}
		return strings.TrimRight(rows[0], "\x00"), nil
	case a.Class == mat5.Cell:
		return nil, fmt.Errorf("a %s: cell arrays are not supported as attribute values; store a numeric array, a string or a struct", a.Describe())
	case a.Class == mat5.Struct:
		if a.Len() != 1 {
			return nil, fmt.Errorf("a %s: only scalar structs are supported as attribute values", a.Describe())
		}
		d := &dict{}
		for f, name := range a.Fields {
			v, err := clean(a.Values[0][f])
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", name, err)
			}
			d.keys = append(d.keys, name)
			d.vals = append(d.vals, v)
		}
		return d, nil
	case a.Class.Numeric():
		if a.Complex {
			return nil, fmt.Errorf("a %s: complex values are not supported (PyAT cannot save them either); store the real and imaginary parts separately", a.Describe())
		}
		if a.Len() == 1 {
			x := a.Real[0]
			switch {
			case a.Logical:
				return x != 0, nil
			case a.Class.Integer():
				return int64(x), nil
			}
			return x, nil
		}
		nd := &ndarray{data: a.Real, logical: a.Logical}
		for _, d := range a.Dims {
			if d != 1 {
				nd.dims = append(nd.dims, d)
			}
		}
		return nd, nil
	}
	return nil, fmt.Errorf("a %s is not supported", a.Describe())
}

// describe names the kind of a cleaned value for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case float64, int64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("the logical %v", x)
	case *ndarray:
		s := make([]string, len(x.dims))
		for i, d := range x.dims {
			s[i] = strconv.Itoa(d)
		}
		if len(s) == 1 {
			return "a vector of " + s[0] + " numbers"
		}
		return "a " + strings.Join(s, "x") + " array"
	case *dict:
		return "a struct"
	}
	return fmt.Sprintf("%T", v)
}

// toFloat is Python's float() on a cleaned value.
func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("want a number, got %s", describe(v))
}

// toInt is Python's int() on a cleaned value: floats are truncated
// toward zero.
func toInt(v any) (int64, error) {
	if i, ok := v.(int64); ok {
		return i, nil
	}
	f, err := toFloat(v)
	if err != nil {
		return 0, fmt.Errorf("want an integer, got %s", describe(v))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1<<62 {
		return 0, fmt.Errorf("want an integer, got %v", f)
	}
	return int64(f), nil
}

// flat returns the values of a numeric value in column-major order
// (numpy's reshape(-1, order="F") of the array PyAT builds); a vector
// already converted ([]float64) is its values.
func flat(v any) ([]float64, error) {
	switch x := v.(type) {
	case *ndarray:
		return append([]float64{}, x.data...), nil
	case []float64:
		return append([]float64{}, x...), nil
	case float64, int64, bool:
		f, _ := toFloat(x)
		return []float64{f}, nil
	}
	return nil, fmt.Errorf("want numbers, got %s", describe(v))
}

// convert applies one of PyAT's attribute conversions to a cleaned
// value.
func convert(c pyatelem.Conv, v any) (any, error) {
	switch c.Kind {
	case pyatelem.Float:
		return toFloat(v)
	case pyatelem.Int:
		return toInt(v)
	case pyatelem.IntMin0:
		i, err := toInt(v)
		if err == nil && i < 0 {
			err = errors.New("value must be greater or equal to 0")
		}
		return i, err
	case pyatelem.String:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("want a string, got %s", describe(v))
		}
		return s, nil
	case pyatelem.Vector:
		x, err := flat(v)
		if err == nil && c.N >= 0 && len(x) != c.N {
			err = fmt.Errorf("want %d numbers, got %s", c.N, describe(v))
		}
		return x, err
	case pyatelem.Matrix:
		return convMatrix(c.Rows, c.N, v)
	}
	return v, nil // Particle: kept as given
}

// convMatrix is _array(v, (rows, -1)) with cols columns, or any number of
// columns when cols < 0: the values are laid out in column-major order.
func convMatrix(rows, cols int, v any) (any, error) {
	x, err := flat(v)
	if err != nil {
		return nil, err
	}
	if cols >= 0 && len(x) != rows*cols || cols < 0 && len(x)%rows != 0 {
		want := fmt.Sprintf("a %dx%d matrix", rows, cols)
		if cols < 0 {
			want = fmt.Sprintf("%d rows", rows)
		}
		return nil, fmt.Errorf("want %s, got %s", want, describe(v))
	}
	n := len(x) / rows
	m := make([][]float64, rows)
	for i := range m {
		m[i] = make([]float64, n)
		for j := range m[i] {
			m[i][j] = x[i+j*rows]
		}
	}
	return m, nil
}

// attrValue turns a cleaned value that no conversion applies to into an
// attribute value as PyAT's JSON holds it: vectors as []float64, 2-D
// arrays as [][]float64 rows, higher ones and structs as JSON.
func attrValue(v any) (any, error) {
	switch x := v.(type) {
	case string, float64, int64:
		return x, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case *ndarray:
		switch {
		case x.logical && len(x.data) > 0:
			// numpy's bool lists: JSON true/false, which atjson keeps as
			// JSON
		case len(x.dims) == 1 || len(x.data) == 0 && (len(x.dims) == 0 || x.dims[0] == 0):
			return append([]float64{}, x.data...), nil
		case len(x.dims) == 2:
			m, n := x.dims[0], x.dims[1]
			rows := make([][]float64, m)
			for i := range rows {
				rows[i] = make([]float64, n)
				for j := range rows[i] {
					rows[i][j] = x.data[i+j*m]
				}
			}
			return rows, nil
		}
	}
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		return nil, err
	}
	return json.RawMessage(b.Bytes()), nil
}

// writeJSON writes a cleaned value as numpy's tolist() and PyAT's JSON
// encoder would.
func writeJSON(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case string:
		q, _ := json.Marshal(x)
		b.Write(q)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("value %v is not finite", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		b.WriteString(s)
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case bool:
		if x {
			b.WriteString("1")
		} else {
			b.WriteString("0")
		}
	case *dict:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			q, _ := json.Marshal(k)
			b.Write(q)
			b.WriteByte(':')
			if err := writeJSON(b, x.vals[i]); err != nil {
				return fmt.Errorf("field %s: %w", k, err)
			}
		}
		b.WriteByte('}')
	case *ndarray:
		// C-order nesting of a column-major array: index (i0, i1, ...)
		// is at i0 + d0*(i1 + d1*(...)).
		var rec func(level, off, stride int) error
		rec = func(level, off, stride int) error {
			b.WriteByte('[')
			for i := 0; i < x.dims[level]; i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				o := off + i*stride
				if level == len(x.dims)-1 && x.logical {
					b.WriteString(strconv.FormatBool(x.data[o] != 0))
				} else if level == len(x.dims)-1 {
					if err := writeJSON(b, x.data[o]); err != nil {
						return err
					}
				} else if err := rec(level+1, o, stride*x.dims[level]); err != nil {
					return err
				}
			}
			b.WriteByte(']')
			return nil
		}
		if len(x.dims) == 0 {
			b.WriteString("[]")
			return nil
		}
		return rec(0, 0, 1)
	default:
		return fmt.Errorf("cannot store %s", describe(v))
	}
	return nil
}
