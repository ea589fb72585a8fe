package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/lattices"
)

// cellBPMs are the indices of the ten BPMs (BPM_01..BPM_10) of the
// built-in cell, lattices.Default.
var cellBPMs = []int{3, 23, 33, 45, 57, 65, 79, 91, 101, 119}

func TestParseRefpts(t *testing.T) {
	lat := lattices.Default() // 121 elements
	if n := len(lat.Elements); n != 121 {
		t.Fatalf("the default cell has %d elements, the cases assume 121", n)
	}
	cases := []struct {
		in   string
		want []int
	}{
		{"", nil},
		{"0", []int{0}},
		{"end", []int{121}},
		{"0,5,10:20", []int{0, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}},
		{"end,0,0", []int{0, 121}},
		{"100:end:10", []int{100, 110, 120}},
		{" 3 , 1 ", []int{1, 3}},
		// Negative indices, as in Python.
		{"-1", []int{120}},
		{"-121", []int{0}},
		{"-1,end", []int{120, 121}},
		{"-3:end", []int{118, 119, 120}},
		{"-10:end", []int{111, 112, 113, 114, 115, 116, 117, 118, 119, 120}},
		{"-3:-1", []int{118, 119}},
		{"-121:3", []int{0, 1, 2}},
		{"-5:end:2", []int{116, 118, 120}},
		// FamName patterns.
		{"BPM*", cellBPMs},
		{"BPM_0?", []int{3, 23, 33, 45, 57, 65, 79, 91, 101}},
		{"BPM_10", []int{119}},
		{"QF1*,end", []int{5, 117, 121}},
		{"DR_0[1-3]", []int{2, 4, 6}},
		{"DR_0[!1-8]", []int{24}},
		{"DL1A_[2-4]", []int{14, 15, 16}},
		{"DL1A_5", []int{11, 13}},
		{"srdiag*", []int{12, 73}}, // "/" is an ordinary character
		{"*/d04", []int{73}},
		{"RFC,BPM_01,0:4", []int{0, 1, 2, 3}},
		{"mlDQ1?", []int{49, 51, 71, 75}},
	}
	for _, c := range cases {
		got, err := parseRefpts(c.in, lat)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %v %v, want %v", c.in, got, err, c.want)
		}
	}

	errs := []struct {
		in   string
		want []string // substrings of the message
	}{
		{"122", []string{"index 122 out of range", "121 elements", "0..121", "-121..-1", "-1 is element 120"}},
		{"-122", []string{"index -122 out of range", "-121..-1"}},
		{"-122:end", []string{`range "-122:end"`, "index -122 out of range"}},
		{"5:2", []string{`range "5:2" is empty`}},
		{"-1:-3", []string{`range "-1:-3" is empty (from 120 to 118)`}},
		{"1:2:0", []string{"step must be a positive integer"}},
		{"1:2:-1", []string{"step must be a positive integer"}},
		{"1:2:3:4", []string{`"1:2:3:4" is not a range`}},
		{"1:x", []string{`range "1:x"`, `"x" is not an element index`}},
		{",", []string{"empty item"}},
		{"0,", []string{"empty item"}},
		{"5:5", []string{"no element selected"}},
		{"bpm*", []string{`pattern "bpm*" matches no element's FamName`, "lattice S28d (built in)", `"gotrack lattice --list"`}},
		{"BPM*,QX*", []string{`pattern "QX*"`}},
		{"x", []string{`pattern "x"`}},
	}
	for _, c := range errs {
		got, err := parseRefpts(c.in, lat)
		if err == nil {
			t.Errorf("%q: %v, no error", c.in, got)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: error %q does not say %q", c.in, err, w)
			}
		}
	}

	// The error names the lattice file, and quotes it for the shell.
	file := lattices.Default()
	file.File = "my rings/ebs.json"
	_, err := parseRefpts("BMP*", file)
	if err == nil || !strings.Contains(err.Error(), "lattice S28d (my rings/ebs.json)") ||
		!strings.Contains(err.Error(), `"gotrack lattice 'my rings/ebs.json' --list"`) {
		t.Errorf("error %v", err)
	}
}

// TestParseRefptsRing checks the selections on the 32-cell ring.
func TestParseRefptsRing(t *testing.T) {
	ring := lattices.DefaultRing()
	ne := len(ring.Elements)
	if ne != 32*121 {
		t.Fatalf("the default ring has %d elements, want %d", ne, 32*121)
	}
	got, err := parseRefpts("BPM*", ring)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 320 {
		t.Fatalf("BPM*: %d elements, want 320", len(got))
	}
	for k := range 32 {
		for j, b := range cellBPMs {
			if got[10*k+j] != 121*k+b {
				t.Fatalf("BPM*: element %d is %d, want %d", 10*k+j, got[10*k+j], 121*k+b)
			}
		}
	}
	_, err = parseRefpts("BMP*", ring)
	if err == nil || !strings.Contains(err.Error(), `lattice S28d (built in); "gotrack lattice --ring --list" lists the elements`) {
		t.Errorf("BMP* on the ring: error %v", err)
	}
	got, err = parseRefpts("-1,-121:-119", ring)
	if want := []int{ne - 121, ne - 120, ne - 1}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("-1,-121:-119: %v %v, want %v", got, err, want)
	}
}

