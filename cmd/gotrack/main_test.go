package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/npy"
)

const hmbaFile = "../../testdata/lattices/hmba.json"

// testdataDir is the repository's testdata directory.
const testdataDir = "../../testdata"

// gotrack runs the command line in-process and returns its exit status,
// stdout and stderr.
func gotrack(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func readNPY(t *testing.T, path string) ([]int, []float64) {
	t.Helper()
	shape, data, err := npy.LoadFloat64(path)
	if err != nil {
		t.Fatal(err)
	}
	return shape, data
}

func TestTrackGenerated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := gotrack(t, "track", hmbaFile, "--particles", "50", "--seed", "7", "--turns", "3",
		"--refpts", "0,end", "--out", dir, "--device", "cpu")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, s := range []string{"50 particles x 3 turns", "cpu", "particle-turns/s", "lost:"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("summary does not mention %q:\n%s", s, stdout)
		}
	}
	lat, err := atjson.LoadLattice(hmbaFile)
	if err != nil {
		t.Fatal(err)
	}
	ne := len(lat.Elements)

	shape, final := readNPY(t, filepath.Join(dir, "final.npy"))
	if !reflect.DeepEqual(shape, []int{50, 6}) {
		t.Errorf("final.npy shape %v, want (50, 6)", shape)
	}
	shape, mon := readNPY(t, filepath.Join(dir, "monitor.npy"))
	if !reflect.DeepEqual(shape, []int{3, 2, 50, 6}) || len(mon) != 3*2*50*6 {
		t.Errorf("monitor.npy shape %v with %d values, want (3, 2, 50, 6)", shape, len(mon))
	}
	shape, _ = readNPY(t, filepath.Join(dir, "lost_coords.npy"))
	if !reflect.DeepEqual(shape, []int{50, 6}) {
		t.Errorf("lost_coords.npy shape %v", shape)
	}
	for _, name := range []string{"lost.npy", "lost_turn.npy", "lost_element.npy"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}

	var sum map[string]any
	js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &sum); err != nil {
		t.Fatalf("summary.json: %v\n%s", err, js)
	}
	if sum["particles"] != 50.0 || sum["turns"] != 3.0 || sum["elements"] != float64(ne) || sum["seed"] != 7.0 {
		t.Errorf("summary.json: %s", js)
	}
	if !reflect.DeepEqual(sum["refpts"], []any{0.0, float64(ne)}) {
		t.Errorf("summary.json refpts %v, want [0 %d]", sum["refpts"], ne)
	}
	if sum["lattice_file"] != hmbaFile || sum["lost"] == nil || sum["wall_s"] == nil || sum["version"] == nil {
		t.Errorf("summary.json: %s", js)
	}

	// The same beam tracked directly gives the same result, bit for bit.
	beam := tracking.GaussianBeam(50, tracking.DefaultSigma, 7)
	res, err := tracking.Track(lat, beam, tracking.Options{Turns: 3, Refpts: []int{0, ne}, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	want := res.Final.Rows()
	same := func(name string, got, want []float64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
		}
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%s: value %d is %v, direct tracking gives %v", name, i, got[i], want[i])
			}
		}
	}
	same("final.npy", final, want)
	same("monitor.npy", mon, res.Monitor)
	_, initial := readNPY(t, filepath.Join(dir, "initial.npy"))
	same("initial.npy", initial, beam.Rows())

	// Tracking the beam file written gives the same result again.
	dir2 := filepath.Join(t.TempDir(), "out2")
	code, stdout, stderr = gotrack(t, "track", hmbaFile, "--beam", filepath.Join(dir, "initial.npy"),
		"--turns", "3", "--out", dir2, "--quiet", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
	}
	if stdout != "" || stderr != "" {
		t.Errorf("--quiet printed stdout %q, stderr %q", stdout, stderr)
	}
	_, final2 := readNPY(t, filepath.Join(dir2, "final.npy"))
	same("final.npy from --beam", final2, want)
	if _, err := os.Stat(filepath.Join(dir2, "monitor.npy")); err == nil {
		t.Error("monitor.npy written without --refpts")
	}
}

func TestTrackAutoNote(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "5", "--turns", "1", "--threads", "2", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "gotrack: no GPU backend in this build; running on the CPU (2 threads)\n" {
		t.Errorf("stderr %q", stderr)
	}
}

