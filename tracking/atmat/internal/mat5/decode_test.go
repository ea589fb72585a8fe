package mat5

import (
	"encoding/binary"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// builders are the four layouts every hand-made file is tried in: little
// and big endian, compressed or not; the last two also use the small data
// element format.
var builders = map[string]Builder{
	"little":            {Order: binary.LittleEndian},
	"big":               {Order: binary.BigEndian},
	"little+zlib+small": {Order: binary.LittleEndian, Compress: true, Small: true},
	"big+zlib+small":    {Order: binary.BigEndian, Compress: true, Small: true},
}

func decodeOK(t *testing.T, data []byte) *File {
	t.Helper()
	f, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestDecodeNumeric: a 2x3 double in column-major order, the numeric
// classes stored in their own types and in smaller ones (MATLAB stores a
// double array of small integers as miUINT8), single precision, logical
// and complex arrays.
func TestDecodeNumeric(t *testing.T) {
	for lay, b := range builders {
		t.Run(lay, func(t *testing.T) {
			f := decodeOK(t, b.File(
				b.Double("A", []int{2, 3}, 1, 2, 3, 4, 5, 6.5),
				b.Matrix("u8asdouble", Double, 0, []int{1, 3}, b.Numbers(TypeUint8, 0, 7, 255)),
				b.Matrix("i8", Int8, 0, []int{1, 2}, b.Numbers(TypeInt8, -128, 127)),
				b.Matrix("u16", Uint16, 0, []int{1, 1}, b.Numbers(TypeUint16, 65535)),
				b.Matrix("i16", Int16, 0, []int{1, 1}, b.Numbers(TypeInt16, -32768)),
				b.Matrix("i32", Int32, 0, []int{1, 2}, b.Numbers(TypeInt32, -2147483648, 5)),
				b.Matrix("u32", Uint32, 0, []int{1, 1}, b.Numbers(TypeUint32, 4294967295)),
				b.Matrix("i64", Int64, 0, []int{1, 1}, b.Numbers(TypeInt64, -1<<53)),
				b.Matrix("u64", Uint64, 0, []int{1, 1}, b.Numbers(TypeUint64, 1<<60)),
				b.Matrix("s", Single, 0, []int{1, 1}, b.Numbers(TypeSingle, 0.1)),
				b.Matrix("L", Uint8, 0x200, []int{1, 3}, b.Numbers(TypeUint8, 1, 0, 1)),
				b.Matrix("Z", Double, 0x800, []int{1, 2}, b.Numbers(TypeDouble, 1, 2), b.Numbers(TypeDouble, -3, 4)),
			))
			want := map[string][]float64{
				"A": {1, 2, 3, 4, 5, 6.5}, "u8asdouble": {0, 7, 255}, "i8": {-128, 127}, "u16": {65535},
				"i16": {-32768}, "i32": {-2147483648, 5}, "u32": {4294967295}, "i64": {-1 << 53}, "u64": {1 << 60},
				"s": {float64(float32(0.1))}, "L": {1, 0, 1}, "Z": {1, 2},
			}
			if len(f.Vars) != len(want) {
				t.Fatalf("%d variables, want %d", len(f.Vars), len(want))
			}
			for name, w := range want {
				v := f.Var(name)
				if v == nil {
					t.Fatalf("variable %s missing", name)
				}
				if !reflect.DeepEqual(v.Real, w) {
					t.Errorf("%s = %v, want %v", name, v.Real, w)
				}
			}
			if a := f.Var("A"); !reflect.DeepEqual(a.Dims, []int{2, 3}) || a.Class != Double || a.Describe() != "2x3 double" {
				t.Errorf("A: dims %v class %v (%s)", a.Dims, a.Class, a.Describe())
			}
			if l := f.Var("L"); !l.Logical || l.Class != Uint8 {
				t.Errorf("L: logical %v class %v", l.Logical, l.Class)
			}
			if z := f.Var("Z"); !z.Complex || !reflect.DeepEqual(z.Imag, []float64{-3, 4}) {
				t.Errorf("Z: complex %v imag %v", z.Complex, z.Imag)
			}
			if f.BigEndian != (b.Order == binary.BigEndian) {
				t.Errorf("BigEndian = %v", f.BigEndian)
			}
		})
	}
}

// TestDecodeChars: UTF-16 with a character outside the BMP (a surrogate
// pair), UTF-8, UINT16 and a 2x3 char matrix read back as rows.
func TestDecodeChars(t *testing.T) {
	for lay, b := range builders {
		t.Run(lay, func(t *testing.T) {
			utf8 := []byte("QF1é")
			u16 := make([]byte, 6)
			for i, c := range "abc" {
				b.order().PutUint16(u16[2*i:], uint16(c))
			}
			// "ab","cd","ef" as a 3x2 matrix is stored column-major: a c e b d f
			m := make([]byte, 12)
			for i, c := range "acebdf" {
				b.order().PutUint16(m[2*i:], uint16(c))
			}
			f := decodeOK(t, b.File(
				b.Char("u16", "Bend 𝛼"),
				b.Matrix("u8", Char, 0, []int{1, 4}, b.Element(TypeUTF8, utf8)),
				b.Matrix("ui16", Char, 0, []int{1, 3}, b.Element(TypeUint16, u16)),
				b.Matrix("rows", Char, 0, []int{3, 2}, b.Element(TypeUTF16, m)),
				b.Matrix("empty", Char, 0, []int{0, 0}, b.Element(TypeUTF16, nil)),
			))
			for name, want := range map[string]string{"u16": "Bend 𝛼", "u8": "QF1é", "ui16": "abc"} {
				if got := f.Var(name).Rows()[0]; got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			if got := f.Var("rows").Rows(); !reflect.DeepEqual(got, []string{"ab", "cd", "ef"}) {
				t.Errorf("rows = %q", got)
			}
			if e := f.Var("empty"); len(e.Runes) != 0 || e.Rows() != nil {
				t.Errorf("empty char: %q", e.Runes)
			}
		})
	}
}

// TestDecodeNested: a cell holding a struct array whose fields hold a
// cell, a struct, an empty miMATRIX (MATLAB's [] in a cell) and a 0x0
// double.
func TestDecodeNested(t *testing.T) {
	for lay, b := range builders {
		t.Run(lay, func(t *testing.T) {
			inner := b.Struct("", []string{"x", "name"}, b.Scalar("", 2.5), b.Char("", "in"))
			sa := b.StructArray("", []int{1, 2}, []string{"c", "s"},
				b.Cell("", []int{1, 2}, b.Scalar("", 1), b.Char("", "two")), inner,
				b.matrixElement(nil), b.Double("", []int{0, 0}))
			f := decodeOK(t, b.File(b.Cell("RING", []int{2, 1}, sa, b.Scalar("", 9))))
			r := f.Var("RING")
			if r == nil || r.Class != Cell || len(r.Cells) != 2 {
				t.Fatalf("RING: %+v", r)
			}
			s := r.Cells[0]
			if s.Class != Struct || !reflect.DeepEqual(s.Fields, []string{"c", "s"}) || len(s.Values) != 2 {
				t.Fatalf("struct: class %v fields %v values %d", s.Class, s.Fields, len(s.Values))
			}
			c := s.Field(0, "c")
			if c.Class != Cell || c.Cells[0].Real[0] != 1 || string(c.Cells[1].Runes) != "two" {
				t.Errorf("cell field: %+v", c)
			}
			in := s.Field(0, "s")
			if in.Field(0, "x").Real[0] != 2.5 || string(in.Field(0, "name").Runes) != "in" {
				t.Errorf("struct field: %+v", in)
			}
			if e := s.Field(1, "c"); e.Len() != 0 || e.Class != Double {
				t.Errorf("empty miMATRIX: %s", e.Describe())
			}
			if e := s.Field(1, "s"); e.Len() != 0 || !reflect.DeepEqual(e.Dims, []int{0, 0}) {
				t.Errorf("0x0 double: %s", e.Describe())
			}
			if r.Cells[1].Real[0] != 9 {
				t.Errorf("second cell %v", r.Cells[1].Real)
			}
			if s.Field(5, "c") != nil || s.Field(0, "zz") != nil {
				t.Error("Field out of range should be nil")
			}
		})
	}
}

// TestDecodeReferenceFiles: PyAT's hmba.mat (compressed, little endian)
// decodes to the 122x1 cell RING of 1x1 structs, the first a RingParam.
func TestDecodeReferenceFiles(t *testing.T) {
	for name, n := range map[string]int{"hmba": 122, "dba": 145} {
		data, err := os.ReadFile("../../testdata/" + name + ".mat")
		if err != nil {
			t.Fatal(err)
		}
		f := decodeOK(t, data)
		r := f.Var("RING")
		if len(f.Vars) != 1 || r == nil || r.Describe() != "122x1 cell" && name == "hmba" || len(r.Cells) != n {
			t.Fatalf("%s: %d variables, RING %s", name, len(f.Vars), r.Describe())
		}
		for i, c := range r.Cells {
			if c.Class != Struct || c.Len() != 1 || c.Field(0, "FamName") == nil {
				t.Fatalf("%s: cell %d is %s", name, i, c.Describe())
			}
		}
		if !strings.HasPrefix(f.Text, "MATLAB 5.0 MAT-file") {
			t.Errorf("header text %q", f.Text)
		}
	}
}

// TestDecodeErrors: corrupted and unsupported inputs give errors that say
// what is wrong, and every truncation of valid files gives an error.
func TestDecodeErrors(t *testing.T) {
	b := Builder{}
	hdr := b.File()
	hdf := append([]byte(nil), hdr...)
	copy(hdf, "MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00")
	binary.LittleEndian.PutUint16(hdf[124:], 0x0200)
	badEndian := append([]byte(nil), hdr...)
	copy(badEndian[126:], "XX")
	hugeDims := b.File(b.Matrix("x", Double, 0, []int{1 << 30, 1 << 30}, b.Numbers(TypeDouble, 1)))
	hugeCell := b.File(b.Matrix("c", Cell, 0, []int{1 << 20, 1}))
	negDim := b.File(b.Matrix("x", Double, 0, []int{-1, 1}, b.Numbers(TypeDouble, 1)))
	short := b.File(b.Double("x", []int{1, 3}, 1, 2))
	claims := b.File(b.Double("x", []int{1, 1}, 1))
	binary.LittleEndian.PutUint32(claims[132:], 1<<31)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"not MAT", append([]byte("hello"), make([]byte, 200)...), "not a level 5 MAT-file"},
		{"HDF5", hdf, "MAT 7.3 (HDF5) is not supported; save with -v7 in MATLAB"},
		{"HDF5 signature", append(make([]byte, 512), []byte("\x89HDF\r\n\x1a\n")...), "MAT 7.3 (HDF5)"},
		{"endian", badEndian, "endian indicator"},
		{"sparse", b.File(b.Matrix("S", Sparse, 0, []int{3, 3})), "sparse arrays are not supported"},
		{"object", b.File(b.Matrix("O", Object, 0, []int{1, 1})), "objects are not supported"},
		{"huge dims", hugeDims, "corrupted dimensions"},
		{"huge cell", hugeCell, "corrupted dimensions"},
		{"negative dim", negDim, "negative"},
		{"data size", short, "corrupted dimensions"},
		{"element size", claims, "truncated or corrupted"},
		{"bad zlib", b.File(append([]byte{15, 0, 0, 0, 4, 0, 0, 0}, 1, 2, 3, 4)), "compressed variable"},
		{"top type", b.File(b.Element(TypeDouble, make([]byte, 8))), "want miMATRIX"},
	}
	for _, c := range cases {
		_, err := Decode(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
		if c.name == "HDF5" && !errors.Is(err, ErrHDF5) {
			t.Errorf("HDF5: error %v is not ErrHDF5", err)
		}
	}
	// Every truncation of a valid file (one per layout, and PyAT's file)
	// is an error, never a panic.
	ref, err := os.ReadFile("../../testdata/hmba.mat")
	if err != nil {
		t.Fatal(err)
	}
	files := [][]byte{ref}
	for _, b := range builders {
		files = append(files, b.File(b.Cell("RING", []int{1, 1}, b.Elem("FamName", "Q", "PolynomB", []float64{0, 1}))))
	}
	for fi, data := range files {
		step := 1
		if len(data) > 2000 {
			step = 7
		}
		for n := 0; n < len(data); n += step {
			if _, err := Decode(data[:n]); err == nil && n > 128 {
				t.Errorf("file %d truncated to %d of %d bytes: no error", fi, n, len(data))
			}
		}
	}
}

// TestDecodeDeepNesting: cells nested beyond maxDepth are an error, not
// a stack overflow.
func TestDecodeDeepNesting(t *testing.T) {
	b := Builder{}
	v := b.Scalar("", 1)
	for i := 0; i < maxDepth+5; i++ {
		v = b.Cell("", []int{1, 1}, v)
	}
	_, err := Decode(b.File(v))
	if err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("error %v", err)
	}
}
