// Command npycmp compares the .npy files of two gotrack output directories
// (final.npy, monitor.npy, moments.npy, the loss record, ...): float64
// arrays value by value within -abs + -rel·max(|a|, |b|), NaN matching NaN;
// other arrays (bool, int64) byte for byte. Every .npy of the first
// directory must be in the second with the same shape. It prints the
// largest absolute and relative difference per file and exits 1 when a
// file differs beyond the tolerance or is missing.
//
//	npycmp [-rel 1e-12] [-abs 0] DIR_A DIR_B
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/gotrack/gotrack/tracking/npy"
)

func main() {
	rel := flag.Float64("rel", 1e-12, "relative tolerance")
	abs := flag.Float64("abs", 0, "absolute tolerance")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: npycmp [-rel R] [-abs A] DIR_A DIR_B")
		os.Exit(2)
	}
	bad, err := compareDirs(flag.Arg(0), flag.Arg(1), *abs, *rel, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "npycmp:", err)
		os.Exit(1)
	}
	if bad > 0 {
		fmt.Printf("npycmp: %d file(s) differ\n", bad)
		os.Exit(1)
	}
}

// compareDirs compares every .npy of a with the same file in b and
// returns the number of files that differ.
func compareDirs(a, b string, abs, rel float64, w *os.File) (int, error) {
	files, err := filepath.Glob(filepath.Join(a, "*.npy"))
	if err != nil {
		return 0, fmt.Errorf("list %s: %w", a, err)
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("no .npy files in %s", a)
	}
	sort.Strings(files)
	bad := 0
	for _, fa := range files {
		name := filepath.Base(fa)
		fb := filepath.Join(b, name)
		msg, ok, err := compareFile(fa, fb, abs, rel)
		if err != nil {
			return bad, err
		}
		verdict := "ok"
		if !ok {
			verdict = "DIFFERS"
			bad++
		}
		fmt.Fprintf(w, "%-24s %-8s %s\n", name, verdict, msg)
	}
	return bad, nil
}

// compareFile compares two .npy files; it returns a description of the
// largest differences and whether they are within the tolerance.
func compareFile(fa, fb string, abs, rel float64) (string, bool, error) {
	sa, da, erra := npy.LoadFloat64(fa)
	sb, db, errb := npy.LoadFloat64(fb)
	if erra != nil || errb != nil {
		// Not float64 (or unreadable as such): compare the bytes.
		ba, err := os.ReadFile(fa)
		if err != nil {
			return "", false, fmt.Errorf("read %s: %w", fa, err)
		}
		bb, err := os.ReadFile(fb)
		if err != nil {
			return "missing or unreadable: " + err.Error(), false, nil
		}
		if !bytes.Equal(ba, bb) {
			return "bytes differ", false, nil
		}
		return "identical bytes", true, nil
	}
	if !slices.Equal(sa, sb) {
		return fmt.Sprintf("shapes %v and %v", sa, sb), false, nil
	}
	maxAbs, maxRel, worst := 0.0, 0.0, -1
	ok := true
	for i := range da {
		x, y := da[i], db[i]
		if math.IsNaN(x) || math.IsNaN(y) {
			if math.IsNaN(x) != math.IsNaN(y) {
				return fmt.Sprintf("value %d: %g and %g (NaN on one side only)", i, x, y), false, nil
			}
			continue
		}
		d := math.Abs(x - y)
		if x == y {
			d = 0 // equal infinities
		}
		scale := math.Max(math.Abs(x), math.Abs(y))
		if d > maxAbs {
			maxAbs, worst = d, i
		}
		if scale > 0 && d/scale > maxRel {
			maxRel = d / scale
		}
		if d > abs+rel*scale {
			ok = false
		}
	}
	desc := fmt.Sprintf("shape %v, largest |d| %.3g, largest relative %.3g", sa, maxAbs, maxRel)
	if worst >= 0 {
		desc += fmt.Sprintf(" (value %d)", worst)
	}
	return desc, ok, nil
}
