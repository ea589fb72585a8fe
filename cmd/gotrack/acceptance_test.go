package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
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
			var got, want acceptanceRef
			b, err := os.ReadFile(js)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &got.Result); err != nil {
				t.Fatal(err)
			}
			b, err = os.ReadFile("../../testdata/acceptance/" + c.ref + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
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
					if math.Abs(q.got[i]-q.want[i]) > c.tol {
						t.Errorf("%s[%d] = %.17g, PyAT %.17g", q.name, i, q.got[i], q.want[i])
					}
				}
			}
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
	lat, err := atjson.LoadLattice("../../testdata/lattices/hmba.json")
	if err != nil {
		t.Fatal(err)
	}
	for v := 0; v < 8; v++ {
		c := *lat
		c.Elements = make([]*tracking.Element, len(lat.Elements))
		for i, e := range lat.Elements {
			c.Elements[i] = e
			if b, ok := e.Get("PolynomB"); ok && e.PassMethod == "StrMPoleSymplectic4Pass" {
				if pb, ok := b.([]float64); ok && len(pb) > 2 && pb[2] != 0 {
					n := e.Clone()
					pb = append([]float64(nil), pb...)
					pb[2] *= 0.93 + 0.02*float64(v)
					n.Set("PolynomB", pb)
					c.Elements[i] = n
				}
			}
		}
		if err := atjson.SaveLattice(&c, filepath.Join(dir, fmt.Sprintf("seed%d.json", v))); err != nil {
			t.Fatal(err)
		}
	}
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
