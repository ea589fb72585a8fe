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

// opticsTol is the bound on one quantity of the optics references: |got -
// want| <= abs + rel·|want|.
type opticsTol struct{ abs, rel float64 }

// opticsTolerances are the tolerances, by the path of the quantity
// in the reference block ("linopt6.beta", "envelope_parameters.U0", ...);
// a path not listed takes the tolerance of its first element.
var opticsTolerances = map[string]opticsTol{
	"orbit4":                        {1e-11, 0},
	"orbit6":                        {1e-11, 0},
	"m44":                           {1e-8, 0},
	"m66":                           {1e-8, 0},
	"tune":                          {1e-8, 0},
	"chromaticity":                  {1e-5, 0},
	"linopt6.ringdata.tune":         {1e-8, 0},
	"linopt6.ringdata.chromaticity": {1e-5, 0},
	"linopt6.ringdata.damping_time": {0, 1e-5},
	"linopt6.s_pos":                 {1e-9, 0},
	"linopt6.beta":                  {0, 1e-7},
	"linopt6.alpha":                 {1e-6, 0},
	"linopt6.dispersion":            {1e-8, 0},
	"linopt6.mu":                    {1e-8, 0},
	"linopt6.closed_orbit":          {1e-11, 0},
	// emittances, damping, sigma_e, sigma_l, J, f_s: 1e-5 relative; the
	// near-zero vertical emittances and beam-matrix entries 1e-20 absolute
	"ohmi_envelope":          {1e-20, 1e-5},
	"envelope_parameters":    {1e-20, 1e-5},
	"envelope_parameters.U0": {0, 1e-8},
	"energy_loss":            {0, 1e-8},
}

// opticsSkipped are the reference keys the command does not write: the
// calls' text, the tracked ring's description, and the 4D radiation
// integrals (another PyAT function, not asked).
var opticsSkipped = map[string]bool{"call": true, "ring": true, "passmethods": true, "lattice_json": true,
	"radiation_parameters_4d_integrals": true, "is_6d": true}

