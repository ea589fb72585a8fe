package selftest

import (
	"math"
	"strings"
	"testing"

	_ "github.com/gotrack/gotrack/host"        // the "cpu" backend
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/refcase"
)

// TestRunCPU: every embedded case agrees with PyAT on the CPU, within the
// tolerances (the element cases' largest relative difference at most
// refcase.ElementRel, the ring's largest difference at most refcase.RingAbs).
func TestRunCPU(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Elements) < 10 || len(s.Ring) != 1 || len(s.Collective) != 1 {
		t.Fatalf("suite of %d element, %d ring, %d collective cases", len(s.Elements), len(s.Ring), len(s.Collective))
	}
	rs := Run(s, "cpu", tracking.Track, tracking.Options{Device: "cpu"})
	if len(rs) != 3 {
		t.Fatalf("%d groups, want 3", len(rs))
	}
	for _, r := range rs {
		t.Logf("%s/%s: %d cases, %d failed, max |d| %.3g (rel %.3g), %.3g particle-turns/s", r.Backend, r.Group, r.Cases, r.Failed, r.MaxAbs, r.MaxRel, r.Rate)
		if !r.Pass() {
			t.Errorf("%s: %s", r.Group, strings.Join(r.Failures, "\n"))
		}
		if r.ParticleTurns <= 0 || r.Rate <= 0 || math.IsInf(r.Rate, 0) {
			t.Errorf("%s: %d particle-turns at %g per s", r.Group, r.ParticleTurns, r.Rate)
		}
	}
	if rs[1].MaxAbs > refcase.RingAbs {
		t.Errorf("ring: largest difference %g above refcase.RingAbs %g", rs[1].MaxAbs, refcase.RingAbs)
	}
}

// TestRunDetectsError: a PyAT value moved by 1e-9 relative, far beyond
// refcase.ElementRel, fails its group, and only it.
func TestRunDetectsError(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	c := s.Elements[0]
	i := 0
	for i < len(c.Final) && math.IsNaN(c.Final[i][0]) {
		i++
	}
	c.Final[i][1] = c.Final[i][1]*(1+1e-9) + 1e-12
	rs := Run(s, "cpu", tracking.Track, tracking.Options{Device: "cpu"})
	if rs[0].Pass() || rs[0].Failed != 1 || !strings.Contains(strings.Join(rs[0].Failures, "\n"), c.Name) {
		t.Errorf("corrupted %s: elements group %+v", c.Name, rs[0])
	}
	if rs[0].MaxRel < 1e-10 {
		t.Errorf("largest relative difference %g does not show the 1e-9 error", rs[0].MaxRel)
	}
	if !rs[1].Pass() || !rs[2].Pass() {
		t.Errorf("untouched groups failed: %+v %+v", rs[1], rs[2])
	}
}
