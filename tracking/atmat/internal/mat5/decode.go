package mat5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// DataType is the type of a data element (the miXXX codes of the format).
type DataType = uint32

// The data types of a level 5 MAT-file.
const (
	TypeInt8       DataType = 1
	TypeUint8      DataType = 2
	TypeInt16      DataType = 3
	TypeUint16     DataType = 4
	TypeInt32      DataType = 5
	TypeUint32     DataType = 6
	TypeSingle     DataType = 7
	TypeDouble     DataType = 9
	TypeInt64      DataType = 12
	TypeUint64     DataType = 13
	TypeMatrix     DataType = 14
	TypeCompressed DataType = 15
	TypeUTF8       DataType = 16
	TypeUTF16      DataType = 17
	TypeUTF32      DataType = 18
)

// maxInflated bounds the size of one decompressed variable, so that a
// corrupted or hostile stream cannot exhaust memory.
const maxInflated = 1 << 28

// maxEmptyDim bounds the dimensions of an array with no elements.
const maxEmptyDim = 1 << 16

// maxDepth bounds the nesting of cells and structs.
const maxDepth = 64

// ErrHDF5 is returned (wrapped) for MAT 7.3 files.
var ErrHDF5 = errors.New("MAT 7.3 (HDF5) is not supported; save with -v7 in MATLAB")

// File is a decoded MAT-file.
type File struct {
	// Text is the descriptive text of the header, trailing blanks removed.
	Text string
	// BigEndian is true for a file written on a big-endian machine.
	BigEndian bool
	// Vars are the variables in file order.
	Vars []*Array
}

