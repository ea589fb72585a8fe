// Command npycmp compares the .npy files of two output directories of
// gotrack track (the CUDA stand-in test, scripts/cuda-standin-test.sh): every
// .npy of the first directory must exist in the second with the same dtype
// and shape, floats equal within a relative tolerance (NaN matching NaN,
// infinities matching exactly), integers and booleans equal. It prints the
// largest difference per file and exits 1 when a file differs.
//
// Usage: npycmp [-rel 1e-12] DIR1 DIR2
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// array is a .npy file's dtype, shape and raw little-endian data.
type array struct {
	descr string
	shape []int
	data  []byte
}

var (
	descrRe = regexp.MustCompile(`'descr':\s*'([^']*)'`)
	shapeRe = regexp.MustCompile(`'shape':\s*\(([^)]*)\)`)
	fortRe  = regexp.MustCompile(`'fortran_order':\s*(True|False)`)
)

// readNPY reads a .npy file of format version 1, 2 or 3.
func readNPY(path string) (*array, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 10 || string(b[:6]) != "\x93NUMPY" {
		return nil, errors.New("not a .npy file")
	}
	var hlen, off int
	if b[6] == 1 {
		hlen, off = int(binary.LittleEndian.Uint16(b[8:10])), 10
	} else {
		if len(b) < 12 {
			return nil, errors.New("truncated header")
		}
		hlen, off = int(binary.LittleEndian.Uint32(b[8:12])), 12
	}
	if off+hlen > len(b) {
		return nil, errors.New("truncated header")
	}
	h := string(b[off : off+hlen])
	d, s, f := descrRe.FindStringSubmatch(h), shapeRe.FindStringSubmatch(h), fortRe.FindStringSubmatch(h)
	if d == nil || s == nil || f == nil {
		return nil, fmt.Errorf("bad header %q", h)
	}
	if f[1] == "True" {
		return nil, errors.New("Fortran order not supported")
	}
	a := &array{descr: d[1], data: b[off+hlen:]}
	for _, p := range strings.Split(s[1], ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("bad shape %q", s[1])
		}
		a.shape = append(a.shape, n)
	}
	return a, nil
}

// compare returns the largest relative difference of floats (0 for other
// dtypes) and the number of elements out of tolerance.
func compare(a, b *array, rel float64) (maxd float64, bad int, err error) {
	if a.descr != b.descr || fmt.Sprint(a.shape) != fmt.Sprint(b.shape) || len(a.data) != len(b.data) {
		return 0, 0, fmt.Errorf("dtype/shape %s%v vs %s%v", a.descr, a.shape, b.descr, b.shape)
	}
	if a.descr != "<f8" {
		if !bytes.Equal(a.data, b.data) {
			return 0, 1, nil
		}
		return 0, 0, nil
	}
	for i := 0; i+8 <= len(a.data); i += 8 {
		x := math.Float64frombits(binary.LittleEndian.Uint64(a.data[i:]))
		y := math.Float64frombits(binary.LittleEndian.Uint64(b.data[i:]))
		if x == y || (math.IsNaN(x) && math.IsNaN(y)) {
			continue
		}
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			bad++
			maxd = math.Inf(1)
			continue
		}
		d := math.Abs(x-y) / math.Max(math.Max(math.Abs(x), math.Abs(y)), 1e-300)
		maxd = math.Max(maxd, d)
		if d > rel {
			bad++
		}
	}
	return maxd, bad, nil
}

func main() {
	rel := flag.Float64("rel", 1e-12, "relative tolerance of float64 values")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: npycmp [-rel TOL] DIR1 DIR2")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(flag.Arg(0), "*.npy"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "npycmp: no .npy files in %s\n", flag.Arg(0))
		os.Exit(1)
	}
	sort.Strings(files)
	ok, worst := true, 0.0
	for _, f := range files {
		name := filepath.Base(f)
		a, err := readNPY(f)
		if err != nil {
			fmt.Printf("npycmp: %s: %v\n", f, err)
			ok = false
			continue
		}
		b, err := readNPY(filepath.Join(flag.Arg(1), name))
		if err != nil {
			fmt.Printf("npycmp: %s: %v\n", name, err)
			ok = false
			continue
		}
		d, bad, err := compare(a, b, *rel)
		switch {
		case err != nil:
			fmt.Printf("npycmp: %s: %v\n", name, err)
			ok = false
		case bad > 0:
			fmt.Printf("npycmp: %s %s%v: %d element(s) differ, largest relative difference %.3g\n", name, a.descr, a.shape, bad, d)
			ok = false
		default:
			fmt.Printf("npycmp: %s %s%v: largest relative difference %.3g\n", name, a.descr, a.shape, d)
		}
		worst = math.Max(worst, d)
	}
	fmt.Printf("npycmp: %d file(s), largest relative difference %.3g (tolerance %g)\n", len(files), worst, *rel)
	if !ok {
		os.Exit(1)
	}
}
