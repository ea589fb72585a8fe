package npy

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// streamNPY writes vals through an Writer for shape into a new file,
// after prefix, in pieces of the given sizes (the rest in one piece), and
// returns the file's bytes and the error of Close.
func streamNPY(t *testing.T, prefix string, shape []int, vals []float64, pieces ...int) ([]byte, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.npy")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(prefix); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(f, shape)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range pieces {
		if err := w.Write(vals[:k]); err != nil {
			t.Fatal(err)
		}
		vals = vals[k:]
	}
	if err := w.Write(vals); err != nil {
		t.Fatal(err)
	}
	cerr := w.Close()
	// The file position is left at the end of the data.
	if pos, err := f.Seek(0, io.SeekCurrent); err != nil {
		t.Fatal(err)
	} else if st, err := f.Stat(); err != nil {
		t.Fatal(err)
	} else if cerr == nil && pos != st.Size() {
		t.Errorf("shape %v: position %d after Close, file size %d", shape, pos, st.Size())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b, cerr
}

func writeNPYBytes(t *testing.T, shape []int, data any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, shape, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func seqValues(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(i)*0.125 - 3
	}
	if n > 2 {
		v[1], v[2] = math.NaN(), math.Inf(-1)
	}
	return v
}

func TestNPYWriterComplete(t *testing.T) {
	cases := []struct {
		shape  []int
		pieces []int
	}{
		{[]int{2, 3}, nil},
		{[]int{2, 3}, []int{1, 0, 4}},
		{[]int{5}, []int{5}},
		{[]int{}, nil},
		{[]int{0, 6}, nil},
		{[]int{3, 0}, nil},
		{[]int{2, 3, 4}, []int{7, 7}},
		{[]int{10000, 6}, []int{1, 8191, 8193, 20000}}, // across chunks and the buffer
	}
	for _, c := range cases {
		n := 1
		for _, s := range c.shape {
			n *= s
		}
		vals := seqValues(n)
		got, err := streamNPY(t, "", c.shape, vals, c.pieces...)
		if err != nil {
			t.Fatalf("shape %v: %v", c.shape, err)
		}
		if want := writeNPYBytes(t, c.shape, vals); !bytes.Equal(got, want) {
			t.Errorf("shape %v: streamed file (%d bytes) differs from Write's (%d bytes)", c.shape, len(got), len(want))
		}
	}
}

// numpy pads the header so that the first dimension can take 21 digits:
// the header of a (d, 6) array has the same length for every d an int
// holds, and so can be rewritten in place.
func TestNPYHeaderGrowthRoom(t *testing.T) {
	want := len(npyHeader("<f8", []int{1, 6}))
	for d := 1; ; d *= 10 { // up to 10^18, 19 digits
		for _, shape := range [][]int{{d, 6}, {d}, {d - 1, 3, 4}, {d, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}} {
			if got, one := len(npyHeader("<f8", shape)), len(npyHeader("<f8", append([]int{1}, shape[1:]...))); got != one {
				t.Errorf("shape %v: header of %d bytes, %d with a first dimension of 1", shape, got, one)
			}
		}
		if d > math.MaxInt/10 {
			break
		}
	}
	if got := len(npyHeader("<f8", []int{math.MaxInt, 6})); got != want {
		t.Errorf("shape (MaxInt, 6): header of %d bytes, want %d", got, want)
	}
}

func TestNPYWriterShrinks(t *testing.T) {
	cases := []struct {
		prefix string
		shape  []int
		n      int // values written
		final  []int
	}{
		// From a 10-digit to a 1-digit first dimension.
		{"", []int{1_000_000_000, 6}, 6, []int{1, 6}},
		{"", []int{100, 3}, 30, []int{10, 3}},
		{"", []int{100, 3}, 0, []int{0, 3}},
		{"", []int{7}, 3, []int{3}},
		{"", []int{4, 2, 3}, 12, []int{2, 2, 3}},
		// Written after other bytes: the header is rewritten where it began.
		{"PREFIX", []int{5_000_000_000, 2}, 8, []int{4, 2}},
	}
	for _, c := range cases {
		vals := seqValues(c.n)
		got, err := streamNPY(t, c.prefix, c.shape, vals, c.n/2)
		if err != nil {
			t.Fatalf("shape %v, %d values: %v", c.shape, c.n, err)
		}
		want := append([]byte(c.prefix), writeNPYBytes(t, c.final, vals)...)
		if !bytes.Equal(got, want) {
			t.Errorf("shape %v, %d values: file\n%q\nwant Write's for shape %v\n%q", c.shape, c.n, got, c.final, want)
		}
		if c.prefix != "" {
			continue
		}
		shape, data, err := ReadFloat64(bytes.NewReader(got))
		if err != nil || len(shape) != len(c.final) || shape[0] != c.final[0] || len(data) != c.n {
			t.Errorf("shape %v, %d values: read back %v with %d values, %v", c.shape, c.n, shape, len(data), err)
		}
	}
}