// Var returns the variable called name, or nil.
func (f *File) Var(name string) *Array {
	for _, v := range f.Vars {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Decode decodes a whole level 5 MAT-file held in data.
func Decode(data []byte) (*File, error) {
	if len(data) >= 4 && bytes.Equal(data[:4], []byte("\x89HDF")) ||
		len(data) >= 520 && bytes.Equal(data[512:516], []byte("\x89HDF")) {
		return nil, ErrHDF5
	}
	if len(data) < 128 {
		return nil, fmt.Errorf("%d bytes: too short for the 128-byte header of a MAT-file", len(data))
	}
	if !bytes.HasPrefix(data, []byte("MATLAB")) {
		return nil, errors.New("not a level 5 MAT-file (no \"MATLAB\" header text); MAT 4 files are not supported, save with -v7 in MATLAB")
	}
	var order binary.ByteOrder
	switch string(data[126:128]) {
	case "IM":
		order = binary.LittleEndian
	case "MI":
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("bad endian indicator %q at byte 126 (want \"IM\" or \"MI\")", data[126:128])
	}
	ver := order.Uint16(data[124:126])
	if ver == 0x0200 || bytes.Contains(data[:116], []byte("MAT-file, Platform")) && bytes.Contains(data[:20], []byte("7.3")) {
		return nil, ErrHDF5
	}
	if ver != 0x0100 {
		return nil, fmt.Errorf("unsupported MAT-file version 0x%04x (want 0x0100)", ver)
	}
	f := &File{Text: strings.TrimRight(string(data[:116]), " \x00"), BigEndian: order == binary.BigEndian}
	d := &decoder{order: order}
	rest := data[128:]
	off := 128
	for len(rest) > 0 {
		if len(rest) < 8 {
			return nil, fmt.Errorf("byte %d: %d trailing bytes, too few for a data element tag (truncated file?)", off, len(rest))
		}
		typ, _, body, next, err := d.tag(rest, true)
		if err != nil {
			return nil, fmt.Errorf("byte %d: %w", off, err)
		}
		var a *Array
		switch typ {
		case TypeCompressed:
			a, err = d.inflate(body)
		case TypeMatrix:
			a, err = d.matrix(body, 0)
		default:
			err = fmt.Errorf("top-level data element of type %d (want miMATRIX or miCOMPRESSED)", typ)
		}
		if err != nil {
			return nil, fmt.Errorf("variable %d at byte %d: %w", len(f.Vars)+1, off, err)
		}
		if a != nil {
			f.Vars = append(f.Vars, a)
		}
		off += len(rest) - len(next)
		rest = next
	}
	return f, nil
}

type decoder struct {
	order binary.ByteOrder
}

// tag reads the data element at the start of b and returns its type, its
// byte count, its data and what follows it (after padding to 8 bytes).
// Top-level compressed elements are not padded.
func (d *decoder) tag(b []byte, top bool) (typ uint32, n int, body, next []byte, err error) {
	if len(b) < 8 {
		return 0, 0, nil, nil, fmt.Errorf("%d bytes left, too few for a data element tag (truncated?)", len(b))
	}
	w := d.order.Uint32(b[:4])
	if w>>16 != 0 { // small data element: 2-byte count, 2-byte type, 4 data bytes
		typ, n = w&0xffff, int(w>>16)
		if n > 4 {
			return 0, 0, nil, nil, fmt.Errorf("small data element of %d bytes (at most 4)", n)
		}
		return typ, n, b[4 : 4+n], b[8:], nil
	}
	typ = w
	nb := uint64(d.order.Uint32(b[4:8]))
	if nb > uint64(len(b)-8) {
		return 0, 0, nil, nil, fmt.Errorf("data element of type %d claims %d bytes but only %d remain (truncated or corrupted file)", typ, nb, len(b)-8)
	}
	n = int(nb)
	body = b[8 : 8+n]
	end := 8 + n
	if !(top && typ == TypeCompressed) {
		if pad := (8 - n%8) % 8; end+pad <= len(b) {
			end += pad
		} else {
			end = len(b)
		}
	}
	return typ, n, body, b[end:], nil
}

func (d *decoder) inflate(body []byte) (*Array, error) {
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("compressed variable: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil {
		return nil, fmt.Errorf("compressed variable: %w (corrupted file?)", err)
	}
	if len(raw) > maxInflated {
		return nil, fmt.Errorf("compressed variable inflates to more than %d bytes", maxInflated)
	}
	typ, _, inner, _, err := d.tag(raw, false)
	if err != nil {
		return nil, fmt.Errorf("compressed variable: %w", err)
	}
	if typ != TypeMatrix {
		return nil, fmt.Errorf("compressed variable holds a data element of type %d (want miMATRIX)", typ)
	}
	return d.matrix(inner, 0)
}

// matrix decodes the body of an TypeMatrix element.
func (d *decoder) matrix(b []byte, depth int) (*Array, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("cells or structs nested more than %d deep", maxDepth)
	}
	if len(b) == 0 { // an empty TypeMatrix: MATLAB's [] in a cell
		return &Array{Class: Double, Dims: []int{0, 0}, Real: []float64{}}, nil
	}
	typ, n, flags, rest, err := d.tag(b, false)
	if err != nil {
		return nil, fmt.Errorf("array flags: %w", err)
	}
	if typ != TypeUint32 || n != 8 {
		return nil, fmt.Errorf("array flags: data element of type %d and %d bytes (want miUINT32, 8 bytes)", typ, n)
	}
	fw := d.order.Uint32(flags[:4])
	a := &Array{
		Class:   Class(fw & 0xff),
		Complex: fw&0x800 != 0,
		Global:  fw&0x400 != 0,
		Logical: fw&0x200 != 0,
	}
	if a.Class == Sparse {
		return nil, errors.New("sparse arrays are not supported; store the value as a full array (full() in MATLAB)")
	}
	if a.Class == Object {
		return nil, errors.New("MATLAB objects are not supported; store the value as a struct (struct() in MATLAB)")
	}
	if a.Class < Cell || a.Class > Uint64 || a.Class == 16 {
		return nil, fmt.Errorf("unknown array class %d", a.Class)
	}
	// dimensions
	typ, n, dims, rest, err := d.tag(rest, false)
	if err != nil {
		return nil, fmt.Errorf("dimensions: %w", err)
	}
	if typ != TypeInt32 || n%4 != 0 || n < 8 {
		return nil, fmt.Errorf("dimensions: data element of type %d and %d bytes (want miINT32, at least 2 values)", typ, n)
	}
	count := uint64(1)
	for i := 0; i < n; i += 4 {
		v := int32(d.order.Uint32(dims[i:]))
		if v < 0 {
			return nil, fmt.Errorf("dimension %d is negative (%d)", i/4+1, v)
		}
		a.Dims = append(a.Dims, int(v))
		count *= uint64(v)
		if count > math.MaxInt32 {
			count = math.MaxInt32 + 1 // saturate: any real array of this size is rejected below
		}
	}
	if count == 0 {
		// nothing bounds the other dimensions of an empty array by the
		// bytes read; bound them so that users of Dims stay cheap
		for i, v := range a.Dims {
			if v > maxEmptyDim {
				return nil, fmt.Errorf("dimension %d of an empty array is %d, more than %d (corrupted dimensions?)", i+1, v, maxEmptyDim)
			}
		}
	}
	// name
	typ, n, name, rest, err := d.tag(rest, false)
	if err != nil {
		return nil, fmt.Errorf("array name: %w", err)
	}
	if typ != TypeInt8 && typ != TypeUint8 {
		return nil, fmt.Errorf("array name: data element of type %d (want miINT8)", typ)
	}
	a.Name = string(name[:n])
	wrap := func(err error) error {
		if a.Name != "" {
			return fmt.Errorf("%q (%s): %w", a.Name, a.Describe(), err)
		}
		return fmt.Errorf("%s: %w", a.Describe(), err)
	}
	switch {
	case a.Class == Cell:
		// each member takes at least the 8 bytes of its tag
		if count > uint64(len(rest)/8) {
			return nil, wrap(fmt.Errorf("%d cells but only %d bytes remain (corrupted dimensions?)", count, len(rest)))
		}
		a.Cells = make([]*Array, count)
		for k := range a.Cells {
			typ, _, body, next, err := d.tag(rest, false)
			if err != nil {
				return nil, wrap(fmt.Errorf("cell %d: %w", k+1, err))
			}
			if typ != TypeMatrix {
				return nil, wrap(fmt.Errorf("cell %d: data element of type %d (want miMATRIX)", k+1, typ))
			}
			if a.Cells[k], err = d.matrix(body, depth+1); err != nil {
				return nil, wrap(fmt.Errorf("cell %d: %w", k+1, err))
			}
			rest = next
		}
	case a.Class == Struct:
		if err := d.structure(a, rest, count, depth); err != nil {
			return nil, wrap(err)
		}
	case a.Class == Char:
		if err := d.chars(a, rest, count); err != nil {
			return nil, wrap(err)
		}
	default:
		typ, _, body, next, err := d.tag(rest, false)
		if err != nil {
			return nil, wrap(fmt.Errorf("real part: %w", err))
		}
		if a.Real, err = d.numbers(typ, body, count); err != nil {
			return nil, wrap(fmt.Errorf("real part: %w", err))
		}
		if a.Complex {
			typ, _, body, _, err := d.tag(next, false)
			if err != nil {
				return nil, wrap(fmt.Errorf("imaginary part: %w", err))
			}
			if a.Imag, err = d.numbers(typ, body, count); err != nil {
				return nil, wrap(fmt.Errorf("imaginary part: %w", err))
			}
		}
	}
	return a, nil
}

func (d *decoder) structure(a *Array, rest []byte, count uint64, depth int) error {
	typ, n, fl, rest, err := d.tag(rest, false)
	if err != nil {
		return fmt.Errorf("field name length: %w", err)
	}
	if typ != TypeInt32 || n != 4 {
		return fmt.Errorf("field name length: data element of type %d and %d bytes (want miINT32, 1 value)", typ, n)
	}
	flen := int(int32(d.order.Uint32(fl)))
	if flen <= 0 || flen > 4096 {
		return fmt.Errorf("field name length %d out of range", flen)
	}
	typ, n, names, rest, err := d.tag(rest, false)
	if err != nil {
		return fmt.Errorf("field names: %w", err)
	}
	if typ != TypeInt8 && typ != TypeUint8 {
		return fmt.Errorf("field names: data element of type %d (want miINT8)", typ)
	}
	if n%flen != 0 {
		return fmt.Errorf("field names: %d bytes is not a multiple of the name length %d", n, flen)
	}
	for i := 0; i < n; i += flen {
		s := names[i : i+flen]
		if z := bytes.IndexByte(s, 0); z >= 0 {
			s = s[:z]
		}
		a.Fields = append(a.Fields, string(s))
	}
	nf := uint64(len(a.Fields))
	if nf == 0 {
		return nil
	}
	if count*nf > uint64(len(rest)/8) {
		return fmt.Errorf("%d elements of %d fields but only %d bytes remain (corrupted dimensions?)", count, nf, len(rest))
	}
	a.Values = make([][]*Array, count)
	for k := range a.Values {
		a.Values[k] = make([]*Array, nf)
		for f := range a.Fields {
			typ, _, body, next, err := d.tag(rest, false)
			if err != nil {
				return fmt.Errorf("element %d field %q: %w", k+1, a.Fields[f], err)
			}
			if typ != TypeMatrix {
				return fmt.Errorf("element %d field %q: data element of type %d (want miMATRIX)", k+1, a.Fields[f], typ)
			}
			if a.Values[k][f], err = d.matrix(body, depth+1); err != nil {
				return fmt.Errorf("element %d field %q: %w", k+1, a.Fields[f], err)
			}
			rest = next
		}
	}
	return nil
}

func (d *decoder) chars(a *Array, rest []byte, count uint64) error {
	typ, n, body, _, err := d.tag(rest, false)
	if err != nil {
		return fmt.Errorf("characters: %w", err)
	}
	// One rune per MATLAB character: MATLAB counts UTF-16 code units, so
	// characters outside the BMP are kept as surrogate pairs (see Rows).
	var r []rune
	switch typ {
	case TypeUTF8:
		if !utf8.Valid(body) {
			return errors.New("characters: invalid UTF-8")
		}
		for _, u := range utf16.Encode([]rune(string(body))) {
			r = append(r, rune(u))
		}
	case TypeUint8, TypeInt8: // one byte per character
		r = make([]rune, n)
		for i, c := range body {
			r[i] = rune(c)
		}
	case TypeUTF16, TypeUint16, TypeInt16:
		if n%2 != 0 {
			return fmt.Errorf("characters: %d bytes of UTF-16 (odd)", n)
		}
		r = make([]rune, n/2)
		for i := range r {
			r[i] = rune(d.order.Uint16(body[2*i:]))
		}
	case TypeUTF32, TypeUint32, TypeInt32:
		if n%4 != 0 {
			return fmt.Errorf("characters: %d bytes of UTF-32 (not a multiple of 4)", n)
		}
		for i := 0; i < n; i += 4 {
			c := rune(d.order.Uint32(body[i:]))
			if r1, r2 := utf16.EncodeRune(c); r1 != utf8.RuneError {
				r = append(r, r1, r2)
			} else {
				r = append(r, c)
			}
		}
	default:
		return fmt.Errorf("characters: data element of type %d (want miUTF8, miUTF16 or miUINT16)", typ)
	}
	if uint64(len(r)) != count {
		return fmt.Errorf("characters: %d characters for %d elements (corrupted dimensions?)", len(r), count)
	}
	a.Runes = r
	return nil
}

// numbers converts the data of a numeric element to float64.
func (d *decoder) numbers(typ uint32, b []byte, count uint64) ([]float64, error) {
	size := map[uint32]int{TypeInt8: 1, TypeUint8: 1, TypeInt16: 2, TypeUint16: 2, TypeInt32: 4, TypeUint32: 4,
		TypeSingle: 4, TypeDouble: 8, TypeInt64: 8, TypeUint64: 8}[typ]
	if size == 0 {
		return nil, fmt.Errorf("data element of type %d is not numeric", typ)
	}
	if uint64(len(b)) != count*uint64(size) {
		return nil, fmt.Errorf("%d bytes of data for %d values of %d bytes (corrupted dimensions?)", len(b), count, size)
	}
	out := make([]float64, count)
	o := d.order
	for i := range out {
		p := b[i*size:]
		switch typ {
		case TypeInt8:
			out[i] = float64(int8(p[0]))
		case TypeUint8:
			out[i] = float64(p[0])
		case TypeInt16:
			out[i] = float64(int16(o.Uint16(p)))
		case TypeUint16:
			out[i] = float64(o.Uint16(p))
		case TypeInt32:
			out[i] = float64(int32(o.Uint32(p)))
		case TypeUint32:
			out[i] = float64(o.Uint32(p))
		case TypeSingle:
			out[i] = float64(math.Float32frombits(o.Uint32(p)))
		case TypeDouble:
			out[i] = math.Float64frombits(o.Uint64(p))
		case TypeInt64:
			out[i] = float64(int64(o.Uint64(p)))
		case TypeUint64:
			out[i] = float64(o.Uint64(p))
		}
	}
	return out, nil
}
