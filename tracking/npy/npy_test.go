package npy

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestNPYRoundTrip(t *testing.T) {
	cases := []struct {
		shape []int
		data  []float64
	}{
		{[]int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{[]int{5}, []float64{0, -1.5, math.Inf(1), math.NaN(), 5e-324}},
		{[]int{}, []float64{math.Pi}},
		{[]int{0, 6}, []float64{}},
		{[]int{3, 1, 2, 6}, make([]float64, 36)},
		{[]int{10000, 6}, make([]float64, 60000)}, // several chunks
	}
	for _, c := range cases {
		for i := range c.data {
			if c.data[i] == 0 {
				c.data[i] = float64(i)*0.25 - 7
			}
		}
		var b bytes.Buffer
		if err := Write(&b, c.shape, c.data); err != nil {
			t.Fatalf("shape %v: %v", c.shape, err)
		}
		hdr := b.Bytes()[:10+int(binary.LittleEndian.Uint16(b.Bytes()[8:10]))]
		if len(hdr)%64 != 0 || hdr[len(hdr)-1] != '\n' {
			t.Errorf("shape %v: header of %d bytes, last %q", c.shape, len(hdr), hdr[len(hdr)-1])
		}
		if b.Len() != len(hdr)+8*len(c.data) {
			t.Errorf("shape %v: file of %d bytes, want %d", c.shape, b.Len(), len(hdr)+8*len(c.data))
		}
		shape, data, err := ReadFloat64(&b)
		if err != nil {
			t.Fatalf("shape %v: %v", c.shape, err)
		}
		if !reflect.DeepEqual(shape, c.shape) {
			t.Errorf("shape %v read back as %v", c.shape, shape)
		}
		if len(data) != len(c.data) {
			t.Fatalf("shape %v: %d values read back, want %d", c.shape, len(data), len(c.data))
		}
		for i := range data {
			if math.Float64bits(data[i]) != math.Float64bits(c.data[i]) {
				t.Fatalf("shape %v: value %d is %v, want %v", c.shape, i, data[i], c.data[i])
			}
		}
	}
}

// The header bytes numpy 1.24 writes with np.save.
func TestNPYHeaderExact(t *testing.T) {
	pad := func(dict string) string {
		// np.save: 10 bytes of prefix, then the dict padded with spaces to
		// 127 bytes and a newline.
		return "\x93NUMPY\x01\x00\x76\x00" + dict + strings.Repeat(" ", 117-len(dict)) + "\n"
	}
	cases := []struct {
		shape []int
		data  any
		want  string
	}{
		{[]int{2, 3}, make([]float64, 6), pad("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }")},
		{[]int{5}, make([]float64, 5), pad("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }")},
		{[]int{}, []float64{1}, pad("{'descr': '<f8', 'fortran_order': False, 'shape': (), }")},
		{[]int{4}, make([]int64, 4), pad("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }")},
		{[]int{3}, make([]bool, 3), pad("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }")},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := Write(&b, c.shape, c.data); err != nil {
			t.Fatal(err)
		}
		if got := b.String()[:128]; got != c.want {
			t.Errorf("shape %v: header\n%q\nwant\n%q", c.shape, got, c.want)
		}
	}
	// np.save(f, np.zeros((2, 3))) in full, numpy 1.24.
	var b bytes.Buffer
	if err := Write(&b, []int{2, 3}, []float64{0, 0, 0, 0, 0, 1}); err != nil {
		t.Fatal(err)
	}
	want := pad("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }") +
		strings.Repeat("\x00", 40) + "\x00\x00\x00\x00\x00\x00\xf0\x3f"
	if b.String() != want {
		t.Errorf("file\n%q\nwant\n%q", b.String(), want)
	}
	// A header long enough to spill into a second 64-byte block, and the
	// growth-axis padding numpy adds for the first dimension.
	b.Reset()
	shape := []int{3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	if err := Write(&b, shape, make([]bool, 3)); err != nil {
		t.Fatal(err)
	}
	dict := "{'descr': '|b1', 'fortran_order': False, 'shape': (3" + strings.Repeat(", 1", 14) + "), }" + strings.Repeat(" ", 20)
	hl := 192 - 10
	wantH := "\x93NUMPY\x01\x00" + string([]byte{byte(hl), 0}) + dict + strings.Repeat(" ", hl-1-len(dict)) + "\n"
	if got := b.String()[:192]; got != wantH {
		t.Errorf("long header\n%q\nwant\n%q", got, wantH)
	}
}

func TestNPYWriteTypes(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, []int{3}, []int64{-1, 0, 1 << 40}); err != nil {
		t.Fatal(err)
	}
	d := b.Bytes()[128:]
	if len(d) != 24 || int64(binary.LittleEndian.Uint64(d)) != -1 || binary.LittleEndian.Uint64(d[16:]) != 1<<40 {
		t.Errorf("int64 data %x", d)
	}
	b.Reset()
	if err := Write(&b, []int{2}, []bool{true, false}); err != nil {
		t.Fatal(err)
	}
	if d := b.Bytes()[128:]; !bytes.Equal(d, []byte{1, 0}) {
		t.Errorf("bool data %x", d)
	}
	if err := Write(&b, []int{2, 2}, []float64{1, 2, 3}); err == nil {
		t.Error("no error for a shape that does not match the data")
	}
	if err := Write(&b, []int{2}, []float32{1, 2}); err == nil {
		t.Error("no error for []float32")
	}
}

func TestNPYErrors(t *testing.T) {
	good := func(shape []int, data any) []byte {
		var b bytes.Buffer
		if err := Write(&b, shape, data); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	f := good([]int{2, 3}, make([]float64, 6))
	f4 := npyVariant(t, "<f4", true, []int{2, 3}, make([]float64, 6))
	retype := func(descr string) []byte {
		return bytes.Replace(f, []byte("'<f8'"), []byte(descr), 1)
	}
	// A header claiming 72 TB of data on a stream of 48 bytes.
	huge := bytes.Replace(f, []byte("(2, 3), }"), []byte("(999999999999, 9), }"), 1)
	binary.LittleEndian.PutUint16(huge[8:], uint16(118+11))
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "not a .npy file"},
		{"bad magic", append([]byte("\x93NUMPX"), f[6:]...), "bad magic"},
		{"text", []byte("x,px,y\n1,2,3\n"), "bad magic"},
		{"int64", good([]int{3}, make([]int64, 3)), `dtype "<i8"`},
		{"bool", good([]int{3}, make([]bool, 3)), `dtype "|b1"`},
		{"complex", retype("'<c16'"), `dtype "<c16"`},
		{"half", retype("'<f2'"), `dtype "<f2"`},
		{"unsigned", retype("'>u8'"), `dtype ">u8"`},
		{"no byte order", retype("'f8' "), `dtype "f8"`},
		{"bytes order", retype("'|f8'"), `dtype "|f8"`},
		{"structured", retype("[('x', '<f8')]"), "structured"},
		{"truncated data", f[:len(f)-3], "truncated"},
		{"truncated float32", f4[:len(f4)-5], "needs 6 values, found 4"},
		{"no data", f[:128], "truncated"},
		{"truncated header", f[:60], "header"},
		{"huge claim", huge, "truncated"},
		{"version", append(append([]byte(nil), f[:6]...), append([]byte{9, 0}, f[8:]...)...), "version 9.0"},
		{"not a dict", append(append([]byte(nil), f[:10]...), bytes.Repeat([]byte(" "), 118)...), "not a dict"},
	}
	for _, c := range cases {
		_, _, err := ReadFloat64(bytes.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not mention %q", c.name, err, c.want)
		}
	}
}

func TestNPYFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.npy")
	want := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	if err := Save(p, []int{2, 6}, want); err != nil {
		t.Fatal(err)
	}
	shape, got, err := LoadFloat64(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shape, []int{2, 6}) || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %v %v", shape, got)
	}
	q := filepath.Join(dir, "b.npy")
	if err := Save(q, []int{2}, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadFloat64(q); err == nil || !strings.Contains(err.Error(), q) {
		t.Errorf("error %v does not name the file", err)
	}
	if _, _, err := LoadFloat64(filepath.Join(dir, "missing.npy")); err == nil {
		t.Error("no error for a missing file")
	}
}

// Headers as other writers produce them: double quotes, keys in another
// order, no trailing comma, version 2.0.
func TestNPYReadVariants(t *testing.T) {
	mk := func(major byte, dict string, data []float64) []byte {
		var b bytes.Buffer
		b.WriteString("\x93NUMPY")
		b.WriteByte(major)
		b.WriteByte(0)
		h := dict + "\n"
		if major == 1 {
			binary.Write(&b, binary.LittleEndian, uint16(len(h)))
		} else {
			binary.Write(&b, binary.LittleEndian, uint32(len(h)))
		}
		b.WriteString(h)
		for _, v := range data {
			binary.Write(&b, binary.LittleEndian, v)
		}
		return b.Bytes()
	}
	for _, in := range [][]byte{
		mk(1, `{"shape": (1, 2), "descr": "<f8", "fortran_order": False}`, []float64{3, 4}),
		mk(2, `{'descr':'<f8','fortran_order':False,'shape':(1,2)}`, []float64{3, 4}),
	} {
		shape, data, err := ReadFloat64(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shape, []int{1, 2}) || !reflect.DeepEqual(data, []float64{3, 4}) {
			t.Errorf("read %v %v", shape, data)
		}
	}
}

