package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// acceptanceRef is what the command test reads of a testdata/acceptance
// case: PyAT's result.
type acceptanceRef struct {
	Result struct {
		Boundary     any         `json:"boundary"`
		Survived     [][]float64 `json:"survived"`
		Tracked      [][]float64 `json:"tracked"`
		SurvivedFlag []bool      `json:"survived_flag"`
	} `json:"result"`
}

// flatten returns the numbers of a JSON array of any depth.
func flatten(v any) []float64 {
	switch x := v.(type) {
	case float64:
		return []float64{x}
	case []any:
		var r []float64
		for _, e := range x {
			r = append(r, flatten(e)...)
		}
		return r
	}
	return nil
}

// TestAcceptanceCommand runs "gotrack acceptance --json --plot" on two of
// PyAT's reference calls and compares the JSON with PyAT's result: the
// survived flag of every tracked point exactly, the tracked and survived
// points and the boundary exactly (1-D recursive search) or within 1e-17
// m (the radial grid from element 61 at dp = -2%, whose angles come from
// Go's cos and sin, an ulp from libm's).
func TestAcceptanceCommand(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		ref  string
		tol  float64
		args []string
	}{
		{"hmba_x", 0, []string{"--planes", "x", "--resolution", "5e-5", "--amplitudes", "0.01"}},
		{"hmba_xy_radial_obs61_dpm2", 1e-17, []string{"--planes", "x,y", "--npoints", "21,11", "--amplitudes", "0.015,0.008",
			"--turns", "512", "--refpts", "61", "--dp", "-0.02", "--grid", "radial"}},
	} {
		t.Run(c.ref, func(t *testing.T) {
			js, png := filepath.Join(dir, c.ref+".json"), filepath.Join(dir, c.ref+".png")
			args := append([]string{"acceptance", "../../testdata/lattices/hmba.json", "--json", js, "--plot", png, "-q"}, c.args...)
			code, stdout, stderr := gotrack(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			var got acceptanceRef
			b, err := os.ReadFile(js)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &got.Result); err != nil {
				t.Fatal(err)
			}
			compareAcceptance(t, got, readAcceptanceRef(t, c.ref), c.tol)
			if st, err := os.Stat(png); err != nil || st.Size() < 1000 {
				t.Errorf("plot %s not written (%v)", png, err)
			}
		})
	}
	code, _, stderr := gotrack(t, "acceptance", "../../testdata/lattices/hmba.json", "--planes", "x", "--amplitudes", "0.01")
	if code == 0 || !strings.Contains(stderr, "--resolution") {
		t.Errorf("a 1-D scan without --resolution: exit %d, %q; want a usage error naming --resolution", code, stderr)
	}
}

