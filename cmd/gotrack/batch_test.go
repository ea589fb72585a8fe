package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// writeVariants writes n variants of the HMBA cell into dir as
// seed0.json ... seed<n-1>.json: variant v has its sextupoles scaled by
// 0.93 + 0.02 v, as error seeds of one lattice would differ.
func writeVariants(t *testing.T, dir string, n int) {
	t.Helper()
	lat, err := atjson.LoadLattice("../../testdata/lattices/hmba.json")
	if err != nil {
		t.Fatal(err)
	}
	for v := 0; v < n; v++ {
		c := *lat
		c.Elements = make([]*tracking.Element, len(lat.Elements))
		for i, e := range lat.Elements {
			c.Elements[i] = e
			if b, ok := e.Get("PolynomB"); ok && e.PassMethod == "StrMPoleSymplectic4Pass" {
				if pb, ok := b.([]float64); ok && len(pb) > 2 && pb[2] != 0 {
					ne := e.Clone()
					pb = append([]float64(nil), pb...)
					pb[2] *= 0.93 + 0.02*float64(v)
					ne.Set("PolynomB", pb)
					c.Elements[i] = ne
				}
			}
		}
		if err := atjson.SaveLattice(&c, filepath.Join(dir, fmt.Sprintf("seed%d.json", v))); err != nil {
			t.Fatal(err)
		}
	}
}

// fileSum returns the sha256 of a file.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// TestTrackBatch: "track --lattices" tracks the same generated beam
// through each variant and writes, for each, the files of the lattice
// tracked alone, byte for byte; a lattice that cannot be read is named,
// the others are still tracked, and the command fails.
func TestTrackBatch(t *testing.T) {
	dir := t.TempDir()
	const n = 4
	writeVariants(t, dir, n)
	run := []string{"-n", "64", "-t", "40", "--sigma", "2e-3,1e-4,5e-4,5e-5,5e-3,1e-3", "--refpts", "0", "-q"}
	if code, stdout, stderr := gotrack(t, append([]string{"track", "--lattices", filepath.Join(dir, "seed*.json"), "--out", filepath.Join(dir, "batch-{name}")}, run...)...); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	finals := map[string]bool{}
	for v := 0; v < n; v++ {
		alone := filepath.Join(dir, fmt.Sprintf("alone%d", v))
		if code, stdout, stderr := gotrack(t, append([]string{"track", filepath.Join(dir, fmt.Sprintf("seed%d.json", v)), "--out", alone}, run...)...); code != 0 {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		batch := filepath.Join(dir, fmt.Sprintf("batch-seed%d", v))
		for _, f := range []string{"initial.npy", "final.npy", "lost.npy", "lost_turn.npy", "monitor.npy"} {
			if a, b := fileSum(t, filepath.Join(alone, f)), fileSum(t, filepath.Join(batch, f)); a != b {
				t.Errorf("seed%d: %s of the batch differs from the lattice tracked alone", v, f)
			}
		}
		finals[fileSum(t, filepath.Join(batch, "final.npy"))] = true
	}
	if len(finals) != n {
		t.Errorf("%d distinct final.npy over %d variants: the variants do not reach the tracking", len(finals), n)
	}

	// A broken lattice among them.
	if err := os.WriteFile(filepath.Join(dir, "seed1.json"), []byte(`{"atjson": 1, "elements": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := gotrack(t, append([]string{"track", "--lattices", filepath.Join(dir, "seed*.json"), "--out", filepath.Join(out, "{name}")}, run...)...)
	if code != 1 || !strings.Contains(stderr, "track: 1 of 4 lattices failed: "+filepath.Join(dir, "seed1.json")) {
		t.Errorf("a broken lattice: exit %d, stderr %q", code, stderr)
	}
	for _, v := range []int{0, 2, 3} {
		if _, err := os.Stat(filepath.Join(out, fmt.Sprintf("seed%d", v), "summary.json")); err != nil {
			t.Errorf("seed%d was not tracked after the broken seed1: %v", v, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "seed1")); err == nil {
		t.Errorf("the broken seed1 has an output directory")
	}

	code, _, stderr = gotrack(t, "track", "--lattices", filepath.Join(dir, "seed*.json"), "--out", filepath.Join(out, "same"), "-q")
	if code != 1 || !strings.Contains(stderr, "with --lattices, the name needs {name}") {
		t.Errorf("--out without {name}: exit %d, %q; want a usage error naming {name}", code, stderr)
	}
}

// TestTrackBeams: "track --beams" tracks every matching beam file through
// the lattice and writes, for each, the files of that beam tracked alone
// with --beam, byte for byte.
func TestTrackBeams(t *testing.T) {
	dir := t.TempDir()
	beams := filepath.Join(dir, "beams")
	if err := os.Mkdir(beams, 0o755); err != nil {
		t.Fatal(err)
	}
	const lattice = "../../testdata/lattices/hmba.json"
	for s := 1; s <= 3; s++ {
		gen := filepath.Join(dir, fmt.Sprintf("gen%d", s))
		if code, _, stderr := gotrack(t, "track", lattice, "-n", "40", "-t", "1", "--seed", fmt.Sprint(s), "--out", gen, "-q"); code != 0 {
			t.Fatalf("drawing beam %d: exit %d: %s", s, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(gen, "initial.npy"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(beams, fmt.Sprintf("bunch%d.npy", s)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := []string{"-t", "25", "--refpts", "0", "-q"}
	if code, stdout, stderr := gotrack(t, append([]string{"track", lattice, "--beams", filepath.Join(beams, "bunch*.npy"), "--out", filepath.Join(dir, "out-{name}")}, run...)...); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	finals := map[string]bool{}
	for s := 1; s <= 3; s++ {
		alone := filepath.Join(dir, fmt.Sprintf("alone%d", s))
		if code, _, stderr := gotrack(t, append([]string{"track", lattice, "--beam", filepath.Join(beams, fmt.Sprintf("bunch%d.npy", s)), "--out", alone}, run...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		batch := filepath.Join(dir, fmt.Sprintf("out-bunch%d", s))
		for _, f := range []string{"initial.npy", "final.npy", "lost.npy", "monitor.npy"} {
			if a, b := fileSum(t, filepath.Join(alone, f)), fileSum(t, filepath.Join(batch, f)); a != b {
				t.Errorf("bunch%d: %s of the batch differs from the beam tracked alone", s, f)
			}
		}
		finals[fileSum(t, filepath.Join(batch, "final.npy"))] = true
	}
	if len(finals) != 3 {
		t.Errorf("%d distinct final.npy over 3 beams", len(finals))
	}
	code, _, stderr := gotrack(t, "track", lattice, "--beams", filepath.Join(beams, "bunch*.npy"), "--beam", filepath.Join(beams, "bunch1.npy"), "--out", filepath.Join(dir, "x-{name}"))
	if code != 1 || !strings.Contains(stderr, "give --beam or --beams, not both") {
		t.Errorf("--beam with --beams: exit %d, %q", code, stderr)
	}
}