func TestFamPattern(t *testing.T) {
	// The expected values are those of Python's fnmatch.fnmatchcase.
	cases := []struct {
		pat, name string
		want      bool
	}{
		{"BPM*", "BPM_01", true},
		{"BPM*", "bpm_01", false},
		{"BPM", "BPM_01", false},
		{"BPM*", "BPM", true},
		{"DR_0[1-3]", "DR_02", true},
		{"DR_0[1-3]", "DR_04", false},
		{"DR_0[!1-3]", "DR_04", true},
		{"DR_0[!1-3]", "DR_01", false},
		{"srdiag*", "srdiag/emittance/id04", true},
		{"*/id04", "srdiag/emittance/id04", true},
		{"Q?1*", "QF1A", true},
		{"Q?1*", "QF4A", false},
		{"?", "é", true},
		{"?", "", false},
		{"[]]x", "]x", true},
		{"[!]]x", "]x", false},
		{"[!]]x", "ax", true},
		{"[x", "[x", true},
		{"[!]", "[!]", true},
		{"[a-]", "-", true},
		{"[-a]", "-", true},
		{"[z-a]", "z", false},
		{"[!z-a]", "q", true},
		{"[a--]", "a", false},
		{"[^a]", "^", true},
		{"[^a]", "b", false},
		{`a\b`, `a\b`, true},
		{"*a*b*", "xxaybz", true},
		{"*a*b", "xxaybz", false},
		{"*a*b", "xxaybzb", true},
		{"**", "x", true},
		{"*", "", true},
		{"a*a*a", "aaaa", true},
		{"a*a*a", "aa", false},
	}
	for _, c := range cases {
		m, err := compileFamPattern(c.pat)
		if err != nil {
			t.Errorf("%q: %v", c.pat, err)
			continue
		}
		if got := m.match(c.name); got != c.want {
			t.Errorf("%q matching %q: %v, want %v", c.pat, c.name, got, c.want)
		}
	}
	if _, err := compileFamPattern(""); err == nil {
		t.Error("empty pattern: no error")
	}
}

// TestTrackRefptsByName tracks the default ring with --refpts given as a
// FamName pattern and as a negative index.
func TestTrackRefptsByName(t *testing.T) {
	ring := lattices.DefaultRing()
	ne := len(ring.Elements)
	var bpms []any
	for k := range 32 {
		for _, b := range cellBPMs {
			bpms = append(bpms, float64(121*k+b))
		}
	}
	for _, c := range []struct {
		refpts string
		want   []any
	}{
		{"BPM*", bpms},
		{"-1", []any{float64(ne - 1)}},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		code, _, stderr := gotrack(t, "track", "--particles", "4", "--turns", "2", "--refpts", c.refpts,
			"--out", dir, "--device", "cpu", "--threads", "1", "--quiet")
		if code != 0 {
			t.Fatalf("--refpts %s: exit %d: %s", c.refpts, code, stderr)
		}
		shape, _ := readNPY(t, filepath.Join(dir, "monitor.npy"))
		if want := []int{2, len(c.want), 4, 6}; !reflect.DeepEqual(shape, want) {
			t.Errorf("--refpts %s: monitor.npy shape %v, want %v", c.refpts, shape, want)
		}
		js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct {
			Elements int   `json:"elements"`
			Refpts   []any `json:"refpts"`
		}
		if err := json.Unmarshal(js, &sum); err != nil {
			t.Fatal(err)
		}
		if sum.Elements != ne || !reflect.DeepEqual(sum.Refpts, c.want) {
			t.Errorf("--refpts %s: summary.json elements %d, refpts %v; want %d, %v", c.refpts, sum.Elements, sum.Refpts, ne, c.want)
		}
	}

	// A pattern that selects nothing is a usage error naming it.
	code, stdout, stderr := gotrack(t, "track", hmbaFile, "--refpts", "BMP*", "--out", t.TempDir())
	if code != 1 || stdout != "" || !strings.Contains(stderr, `--refpts: pattern "BMP*" matches no element's FamName in lattice S28d (`+hmbaFile+`)`) ||
		!strings.Contains(stderr, `"gotrack lattice `+hmbaFile+` --list"`) || !strings.Contains(stderr, "Run 'gotrack track --help' for usage.") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