func TestTrackBadBeam(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "beam5.npy")
	if err := npy.Save(bad, []int{2, 5}, make([]float64, 10)); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := gotrack(t, "track", hmbaFile, "--beam", bad, "--out", dir)
	if code != 1 || !strings.HasPrefix(stderr, "gotrack: ") || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "(2, 5)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	ints := filepath.Join(dir, "ints.npy")
	if err := npy.Save(ints, []int{1, 6}, make([]int64, 6)); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = gotrack(t, "track", hmbaFile, "--beam", ints, "--out", dir)
	if code != 1 || !strings.Contains(stderr, ints) || !strings.Contains(stderr, "<i8") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"track", "--turns", "x"},
		{"track", "--no-such-flag"},
		{"track", "a.json", "b.json"},
		{"track", hmbaFile, "--turns", "0"},
		{"track", hmbaFile, "--refpts", "0,200"},
		{"track", hmbaFile, "--sigma", "1,2,3"},
		{"track", hmbaFile, "--beam", "b.npy", "--particles", "3"},
		{"track", hmbaFile, "--particles", "1.5"},
		{"lattice", "--bogus"},
		{"--bogus"},
	} {
		// Two lines: the message and where to read the usage.
		code, stdout, stderr := gotrack(t, args...)
		path := "gotrack"
		if !strings.HasPrefix(args[0], "-") {
			path += " " + args[0]
		}
		lines := strings.Split(stderr, "\n")
		if code != 1 || stdout != "" || len(lines) != 3 || !strings.HasPrefix(lines[0], "gotrack: ") ||
			lines[1] != "Run '"+path+" --help' for usage." || lines[2] != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	code, _, stderr := gotrack(t, "frobnicate")
	if code != 1 || !strings.HasPrefix(stderr, "gotrack: unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = gotrack(t, "track", "no-such-lattice.json")
	if code != 1 || !strings.HasPrefix(stderr, "gotrack: ") || !strings.Contains(stderr, "no-such-lattice.json") {
		t.Errorf("missing lattice: exit %d, stderr %q", code, stderr)
	}
}

func TestLatticeWrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "copy.json")
	code, stdout, stderr := gotrack(t, "lattice", hmbaFile, "--write", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "elements:       121") || !strings.Contains(stdout, "StrMPoleSymplectic4Pass") {
		t.Errorf("summary:\n%s", stdout)
	}
	orig, err := atjson.LoadLattice(hmbaFile)
	if err != nil {
		t.Fatal(err)
	}
	back, err := atjson.LoadLattice(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Elements) != len(orig.Elements) || back.Energy != orig.Energy || back.Periodicity != orig.Periodicity {
		t.Fatalf("written lattice: %d elements, energy %g, periodicity %d", len(back.Elements), back.Energy, back.Periodicity)
	}
	for i := range orig.Elements {
		if !reflect.DeepEqual(orig.Elements[i], back.Elements[i]) {
			t.Fatalf("element %d differs:\n%+v\n%+v", i, orig.Elements[i], back.Elements[i])
		}
	}
	// Without argument: the default cell.
	code, stdout, _ = gotrack(t, "lattice")
	if code != 0 || !strings.Contains(stdout, "elements:       121") || !strings.Contains(stdout, "S28d") {
		t.Errorf("default lattice: exit %d\n%s", code, stdout)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := gotrack(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "gotrack ") || !strings.Contains(stdout, "cpu") {
		t.Errorf("exit %d: %q", code, stdout)
	}
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	t0 := time.Unix(0, 0)
	now := t0
	p := newProgressBarTo(&b, 80, func() time.Time { return now })
	now = t0.Add(time.Second)
	p.update(1000, 4000)
	line := b.String()
	if !strings.HasPrefix(line, "\r 25.0% [") || !strings.Contains(line, "1k particle-turns/s") || !strings.Contains(line, "ETA 0:03") || len(line) > 80 {
		t.Errorf("line %q", line)
	}
	// Not redrawn within 100 ms, except at the end.
	b.Reset()
	now = now.Add(50 * time.Millisecond)
	p.update(2000, 4000)
	if b.Len() != 0 {
		t.Errorf("redrawn after 50 ms: %q", b.String())
	}
	now = now.Add(50 * time.Millisecond)
	p.update(3000, 4000)
	if !strings.Contains(b.String(), "75.0%") {
		t.Errorf("not redrawn after 100 ms: %q", b.String())
	}
	b.Reset()
	now = now.Add(time.Millisecond)
	p.update(4000, 4000)
	if !strings.Contains(b.String(), "100.0%") || !strings.Contains(b.String(), "done") {
		t.Errorf("final line %q", b.String())
	}
	b.Reset()
	p.finish()
	if s := b.String(); !strings.HasPrefix(s, "\r") || strings.TrimSpace(s) != "" {
		t.Errorf("finish wrote %q", s)
	}
	// Not a terminal: no bar.
	if newProgressBar(&b) != nil {
		t.Error("progress bar on a buffer")
	}
}
