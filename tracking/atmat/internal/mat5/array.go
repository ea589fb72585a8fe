package mat5

import (
	"fmt"
	"math"
	"unicode/utf16"
)

// Class is the MATLAB class of an array (the mxCLASS codes of the format).
type Class uint8

// The array classes of a level 5 MAT-file.
const (
	Cell   Class = 1
	Struct Class = 2
	Object Class = 3
	Char   Class = 4
	Sparse Class = 5
	Double Class = 6
	Single Class = 7
	Int8   Class = 8
	Uint8  Class = 9
	Int16  Class = 10
	Uint16 Class = 11
	Int32  Class = 12
	Uint32 Class = 13
	Int64  Class = 14
	Uint64 Class = 15
)

var classNames = map[Class]string{
	Cell: "cell", Struct: "struct", Object: "object", Char: "char", Sparse: "sparse",
	Double: "double", Single: "single", Int8: "int8", Uint8: "uint8", Int16: "int16",
	Uint16: "uint16", Int32: "int32", Uint32: "uint32", Int64: "int64", Uint64: "uint64",
}

// String returns MATLAB's name of the class ("double", "cell"...).
func (c Class) String() string {
	if s, ok := classNames[c]; ok {
		return s
	}
	return fmt.Sprintf("class(%d)", uint8(c))
}

// Numeric reports whether c is one of the numeric classes (double,
// single and the integer classes).
func (c Class) Numeric() bool { return c >= Double && c <= Uint64 }

// Integer reports whether c is one of the integer classes.
func (c Class) Integer() bool { return c >= Int8 && c <= Uint64 }

// Array is one decoded MATLAB array. Elements are held in MATLAB's
// column-major order: element (i, j) of an m×n array is at index i+j*m.
type Array struct {
	// Name is the variable name (empty inside cells and structs).
	Name string
	// Class is the MATLAB class; a logical array has Class Uint8 and
	// Logical set.
	Class   Class
	Logical bool
	Complex bool
	Global  bool
	// Dims are the dimensions, at least two.
	Dims []int
	// Real and Imag hold the values of a numeric or logical array
	// converted to float64 (Imag only when Complex).
	Real, Imag []float64
	// Runes holds the characters of a char array, one per element: UTF-16
	// code units, as MATLAB counts them (Rows joins surrogate pairs).
	Runes []rune
	// Cells holds the members of a cell array.
	Cells []*Array
	// Fields are the field names of a struct array, and Values[k][f] the
	// value of field f of element k (nil when there are no fields).
	Fields []string
	Values [][]*Array
}

// Len returns the number of elements (the product of Dims, saturated
// above 2^31).
func (a *Array) Len() int {
	n := uint64(1)
	for _, d := range a.Dims {
		n *= uint64(max(d, 0))
		if n > math.MaxInt32 {
			n = math.MaxInt32 + 1 // saturated, as the decoder counts
		}
	}
	return int(n)
}

// Rows returns the rows of a char array as strings: row i holds the
// characters (i, 0), (i, 1)... of the column-major data.
func (a *Array) Rows() []string {
	if a.Class != Char || len(a.Dims) == 0 {
		return nil
	}
	m := a.Dims[0]
	if m == 0 {
		return nil
	}
	n := len(a.Runes) / m
	rows := make([]string, m)
	for i := range rows {
		u := make([]uint16, n)
		for j := 0; j < n; j++ {
			u[j] = uint16(a.Runes[i+j*m])
		}
		rows[i] = string(utf16.Decode(u))
	}
	return rows
}

// Field returns field name of struct element k, or nil.
func (a *Array) Field(k int, name string) *Array {
	if k < 0 || k >= len(a.Values) {
		return nil
	}
	for f, n := range a.Fields {
		if n == name {
			return a.Values[k][f]
		}
	}
	return nil
}

// Describe gives the class and dimensions as MATLAB shows them
// ("1x6 double", "122x1 cell").
func (a *Array) Describe() string {
	s := ""
	for i, d := range a.Dims {
		if i > 0 {
			s += "x"
		}
		s += fmt.Sprint(d)
	}
	c := a.Class.String()
	if a.Logical {
		c = "logical"
	}
	if a.Complex {
		c = "complex " + c
	}
	return s + " " + c
}