// npyVariant returns a .npy file as numpy.save writes it for the array of
// the given shape whose values in C order are want, saved with dtype descr
// ('<f8', '>f8', '<f4', '>f4', '=f8', ...) and, when fortran is set, in
// Fortran order (numpy saves a Fortran-contiguous array, such as the
// transpose of a C array, that way). want must be exactly representable in
// the dtype.
func npyVariant(t testing.TB, descr string, fortran bool, shape []int, want []float64) []byte {
	t.Helper()
	var order binary.AppendByteOrder = binary.LittleEndian
	switch descr[0] {
	case '>':
		order = binary.BigEndian
	case '=':
		order = binary.NativeEndian
	}
	// numpy's header: sorted keys, then room for the growth axis (the last
	// one in Fortran order) to take 21 digits, padded to 64 bytes.
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr,
		map[bool]string{false: "False", true: "True"}[fortran], npyShape(shape))
	if len(shape) > 0 {
		grow := shape[0]
		if fortran {
			grow = shape[len(shape)-1]
		}
		dict += strings.Repeat(" ", 21-len(strconv.Itoa(grow)))
	}
	hlen := len(dict) + 1
	hlen += (64 - (10+hlen)%64) % 64
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&b, binary.LittleEndian, uint16(hlen))
	b.WriteString(dict)
	b.WriteString(strings.Repeat(" ", hlen-1-len(dict)))
	b.WriteByte('\n')
	for f := range want {
		// The file's f-th value: in Fortran order the first index runs
		// fastest.
		c := f
		if fortran {
			rest, mul := f, 1
			c = 0
			for a := range shape {
				mul *= shape[a]
			}
			stride := mul
			for a := range shape {
				stride /= shape[a]
				c += (rest % shape[a]) * stride
				rest /= shape[a]
			}
		}
		v := want[c]
		switch descr[1:] {
		case "f8":
			b.Write(order.AppendUint64(nil, math.Float64bits(v)))
		case "f4":
			if math.Float64bits(float64(float32(v))) != math.Float64bits(v) {
				t.Fatalf("value %v is not a float32", v)
			}
			b.Write(order.AppendUint32(nil, math.Float32bits(float32(v))))
		default:
			t.Fatalf("npyVariant: dtype %q", descr)
		}
	}
	return b.Bytes()
}

