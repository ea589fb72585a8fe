package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrackQuantum runs `track --quantum` on the radiating hmba cell: the
// summary records the seed and the diffusion element appended (its Lmatp
// a lower-triangular factor with the cell's horizontal and longitudinal
// diffusion); the same seed gives the same final.npy bits on 1 and 2
// threads and with tiles of 1 and 256 particles, another seed other bits;
// --radiation --quantum on the 4D cell tracks it 6D with diffusion.
func TestTrackQuantum(t *testing.T) {
	dir := t.TempDir()
	lat4 := filepath.Join(testdataDir, "lattices", "hmba.json")
	lat6 := filepath.Join(testdataDir, "lattices", "hmba_6d.json")
	run := func(name string, args ...string) (summary, []float64) {
		t.Helper()
		out := filepath.Join(dir, name)
		a := append([]string{"track"}, args...)
		a = append(a, "--particles", "300", "--turns", "3", "--out", out, "--quiet")
		code, _, stderr := gotrack(t, a...)
		if code != 0 {
			t.Fatalf("%v: exit status %d: %s", args, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum summary
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		_, fin := readNPY(t, filepath.Join(out, "final.npy"))
		return sum, fin
	}
	sum, ref := run("t1", lat6, "--quantum", "--seed", "7", "--threads", "1")
	q := sum.Quantum
	if sum.Seed != 7 || q == nil || q.Method != "QuantDiffPass" || q.Element != sum.Elements-1 || sum.Elements != 122 {
		t.Fatalf("summary: seed %d, %d elements, quantum %+v", sum.Seed, sum.Elements, q)
	}
	for i := 0; i < 6; i++ {
		for j := i + 1; j < 6; j++ {
			if q.Lmatp[i][j] != 0 {
				t.Errorf("Lmatp[%d][%d] = %g above the diagonal", i, j, q.Lmatp[i][j])
			}
		}
	}
	if !(q.Lmatp[0][0] > 0 && q.Lmatp[4][4] > 0 && q.Lmatp[2][2] == 0) {
		t.Errorf("Lmatp diagonal %g %g %g: want horizontal and energy diffusion, none vertical", q.Lmatp[0][0], q.Lmatp[4][4], q.Lmatp[2][2])
	}
	same := func(a, b []float64) bool {
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				return false
			}
		}
		return len(a) == len(b)
	}
	for _, c := range [][]string{{"--threads", "2"}, {"--threads", "2", "--tile", "1"}, {"--threads", "1", "--tile", "256"}} {
		_, fin := run("t"+strings.Join(c, ""), append([]string{lat6, "--quantum", "--seed", "7"}, c...)...)
		if !same(fin, ref) {
			t.Errorf("%v: final.npy differs from one thread's", c)
		}
	}
	if _, fin := run("seed8", lat6, "--quantum", "--seed", "8", "--threads", "1"); same(fin, ref) {
		t.Error("seeds 7 and 8 gave the same final.npy")
	}
	sum, _ = run("rad", lat4, "--radiation", "--quantum")
	if !sum.Radiation || !sum.Is6D || sum.Quantum == nil {
		t.Errorf("--radiation --quantum on the 4D cell: radiation %v, 6D %v, quantum %v", sum.Radiation, sum.Is6D, sum.Quantum != nil)
	}
	code, _, stderr := gotrack(t, "track", lat4, "--quantum", "--out", filepath.Join(dir, "no"))
	if code == 0 || !strings.Contains(stderr, "--radiation") {
		t.Errorf("--quantum on a 4D lattice: exit status %d, stderr %q; want a refusal naming --radiation", code, stderr)
	}
}