func TestNPYWriterErrors(t *testing.T) {
	// A partial row.
	_, err := streamNPY(t, "", []int{4, 3}, seqValues(5))
	if err == nil || !strings.Contains(err.Error(), "partial row") || !strings.Contains(err.Error(), "(4, 3)") {
		t.Errorf("partial row: error %v", err)
	}
	// A 0-d array without its value.
	if _, err = streamNPY(t, "", []int{}, nil); err == nil || !strings.Contains(err.Error(), "0-d") {
		t.Errorf("empty 0-d array: error %v", err)
	}

	p := filepath.Join(t.TempDir(), "e.npy")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := NewWriter(f, []int{2, -1}); err == nil || !strings.Contains(err.Error(), "negative") {
		t.Errorf("negative dimension: error %v", err)
	}
	if _, err := NewWriter(f, []int{math.MaxInt / 4, 3}); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("huge shape: error %v", err)
	}
	w, err := NewWriter(f, []int{2, 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]float64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]float64{4, 5}); err == nil || !strings.Contains(err.Error(), "holds 4") {
		t.Errorf("too many values: error %v", err)
	}
	if err := w.Write([]float64{4}); err != nil {
		t.Fatalf("the last value after a refused write: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]float64{5}); err == nil || !strings.Contains(err.Error(), "after Close") {
		t.Errorf("write after Close: error %v", err)
	}
	if err := w.Close(); err == nil {
		t.Error("no error from a second Close")
	}

	// A file the writer cannot write to: the failure comes back from
	// Write once the buffer fills, and again from Close.
	ro, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	w, err = NewWriter(ro, []int{100000})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(seqValues(100000)); err == nil {
		t.Error("no error writing 800 kB to a read-only file")
	}
	if err := w.Close(); err == nil {
		t.Error("no error from Close after a failed write")
	}
}

func TestNPYFileSize(t *testing.T) {
	long := []int{3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1} // a 192-byte header
	cases := []struct {
		shape    []int
		data     any
		itemSize int
	}{
		{[]int{2, 3}, make([]float64, 6), 8},
		{[]int{}, make([]float64, 1), 8},
		{[]int{0, 6}, make([]float64, 0), 8},
		{[]int{1000, 6}, make([]float64, 6000), 8},
		{[]int{7}, make([]int64, 7), 8},
		{[]int{9}, make([]bool, 9), 1},
		{long, make([]bool, 3), 1},
		{long, make([]float64, 3), 8},
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "a.npy")
		if err := Save(p, c.shape, c.data); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := FileSize(c.shape, c.itemSize); got != st.Size() {
			t.Errorf("shape %v, %d-byte items: FileSize %d, file of %d bytes", c.shape, c.itemSize, got, st.Size())
		}
	}
	// A streamed file, and the size a 10-digit first dimension would take.
	b, err := streamNPY(t, "", []int{1, 6}, seqValues(6))
	if err != nil {
		t.Fatal(err)
	}
	if got := FileSize([]int{1, 6}, 8); got != int64(len(b)) || got != 128+48 {
		t.Errorf("FileSize((1, 6), 8) = %d, streamed file of %d bytes, want 176", got, len(b))
	}
	if got, want := FileSize([]int{1_000_000_000, 6}, 8), int64(128+48_000_000_000); got != want {
		t.Errorf("FileSize((1e9, 6), 8) = %d, want %d", got, want)
	}
	if got := FileSize([]int{1 << 40, 1 << 40}, 8); got != math.MaxInt64 {
		t.Errorf("overflowing size: %d, want MaxInt64", got)
	}
	if got := FileSize([]int{1 << 40, 1 << 40, 0}, 8); got != 128 {
		t.Errorf("empty array of huge dimensions: %d, want 128", got)
	}
}
