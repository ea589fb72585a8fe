package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCountValue(t *testing.T) {
	good := []struct {
		in   string
		want int
	}{
		{"0", 0},
		{"1", 1},
		{"1000", 1000},
		{"007", 7},
		{"10_000", 10000},
		{"1_000_000", 1000000},
		{"+12", 12},
		{"1e7", 10000000},
		{"1E3", 1000},
		{"2.5e3", 2500},
		{"2.50e+3", 2500},
		{"1.e2", 100},
		{".5e1", 5},
		{"20000e-4", 2},
		{"100.000", 100},
		{"0e999999999999", 0},
		{"1_0.2_5e1_0", 102500000000},
		{"9223372036854775807", 9223372036854775807},
		{"9.223372036854775807e18", 9223372036854775807},
		{"9007199254740993", 9007199254740993},
		{"9.007199254740993e15", 9007199254740993}, // not rounded through a float64
	}
	for _, c := range good {
		var n int
		v := newCountValue(-1, &n)
		if err := v.Set(c.in); err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if n != c.want || v.String() != strconv.Itoa(c.want) {
			t.Errorf("%q: %d (String %q), want %d", c.in, n, v.String(), c.want)
		}
	}
	bad := []struct {
		in, want string
	}{
		{"1.5", "not a whole number"},
		{"2.55e1", "not a whole number"},
		{"1e-1", "not a whole number"},
		{"25000e-4", "not a whole number"},
		{"1e400", "too large (at most 9223372036854775807)"},
		{"9223372036854775808", "too large"},
		{"9.3e18", "too large"},
		{"1e99999999999999999999", "too large"},
		{"-5", "must not be negative"},
		{"-1e3", "must not be negative"},
		{"", "not a count"},
		{"x", "not a count"},
		{"1e", "not a count"},
		{"e5", "not a count"},
		{".", "not a count"},
		{"_1", "not a count"},
		{"1_", "not a count"},
		{"1__000", "not a count"},
		{"1_.5", "not a count"},
		{"0x10", "not a count"},
		{"1 000", "not a count"},
		{" 1", "not a count"},
		{"inf", "not a count"},
		{"NaN", "not a count"},
	}
	for _, c := range bad {
		n := 42
		err := newCountValue(42, &n).Set(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line with %q", c.in, err, c.want)
		}
		if n != 42 {
			t.Errorf("%q: count changed to %d by a refused value", c.in, n)
		}
	}
}

func TestCountFlags(t *testing.T) {
	cmd := newTrackCmd(io.Discard, io.Discard)
	fl := cmd.Flags()
	for name, want := range map[string]int{"particles": 1000, "turns": 1} {
		if got, err := fl.GetInt(name); err != nil || got != want {
			t.Errorf("default --%s: %d, %v; want %d", name, got, err, want)
		}
	}
	if err := fl.Parse([]string{"--particles", "1e7", "--turns", "1e3"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"particles": 10000000, "turns": 1000} {
		if got, err := fl.GetInt(name); err != nil || got != want {
			t.Errorf("--%s: %d, %v; want %d", name, got, err, want)
		}
	}
	if err := fl.Parse([]string{"-n", "10_000", "-t", "2.5e1"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := fl.GetInt("particles"); n != 10000 {
		t.Errorf("-n 10_000: %d", n)
	}
	if n, _ := fl.GetInt("turns"); n != 25 {
		t.Errorf("-t 2.5e1: %d", n)
	}

	// A run with counts in floating notation.
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := gotrack(t, "track", "-n", "1e2", "-t", "2", "--out", dir, "--device", "cpu", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "100 particles x 2 turns") {
		t.Errorf("summary:\n%s", stdout)
	}
	js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct{ Particles, Turns int }
	if err := json.Unmarshal(js, &sum); err != nil || sum.Particles != 100 || sum.Turns != 2 {
		t.Errorf("summary.json: %+v, %v", sum, err)
	}
	if shape, _ := readNPY(t, filepath.Join(dir, "final.npy")); len(shape) != 2 || shape[0] != 100 {
		t.Errorf("final.npy shape %v, want (100, 6)", shape)
	}

	code, stdout, stderr = gotrack(t, "track", "--particles", "1.5")
	want := "gotrack: invalid argument \"1.5\" for \"-n, --particles\" flag: not a whole number\n" +
		"Run 'gotrack track --help' for usage.\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("--particles 1.5: exit %d, stdout %q, stderr\n%q\nwant\n%q", code, stdout, stderr, want)
	}
	code, _, stderr = gotrack(t, "track", "--turns", "-3")
	want = "gotrack: invalid argument \"-3\" for \"-t, --turns\" flag: must not be negative\n" +
		"Run 'gotrack track --help' for usage.\n"
	if code != 1 || stderr != want {
		t.Errorf("--turns -3: exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
}