// Every real dtype numpy writes, in both orders, reads back as the same
// C-ordered float64 array, bit for bit.
func TestNPYReadDtypesAndOrders(t *testing.T) {
	qnan := math.Float64frombits(0x7ff8000000000000)
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), qnan, math.SmallestNonzeroFloat32, math.MaxFloat32, -3.5}
	values := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i)*0.25 - 7
			if i%7 == 3 {
				v[i] = special[(i/7)%len(special)]
			}
		}
		return v
	}
	shapes := [][]int{{2, 3}, {50, 6}, {6, 50}, {4, 1}, {1, 5}, {5}, {}, {0, 6}, {3, 4, 5}, {2, 1, 3, 4}, {3000, 6}}
	for _, shape := range shapes {
		n := 1
		for _, s := range shape {
			n *= s
		}
		want := values(n)
		for _, descr := range []string{"<f8", ">f8", "<f4", ">f4", "=f8", "=f4"} {
			for _, fortran := range []bool{false, true} {
				in := npyVariant(t, descr, fortran, shape, want)
				got, data, err := ReadFloat64(bytes.NewReader(in))
				if err != nil {
					t.Fatalf("%s fortran=%v shape %v: %v", descr, fortran, shape, err)
				}
				if !reflect.DeepEqual(got, shape) {
					t.Errorf("%s fortran=%v shape %v: read shape %v", descr, fortran, shape, got)
				}
				if len(data) != n {
					t.Fatalf("%s fortran=%v shape %v: %d values, want %d", descr, fortran, shape, len(data), n)
				}
				for i := range data {
					if math.Float64bits(data[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s fortran=%v shape %v: value %d is %v (%#x), want %v (%#x)", descr, fortran, shape,
							i, data[i], math.Float64bits(data[i]), want[i], math.Float64bits(want[i]))
					}
				}
			}
		}
	}
}

// The bytes np.save(f, a.T) writes for a = np.arange(6.).reshape(2, 3):
// a Fortran-ordered (3, 2) array whose data is a's memory.
func TestNPYReadFortranTranspose(t *testing.T) {
	dict := "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }" + strings.Repeat(" ", 20)
	in := []byte("\x93NUMPY\x01\x00\x76\x00" + dict + strings.Repeat(" ", 117-len(dict)) + "\n")
	for i := range 6 {
		in = binary.LittleEndian.AppendUint64(in, math.Float64bits(float64(i)))
	}
	shape, data, err := ReadFloat64(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	// a.T is [[0, 3], [1, 4], [2, 5]].
	if !reflect.DeepEqual(shape, []int{3, 2}) || !reflect.DeepEqual(data, []float64{0, 3, 1, 4, 2, 5}) {
		t.Errorf("read %v %v, want [3 2] [0 3 1 4 2 5]", shape, data)
	}
	if !bytes.Equal(in, npyVariant(t, "<f8", true, []int{3, 2}, []float64{0, 3, 1, 4, 2, 5})) {
		t.Error("npyVariant does not write what numpy writes")
	}
}

func FuzzReadNPY(f *testing.F) {
	var b bytes.Buffer
	Write(&b, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6})
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:100])
	b.Reset()
	Write(&b, []int{}, []float64{1})
	f.Add(b.Bytes())
	b.Reset()
	Write(&b, []int{1}, []bool{true})
	f.Add(b.Bytes())
	f.Add([]byte("\x93NUMPY\x02\x00\xff\xff\xff\xff"))
	seq := []float64{1, 2, 3, 4, 5, 6, -0.5, 8, 9, 10, 11, 12}
	f.Add(npyVariant(f, ">f8", false, []int{2, 6}, seq))
	f.Add(npyVariant(f, "<f4", true, []int{6, 2}, seq))
	f.Add(npyVariant(f, ">f4", true, []int{2, 3, 2}, seq))
	f.Add(npyVariant(f, "<f8", true, []int{3, 4}, seq)[:120])
	f.Fuzz(func(t *testing.T, in []byte) {
		shape, data, err := ReadFloat64(bytes.NewReader(in))
		if err != nil {
			return
		}
		n := 1
		for _, s := range shape {
			n *= s
		}
		if n != len(data) {
			t.Fatalf("shape %v with %d values", shape, len(data))
		}
		var out bytes.Buffer
		if err := Write(&out, shape, data); err != nil {
			t.Fatal(err)
		}
		shape2, data2, err := ReadFloat64(&out)
		if err != nil || !reflect.DeepEqual(shape, shape2) || len(data2) != len(data) {
			t.Fatalf("round trip of %v: %v %v", shape, shape2, err)
		}
		for i := range data {
			if math.Float64bits(data[i]) != math.Float64bits(data2[i]) {
				t.Fatalf("round trip of %v: value %d %v became %v", shape, i, data[i], data2[i])
			}
		}
	})
}