// TestOpticsJSON runs `gotrack optics --json` on every public optics
// reference and compares every number of the block, field by field, with
// PyAT's at the tolerances: the 4d block with --4d on the lattice,
// as_loaded_6d on the lattice as loaded, radiation_on_6d on the radiating
// lattice; where PyAT raised an error (a radiating lattice without a
// cavity), the command must fail with the same reason. The damping times
// of a 6D lattice without radiation are skipped: PyAT's are L/c over
// rounding-level rates (tracking/optics compares the rates themselves).
func TestOpticsJSON(t *testing.T) {
	for _, name := range []string{"FODO", "dba", "esrf", "hmba"} {
		raw, err := os.ReadFile(filepath.Join(testdataDir, "optics", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var ref map[string]any
		if err := json.Unmarshal(raw, &ref); err != nil {
			t.Fatal(err)
		}
		for _, block := range []string{"4d", "as_loaded_6d", "radiation_on_6d"} {
			b, ok := ref[block].(map[string]any)
			if !ok {
				continue
			}
			t.Run(name+"/"+block, func(t *testing.T) {
				latFile, _ := ref["lattice_json"].(string)
				if f, ok := b["lattice_json"].(string); ok {
					latFile = f
				}
				out := filepath.Join(t.TempDir(), "optics.json")
				args := []string{"optics", filepath.Join(testdataDir, latFile), "--json", out}
				if block == "4d" {
					args = append(args, "--4d")
				}
				code, _, stderr := gotrack(t, args...)
				o6, _ := b["orbit6"].(map[string]any)
				if e, ok := o6["error"].(string); ok {
					if code == 0 || !strings.Contains(strings.ToLower(stderr), "no cavity") {
						t.Fatalf("PyAT: %s; gotrack: exit status %d, %s", e, code, stderr)
					}
					return
				}
				if code != 0 {
					t.Fatalf("exit status %d: %s", code, stderr)
				}
				gotRaw, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				var got map[string]any
				if err := json.Unmarshal(gotRaw, &got); err != nil {
					t.Fatal(err)
				}
				if got["is_6d"] != b["is_6d"] {
					t.Errorf("is_6d %v, PyAT %v", got["is_6d"], b["is_6d"])
				}
				var c opticsCompare
				skipDamping := b["ohmi_envelope"] == nil && block != "4d"
				for k, v := range b {
					if opticsSkipped[k] {
						continue
					}
					if k == "linopt6" && skipDamping {
						delete(v.(map[string]any)["ringdata"].(map[string]any), "damping_time")
					}
					c.compare(k, v, got[k])
				}
				for _, e := range c.errs[:min(len(c.errs), 10)] {
					t.Error(e)
				}
				if len(c.errs) > 10 {
					t.Errorf("... %d differences in all", len(c.errs))
				}
				t.Logf("%d values within tolerance; largest |difference| / bound %.3g", c.values, c.worst)
			})
		}
	}
}

// opticsCompare walks a reference block and the command's output.
type opticsCompare struct {
	values int
	worst  float64
	errs   []string
}

func (c *opticsCompare) compare(path string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			c.errs = append(c.errs, fmt.Sprintf("%s: missing or not an object in the output (%T)", path, got))
			return
		}
		for k, v := range w {
			if opticsSkipped[k] {
				continue
			}
			c.compare(path+"."+k, v, g[k])
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			c.errs = append(c.errs, fmt.Sprintf("%s: %d values in PyAT's, output %v", path, len(w), describeJSON(got)))
			return
		}
		for i := range w {
			c.compare(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
		}
	case nil:
		if got != nil {
			c.errs = append(c.errs, fmt.Sprintf("%s: PyAT null, output %v", path, got))
		}
	case string: // "NaN", "Infinity"
		g, ok := got.(float64)
		if (w == "NaN" && !(ok && math.IsNaN(g))) && got != nil {
			c.errs = append(c.errs, fmt.Sprintf("%s: PyAT %s, output %v", path, w, got))
		}
	case float64:
		g, ok := got.(float64)
		if !ok {
			c.errs = append(c.errs, fmt.Sprintf("%s: PyAT %g, output %v", path, w, describeJSON(got)))
			return
		}
		tol := tolerance(path)
		bound := tol.abs + tol.rel*math.Abs(w)
		d := math.Abs(g - w)
		c.values++
		if !(d <= bound) {
			c.errs = append(c.errs, fmt.Sprintf("%s: %.17g, PyAT %.17g (|d| %.3g, bound %.3g)", path, g, w, d, bound))
		} else if bound > 0 {
			c.worst = math.Max(c.worst, d/bound)
		}
	}
}

// tolerance returns the tolerance of the longest listed prefix of path
// (indices removed).
func tolerance(path string) opticsTol {
	p := path
	if i := strings.IndexByte(p, '['); i >= 0 {
		p = p[:i]
	}
	for {
		if tol, ok := opticsTolerances[p]; ok {
			return tol
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return opticsTol{}
		}
		p = p[:i]
	}
}

func describeJSON(v any) string {
	switch x := v.(type) {
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case nil:
		return "missing"
	}
	return fmt.Sprintf("%T", v)
}

// TestOpticsSummaryAndPlot checks the summary table of the radiating hmba
// cell (PyAT's tunes, energy loss and bunch length, to the digits printed)
// and that --plot writes a PNG readable by others.
func TestOpticsSummaryAndPlot(t *testing.T) {
	png := filepath.Join(t.TempDir(), "optics.png")
	code, stdout, stderr := gotrack(t, "optics", filepath.Join(testdataDir, "lattices", "hmba_6d.json"), "--plot", png)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	for _, want := range []string{"tunes (x, y, z):      0.21001660, 0.34004469, 0.00348993",
		"energy loss per turn: 2526.19 keV", "bunch length:         3.05905 mm", "wrote " + png} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	fi, err := os.Stat(png)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "\x89PNG") || fi.Mode().Perm() != 0o644 {
		t.Errorf("%s: mode %v, %d bytes starting %q", png, fi.Mode().Perm(), len(b), b[:min(len(b), 4)])
	}
	if code, _, stderr := gotrack(t, "optics", "--plot", filepath.Join(t.TempDir(), "x.gif")); code != 1 || !strings.Contains(stderr, "unknown extension") {
		t.Errorf("--plot x.gif: exit status %d, %s", code, stderr)
	}
}