// readAcceptanceRef reads PyAT's result of testdata/acceptance/ref.json.
func readAcceptanceRef(t *testing.T, ref string) acceptanceRef {
	t.Helper()
	var want acceptanceRef
	b, err := os.ReadFile("../../testdata/acceptance/" + ref + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

// compareAcceptance compares a scan with PyAT's: the survived flags
// exactly, the boundary, survived and tracked points within tol.
func compareAcceptance(t *testing.T, got, want acceptanceRef, tol float64) {
	t.Helper()
	g, w := got.Result, want.Result
	if len(g.SurvivedFlag) != len(w.SurvivedFlag) {
		t.Fatalf("%d points tracked, PyAT %d", len(g.SurvivedFlag), len(w.SurvivedFlag))
	}
	for i := range w.SurvivedFlag {
		if g.SurvivedFlag[i] != w.SurvivedFlag[i] {
			t.Errorf("point %d: survived %v, PyAT %v", i, g.SurvivedFlag[i], w.SurvivedFlag[i])
		}
	}
	for _, q := range []struct {
		name      string
		got, want []float64
	}{
		{"boundary", flatten(toAny(t, g.Boundary)), flatten(toAny(t, w.Boundary))},
		{"survived", flatten(toAny(t, g.Survived)), flatten(toAny(t, w.Survived))},
		{"tracked", flatten(toAny(t, g.Tracked)), flatten(toAny(t, w.Tracked))},
	} {
		if len(q.got) != len(q.want) {
			t.Fatalf("%s: %d values, PyAT %d", q.name, len(q.got), len(q.want))
		}
		for i := range q.want {
			if math.Abs(q.got[i]-q.want[i]) > tol {
				t.Errorf("%s[%d] = %.17g, PyAT %.17g", q.name, i, q.got[i], q.want[i])
			}
		}
	}
}

// TestAcceptanceSeveralRefpts: "--refpts 0,61" runs PyAT's 1-D x search
// from both points as one batch (the searches side by side) and writes
// PyAT's lists, one entry per refpt; each is PyAT's result from that
// point alone (hmba_x, hmba_x_obs61), exactly.
func TestAcceptanceSeveralRefpts(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "x.json")
	code, stdout, stderr := gotrack(t, "acceptance", "../../testdata/lattices/hmba.json", "--planes", "x", "--resolution", "5e-5",
		"--amplitudes", "0.01", "--refpts", "0,61", "--json", js, "--plot", filepath.Join(dir, "x-{refpt}.png"), "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	var got struct {
		Boundary     []any         `json:"boundary"`
		Survived     [][][]float64 `json:"survived"`
		Tracked      [][][]float64 `json:"tracked"`
		SurvivedFlag [][]bool      `json:"survived_flag"`
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Boundary) != 2 || len(got.Survived) != 2 || len(got.Tracked) != 2 || len(got.SurvivedFlag) != 2 {
		t.Fatalf("want lists of 2 (one per refpt), got %d, %d, %d, %d", len(got.Boundary), len(got.Survived), len(got.Tracked), len(got.SurvivedFlag))
	}
	for i, ref := range []string{"hmba_x", "hmba_x_obs61"} {
		var g acceptanceRef
		g.Result.Boundary, g.Result.Survived, g.Result.Tracked, g.Result.SurvivedFlag = got.Boundary[i], got.Survived[i], got.Tracked[i], got.SurvivedFlag[i]
		t.Run(ref, func(t *testing.T) { compareAcceptance(t, g, readAcceptanceRef(t, ref), 0) })
	}
	for _, k := range []string{"0", "61"} {
		if st, err := os.Stat(filepath.Join(dir, "x-"+k+".png")); err != nil || st.Size() < 1000 {
			t.Errorf("plot of refpt %s not written (%v)", k, err)
		}
	}
	code, _, stderr = gotrack(t, "acceptance", "../../testdata/lattices/hmba.json", "--planes", "x", "--resolution", "5e-5",
		"--amplitudes", "0.01", "--refpts", "0,61", "--plot", filepath.Join(dir, "x.png"))
	if code == 0 || !strings.Contains(stderr, "{refpt}") {
		t.Errorf("--plot without {refpt} for 2 refpts: exit %d, %q", code, stderr)
	}
}

// toAny round-trips v through JSON, so that both sides compare as the
// same generic values.
func toAny(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var r any
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAcceptanceBatch scans 8 variants of the hmba cell (its sextupoles
// scaled by 0.93 to 1.07) with one "gotrack acceptance --lattices" call,
// and each alone: every variant's JSON must be byte for byte the one of
// its own run, and the variants must not all give the same survived map.
func TestAcceptanceBatch(t *testing.T) {
	dir := t.TempDir()
	writeVariants(t, dir, 8)
	scan := []string{"--planes", "x,y", "--npoints", "9,5", "--amplitudes", "0.015,0.008", "--turns", "128", "-q"}
	args := append([]string{"acceptance", "--lattices", filepath.Join(dir, "seed*.json"), "--json", filepath.Join(dir, "batch-{name}.json")}, scan...)
	if code, stdout, stderr := gotrack(t, args...); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	maps := map[string]bool{}
	for v := 0; v < 8; v++ {
		alone := filepath.Join(dir, fmt.Sprintf("alone%d.json", v))
		args := append([]string{"acceptance", filepath.Join(dir, fmt.Sprintf("seed%d.json", v)), "--json", alone}, scan...)
		if code, stdout, stderr := gotrack(t, args...); code != 0 {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		a, err := os.ReadFile(alone)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("batch-seed%d.json", v)))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("seed%d: the batch's result differs from the lattice scanned alone", v)
		}
		var r acceptanceRef
		if err := json.Unmarshal(b, &r.Result); err != nil {
			t.Fatal(err)
		}
		maps[fmt.Sprint(r.Result.SurvivedFlag)] = true
	}
	if len(maps) < 2 {
		t.Errorf("the 8 variants gave the same survived map: the variants do not reach the scan")
	}
	t.Logf("%d distinct survived maps over 8 variants", len(maps))
	code, _, stderr := gotrack(t, append([]string{"acceptance", "--lattices", filepath.Join(dir, "seed*.json"), "--json", filepath.Join(dir, "x.json")}, scan...)...)
	if code == 0 || !strings.Contains(stderr, "{name}") {
		t.Errorf("--json without {name} in a batch: exit %d, %q; want a usage error naming {name}", code, stderr)
	}
}
