package atm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// kind is the type of a value read from the file, as Python's eval (or
// numpy, for [...] arrays) gives it in PyAT's load_m.
type kind int

const (
	kInt    kind = iota // a literal without '.' or exponent: Python int
	kFloat              // any other number: Python float
	kBool               // true/false (MATLAB) or True/False (save_m)
	kString             // '...' or "..."
	kArray              // [...]: a numpy float64 array after squeeze
	kStruct             // struct('name',value,...): a Python dict
)

// value is a MATLAB literal, or an attribute value after PyAT's
// conversions.
type value struct {
	kind kind
	i    int64
	f    float64
	b    bool
	s    string
	// Arrays: ndim is 0, 1 or 2 (numpy's squeeze of the rows x cols
	// matrix written in the file); data holds rows*cols numbers row by
	// row.
	ndim       int
	rows, cols int
	data       []float64
	fields     []field
}

// field is one name/value pair of a struct.
type field struct {
	name string
	val  value
}

func intVal(i int64) value     { return value{kind: kInt, i: i} }
func floatVal(f float64) value { return value{kind: kFloat, f: f} }
func strVal(s string) value    { return value{kind: kString, s: s} }

// vecVal is a 1-D array.
func vecVal(x []float64) value {
	return value{kind: kArray, ndim: 1, rows: 1, cols: len(x), data: x}
}

// matVal is an array from a rows x cols matrix, squeezed as numpy does:
// 1x1 gives a 0-D array, 1xn or nx1 a 1-D array.
func matVal(rows, cols int, data []float64) value {
	v := value{kind: kArray, rows: rows, cols: cols, data: data}
	switch {
	case rows == 1 && cols == 1:
		v.ndim = 0
	case rows == 1 || cols == 1:
		v.ndim = 1
		v.rows, v.cols = 1, rows*cols
	default:
		v.ndim = 2
	}
	return v
}

// transpose returns the transposed array (MATLAB's postfix ').
func (v value) transpose() value {
	if v.kind != kArray || v.ndim < 2 {
		return v
	}
	d := make([]float64, len(v.data))
	for i := 0; i < v.rows; i++ {
		for j := 0; j < v.cols; j++ {
			d[j*v.rows+i] = v.data[i*v.cols+j]
		}
	}
	return value{kind: kArray, ndim: 2, rows: v.cols, cols: v.rows, data: d}
}

// fortranFlat returns the numbers of an array in column-major order, as
// numpy's reshape(..., order="F") reads them.
func (v value) fortranFlat() []float64 {
	if v.ndim < 2 {
		return append([]float64(nil), v.data...)
	}
	d := make([]float64, 0, len(v.data))
	for j := 0; j < v.cols; j++ {
		for i := 0; i < v.rows; i++ {
			d = append(d, v.data[i*v.cols+j])
		}
	}
	return d
}

// describe names the value for error messages.
func (v value) describe() string {
	switch v.kind {
	case kInt:
		return fmt.Sprintf("the integer %d", v.i)
	case kFloat:
		return "the number " + attrval.PyRepr(v.f)
	case kBool:
		if v.b {
			return "true"
		}
		return "false"
	case kString:
		return strconv.Quote(v.s)
	case kArray:
		switch v.ndim {
		case 0:
			return "the 1x1 array [" + attrval.PyRepr(v.data[0]) + "]"
		case 1:
			return fmt.Sprintf("a vector of %d numbers", len(v.data))
		}
		return fmt.Sprintf("a %dx%d matrix", v.rows, v.cols)
	}
	return "a struct"
}

// attr turns the value into a tracking.Attr value as atjson reads the
// JSON that PyAT writes for it: float64, int64, string, []float64,
// [][]float64, or json.RawMessage (booleans, structs).
func (v value) attr() any {
	switch v.kind {
	case kInt:
		return v.i
	case kFloat:
		return v.f
	case kString:
		return v.s
	case kArray:
		switch v.ndim {
		case 0:
			return v.data[0]
		case 1:
			return append([]float64{}, v.data...)
		}
		m := make([][]float64, v.rows)
		for i := range m {
			m[i] = append([]float64{}, v.data[i*v.cols:(i+1)*v.cols]...)
		}
		return m
	}
	var b bytes.Buffer
	v.writeJSON(&b)
	return json.RawMessage(b.Bytes())
}

// writeJSON writes the value as Python's json module writes it.
func (v value) writeJSON(b *bytes.Buffer) {
	switch v.kind {
	case kInt:
		b.WriteString(strconv.FormatInt(v.i, 10))
	case kFloat:
		b.WriteString(attrval.JSONFloat(v.f))
	case kBool:
		if v.b {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case kString:
		q, _ := json.Marshal(v.s)
		b.Write(q)
	case kArray:
		switch v.ndim {
		case 0:
			b.WriteString(attrval.JSONFloat(v.data[0]))
		case 1:
			writeJSONList(b, v.data)
		default:
			b.WriteByte('[')
			for i := 0; i < v.rows; i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				writeJSONList(b, v.data[i*v.cols:(i+1)*v.cols])
			}
			b.WriteByte(']')
		}
	case kStruct:
		b.WriteByte('{')
		for i, f := range v.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			q, _ := json.Marshal(f.name)
			b.Write(q)
			b.WriteString(": ")
			f.val.writeJSON(b)
		}
		b.WriteByte('}')
	}
}

func writeJSONList(b *bytes.Buffer, x []float64) {
	b.WriteByte('[')
	for i, f := range x {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(attrval.JSONFloat(f))
	}
	b.WriteByte(']')
}
