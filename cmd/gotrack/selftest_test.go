package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/refcase"
	"github.com/gotrack/gotrack/tracking/selftest"
)

// TestSelftest runs "gotrack selftest" in-process: it passes on the CPU,
// with a PASS row per group; --json gives the same verdict with the
// largest differences within the conformance tolerances.
func TestSelftest(t *testing.T) {
	code, stdout, stderr := gotrack(t, "selftest")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, g := range []string{"elements", "ring", "collective"} {
		if !strings.Contains(stdout, "cpu      "+g) || strings.Contains(stdout, "FAIL") {
			t.Errorf("no passing cpu %s row:\n%s", g, stdout)
		}
	}
	if !strings.HasSuffix(stdout, "selftest: PASS\n") {
		t.Errorf("stdout does not end with the verdict:\n%s", stdout)
	}

	code, stdout, stderr = gotrack(t, "selftest", "--json", "--device", "cpu")
	if code != 0 {
		t.Fatalf("--json: exit %d\n%s%s", code, stdout, stderr)
	}
	var rep selftestReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if !rep.Pass || len(rep.Results) != 3 {
		t.Fatalf("--json: pass %v, %d results", rep.Pass, len(rep.Results))
	}
	limits := map[string]float64{"elements": refcase.ElementAbs + refcase.ElementRel, "ring": refcase.RingAbs, "collective": refcase.CollectiveAbs + refcase.CollectiveCoordRel}
	for _, r := range rep.Results {
		if r.Backend != "cpu" || r.Cases < 1 || r.Failed != 0 || !(r.Rate > 0) {
			t.Errorf("--json: %+v", r)
		}
		// Coordinates are at most of order 1, so the bounds hold as
		// absolute ones.
		if r.MaxAbs > limits[r.Group] {
			t.Errorf("%s: largest difference %g above %g", r.Group, r.MaxAbs, limits[r.Group])
		}
	}
}

// TestSelftestFails: a PyAT reference value moved by 10*refcase.RingAbs makes the command fail with exit status 1
// and a FAIL row naming the case.
func TestSelftestFails(t *testing.T) {
	saved := loadSelftest
	defer func() { loadSelftest = saved }()
	loadSelftest = func() (*selftest.Suite, error) {
		s, err := selftest.Load()
		if err != nil {
			return nil, err
		}
		out := s.Ring[0].Output
		last := out[len(out)-1][0]
		for i := range last {
			if !math.IsNaN(last[i][0]) {
				last[i][0] += 10 * refcase.RingAbs
				break
			}
		}
		return s, nil
	}
	code, stdout, stderr := gotrack(t, "selftest", "--device", "cpu")
	if code != 1 || !strings.Contains(stderr, "selftest failed") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "cpu      ring        FAIL") || !strings.Contains(stdout, "hmba_radon_t10: 1 mismatches") || !strings.HasSuffix(stdout, "selftest: FAIL\n") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if strings.Contains(stdout, "elements    FAIL") || strings.Contains(stdout, "collective  FAIL") {
		t.Errorf("untouched groups failed:\n%s", stdout)
	}
}

// TestSelftestUnknownDevice: --device must name a backend of the build.
func TestSelftestUnknownDevice(t *testing.T) {
	code, _, stderr := gotrack(t, "selftest", "--device", "tpu")
	if code != 1 || !strings.Contains(stderr, "--device tpu: not a backend of this build") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
