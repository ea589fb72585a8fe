package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/npy"
)

// saveNPYAs writes a .npy file as numpy.save does for an array of the
// given shape with dtype descr ('<f8', '>f8', '<f4', '>f4') and order,
// vals being the values in the file's order (column-major for a Fortran
// array); float32 values must be exact.
func saveNPYAs(t *testing.T, path, descr string, fortran bool, shape []int, vals []float64) {
	t.Helper()
	// numpy's header: room for the growth axis (the last one in Fortran
	// order) to take 21 digits, padded with spaces to 64 bytes.
	order := "False"
	grow := shape[0]
	if fortran {
		order, grow = "True", shape[len(shape)-1]
	}
	dims := make([]string, len(shape))
	for i, s := range shape {
		dims[i] = strconv.Itoa(s)
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }", descr, order, strings.Join(dims, ", "))
	dict += strings.Repeat(" ", 21-len(strconv.Itoa(grow)))
	hlen := len(dict) + 1
	hlen += (64 - (10+hlen)%64) % 64
	b := []byte("\x93NUMPY\x01\x00")
	b = binary.LittleEndian.AppendUint16(b, uint16(hlen))
	b = append(b, dict...)
	b = append(b, strings.Repeat(" ", hlen-1-len(dict))...)
	b = append(b, '\n')
	var bo binary.AppendByteOrder = binary.LittleEndian
	if descr[0] == '>' {
		bo = binary.BigEndian
	}
	for _, v := range vals {
		switch descr[1:] {
		case "f8":
			b = bo.AppendUint64(b, math.Float64bits(v))
		case "f4":
			if float64(float32(v)) != v {
				t.Fatalf("%v is not a float32", v)
			}
			b = bo.AppendUint32(b, math.Float32bits(float32(v)))
		default:
			t.Fatalf("saveNPYAs: dtype %q", descr)
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The same beam saved in every layout numpy writes gives the same run, bit
// for bit.
func TestTrackBeamLayouts(t *testing.T) {
	const n = 50
	g := tracking.GaussianBeam(n, tracking.DefaultSigma, 11)
	// Values a float32 holds exactly, so that every file holds this beam.
	for k := range g.Coords {
		for i, v := range g.Coords[k] {
			g.Coords[k][i] = float64(float32(v))
		}
	}
	rows := g.Rows()   // (N, 6), C order
	var cols []float64 // PyAT's rin, (6, N) in C order
	for k := range g.Coords {
		cols = append(cols, g.Coords[k]...)
	}
	dir := t.TempDir()
	files := []struct {
		name    string
		descr   string
		fortran bool
		shape   []int
		vals    []float64
		note    bool
	}{
		{"c.npy", "<f8", false, []int{n, 6}, rows, false},
		// np.save(f, rin.T): a Fortran-ordered (N, 6) holding rin's memory.
		{"fortran.npy", "<f8", true, []int{n, 6}, cols, false},
		{"f4.npy", "<f4", false, []int{n, 6}, rows, false},
		{"big.npy", ">f8", false, []int{n, 6}, rows, false},
		{"pyat.npy", "<f8", false, []int{6, n}, cols, true},
	}
	var ref []byte
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		saveNPYAs(t, path, f.descr, f.fortran, f.shape, f.vals)
		out := filepath.Join(dir, "out-"+f.name)
		code, stdout, stderr := gotrack(t, "track", "--beam", path, "--turns", "3", "--out", out, "--device", "cpu", "--threads", "1")
		if code != 0 {
			t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", f.name, code, stdout, stderr)
		}
		wantErr := ""
		if f.note {
			wantErr = "gotrack: " + path + " has shape (6, 50): read as PyAT's (6, N) layout, one particle per column\n"
		}
		if stderr != wantErr {
			t.Errorf("%s: stderr %q, want %q", f.name, stderr, wantErr)
		}
		if !strings.Contains(stdout, "50 particles x 3 turns") {
			t.Errorf("%s: summary\n%s", f.name, stdout)
		}
		initial, err := os.ReadFile(filepath.Join(out, "initial.npy"))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := npy.Write(&want, []int{n, 6}, rows); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(initial, want.Bytes()) {
			t.Errorf("%s: initial.npy is not the beam saved", f.name)
		}
		final, err := os.ReadFile(filepath.Join(out, "final.npy"))
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = final
			if _, data := readNPY(t, filepath.Join(out, "final.npy")); len(data) != 6*n || data[0] == rows[0] {
				t.Fatalf("%s: final.npy of %d values, first %v: not tracked", f.name, len(data), data[0])
			}
		} else if !bytes.Equal(final, ref) {
			t.Errorf("%s: final.npy differs from that of %s", f.name, files[0].name)
		}
	}
	// --quiet keeps the note to itself.
	code, _, stderr := gotrack(t, "track", "--beam", filepath.Join(dir, "pyat.npy"), "--out", filepath.Join(dir, "quiet"), "--device", "cpu", "--quiet")
	if code != 0 || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
}

func TestLoadBeam(t *testing.T) {
	dir := t.TempDir()
	save := func(name string, shape []int, data []float64) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := npy.Save(p, shape, data); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seq := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i) + 0.5
		}
		return v
	}

	// (6, 6) is read as (N, 6): one particle per row.
	p := save("six.npy", []int{6, 6}, seq(36))
	beam, note, err := loadBeam(p)
	if err != nil {
		t.Fatal(err)
	}
	if note != "" || !reflect.DeepEqual(beam.Rows(), seq(36)) {
		t.Errorf("(6, 6): note %q, rows %v", note, beam.Rows())
	}
	// (6, 2): particle i is column i.
	p = save("pyat.npy", []int{6, 2}, seq(12))
	beam, note, err = loadBeam(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 1.5, 3.5, 5.5, 7.5, 9.5, 11.5}
	if !reflect.DeepEqual(beam.Rows(), want) {
		t.Errorf("(6, 2): rows %v, want %v", beam.Rows(), want)
	}
	if wantNote := p + " has shape (6, 2): read as PyAT's (6, N) layout, one particle per column"; note != wantNote {
		t.Errorf("(6, 2): note %q, want %q", note, wantNote)
	}

	for _, c := range []struct {
		name  string
		shape []int
		want  string
	}{
		{"five.npy", []int{2, 5}, "shape (2, 5), want (N, 6), or PyAT's (6, N)"},
		{"flat.npy", []int{12}, "shape (12,), want (N, 6)"},
		{"cube.npy", []int{6, 6, 1}, "shape (6, 6, 1), want (N, 6)"},
		{"none.npy", []int{0, 6}, "no particles (shape (0, 6))"},
		{"none6.npy", []int{6, 0}, "no particles (shape (6, 0))"},
	} {
		n := 1
		for _, s := range c.shape {
			n *= s
		}
		p := save(c.name, c.shape, seq(n))
		_, note, err := loadBeam(p)
		if err == nil || note != "" || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("shape %v: note %q, error %v, want one naming %s and %q", c.shape, note, err, p, c.want)
		}
	}
	if _, _, err := loadBeam(filepath.Join(dir, "missing.npy")); err == nil || !strings.HasPrefix(err.Error(), "beam: ") {
		t.Errorf("missing file: error %v", err)
	}
}
