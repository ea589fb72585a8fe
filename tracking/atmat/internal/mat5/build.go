package mat5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
	"unicode/utf16"
)

// Builder composes level 5 MAT-files byte by byte, as MATLAB writes them;
// the tests of this package and of the lattice reader use it to make
// files of every kind, including corrupted ones.
type Builder struct {
	// Order is the byte order (nil: little endian).
	Order binary.ByteOrder
	// Compress writes each variable as an miCOMPRESSED element.
	Compress bool
	// Small writes data of at most 4 bytes in the small data element
	// format.
	Small bool
}

func (b Builder) order() binary.ByteOrder {
	if b.Order == nil {
		return binary.LittleEndian
	}
	return b.Order
}

// File returns a MAT-file: the header and the variables (miMATRIX
// elements, from Matrix and the helpers).
func (b Builder) File(vars ...[]byte) []byte {
	h := make([]byte, 128)
	copy(h, "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created by gotrack tests")
	for i := 64; i < 116; i++ {
		h[i] = ' '
	}
	b.order().PutUint16(h[124:], 0x0100)
	if b.order() == binary.BigEndian {
		copy(h[126:], "MI")
	} else {
		copy(h[126:], "IM")
	}
	out := h
	for _, v := range vars {
		if b.Compress {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(v)
			w.Close()
			tag := make([]byte, 8)
			b.order().PutUint32(tag, TypeCompressed)
			b.order().PutUint32(tag[4:], uint32(z.Len()))
			out = append(append(out, tag...), z.Bytes()...)
		} else {
			out = append(out, v...)
		}
	}
	return out
}

// Element returns a data element of type typ holding data, padded to 8
// bytes (or in the small format when enabled and data fits).
func (b Builder) Element(typ DataType, data []byte) []byte {
	o := b.order()
	if b.Small && len(data) <= 4 && typ != TypeMatrix {
		out := make([]byte, 8)
		o.PutUint32(out, uint32(len(data))<<16|typ)
		copy(out[4:], data)
		return out
	}
	out := make([]byte, 8, 8+len(data)+7)
	o.PutUint32(out, typ)
	o.PutUint32(out[4:], uint32(len(data)))
	out = append(out, data...)
	for len(out)%8 != 0 {
		out = append(out, 0)
	}
	return out
}

// Matrix returns an miMATRIX element: array flags (class and the flag
// bits 0x800 complex, 0x400 global, 0x200 logical), dimensions, name and
// the class-specific parts (already encoded elements).
func (b Builder) Matrix(name string, c Class, flags uint32, dims []int, parts ...[]byte) []byte {
	o := b.order()
	fl := make([]byte, 8)
	o.PutUint32(fl, uint32(c)|flags)
	dm := make([]byte, 4*len(dims))
	for i, d := range dims {
		o.PutUint32(dm[4*i:], uint32(int32(d)))
	}
	body := append(b.Element(TypeUint32, fl), b.Element(TypeInt32, dm)...)
	body = append(body, b.Element(TypeInt8, []byte(name))...)
	for _, p := range parts {
		body = append(body, p...)
	}
	return b.matrixElement(body)
}

func (b Builder) matrixElement(body []byte) []byte {
	out := make([]byte, 8)
	b.order().PutUint32(out, TypeMatrix)
	b.order().PutUint32(out[4:], uint32(len(body)))
	return append(out, body...)
}

// Numbers encodes values as data of type typ (any numeric type).
func (b Builder) Numbers(typ DataType, v ...float64) []byte {
	o := b.order()
	var data []byte
	for _, x := range v {
		var p [8]byte
		switch typ {
		case TypeInt8, TypeUint8:
			data = append(data, byte(int64(x)))
			continue
		case TypeInt16, TypeUint16:
			o.PutUint16(p[:], uint16(int64(x)))
			data = append(data, p[:2]...)
			continue
		case TypeInt32, TypeUint32:
			o.PutUint32(p[:], uint32(int64(x)))
		case TypeSingle:
			o.PutUint32(p[:], math.Float32bits(float32(x)))
		case TypeInt64:
			o.PutUint64(p[:], uint64(int64(x)))
		case TypeUint64:
			o.PutUint64(p[:], uint64(x))
		default:
			o.PutUint64(p[:], math.Float64bits(x))
		}
		if typ == TypeInt32 || typ == TypeUint32 || typ == TypeSingle {
			data = append(data, p[:4]...)
		} else {
			data = append(data, p[:8]...)
		}
	}
	return b.Element(typ, data)
}

// Double returns a real double array.
func (b Builder) Double(name string, dims []int, v ...float64) []byte {
	return b.Matrix(name, Double, 0, dims, b.Numbers(TypeDouble, v...))
}

// Scalar returns a 1x1 double.
func (b Builder) Scalar(name string, v float64) []byte {
	return b.Double(name, []int{1, 1}, v)
}

// Row returns a 1xN double row vector.
func (b Builder) Row(name string, v ...float64) []byte {
	return b.Double(name, []int{1, len(v)}, v...)
}

// Char returns a 1xN char array in UTF-16, as MATLAB writes it.
func (b Builder) Char(name, s string) []byte {
	u := utf16.Encode([]rune(s))
	data := make([]byte, 2*len(u))
	for i, c := range u {
		b.order().PutUint16(data[2*i:], c)
	}
	return b.Matrix(name, Char, 0, []int{1, len(u)}, b.Element(TypeUTF16, data))
}

// Cell returns a cell array of the given members (miMATRIX elements
// without names), in column-major order.
func (b Builder) Cell(name string, dims []int, members ...[]byte) []byte {
	return b.Matrix(name, Cell, 0, dims, members...)
}

// Struct returns a 1x1 struct; values are the fields' miMATRIX elements.
func (b Builder) Struct(name string, fields []string, values ...[]byte) []byte {
	return b.StructArray(name, []int{1, 1}, fields, values...)
}

// StructArray returns a struct array: values holds, element after element
// in column-major order, the value of each field.
func (b Builder) StructArray(name string, dims []int, fields []string, values ...[]byte) []byte {
	n := 1
	for _, f := range fields {
		n = max(n, len(f)+1)
	}
	n = (n + 7) / 8 * 8
	names := make([]byte, n*len(fields))
	for i, f := range fields {
		copy(names[i*n:], f)
	}
	fl := make([]byte, 4)
	b.order().PutUint32(fl, uint32(n))
	parts := append([][]byte{b.Element(TypeInt32, fl), b.Element(TypeInt8, names)}, values...)
	return b.Matrix(name, Struct, 0, dims, parts...)
}

// Elem returns an AT element: a 1x1 struct whose fields are given as
// name, value pairs, the values being numbers (float64), vectors
// ([]float64, as 1xN rows) or strings.
func (b Builder) Elem(pairs ...any) []byte {
	var fields []string
	var values [][]byte
	for i := 0; i+1 < len(pairs); i += 2 {
		f, _ := pairs[i].(string)
		fields = append(fields, f)
		switch v := pairs[i+1].(type) {
		case float64:
			values = append(values, b.Scalar("", v))
		case int:
			values = append(values, b.Scalar("", float64(v)))
		case []float64:
			values = append(values, b.Row("", v...))
		case string:
			values = append(values, b.Char("", v))
		case []byte:
			values = append(values, v)
		}
	}
	return b.Struct("", fields, values...)
}
