package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// TestTrackMatched runs `track --matched` on the radiating hmba cell: the
// summary records the equilibrium beam matrix and the 6D closed orbit,
// and initial.npy is the beam drawn from them, bit for bit; the beam
// matrix is the envelope's r66.
func TestTrackMatched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	lat6 := filepath.Join(testdataDir, "lattices", "hmba_6d.json")
	code, _, stderr := gotrack(t, "track", lat6, "--matched", "--particles", "2000", "--seed", "3", "--turns", "2", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Matched *matchedSummary `json:"matched"`
		Lost    int             `json:"lost"`
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	m := sum.Matched
	if m == nil || m.Source != "equilibrium" || len(m.Sigma) != 6 || len(m.Orbit) != 6 {
		t.Fatalf("summary's matched: %+v", m)
	}
	var sigma optics.Mat66
	var orbit optics.Vec6
	for i := range sigma {
		copy(sigma[i][:], m.Sigma[i])
	}
	copy(orbit[:], m.Orbit)
	env, err := optics.OhmiEnvelope(mustLoad(t, lat6), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sigma != env.Start.R66 || orbit != env.Start.Orbit6 {
		t.Error("summary's beam matrix or orbit is not the envelope's")
	}
	want, err := optics.GaussianBeamFrom(2000, sigma, orbit, 3)
	if err != nil {
		t.Fatal(err)
	}
	_, got := readNPY(t, filepath.Join(out, "initial.npy"))
	for i := 0; i < want.Len(); i++ {
		for k := 0; k < 6; k++ {
			if math.Float64bits(got[6*i+k]) != math.Float64bits(want.Coords[k][i]) {
				t.Fatalf("initial.npy particle %d coordinate %d: %g, drawn %g", i, k, got[6*i+k], want.Coords[k][i])
			}
		}
	}
	if sum.Lost != 0 {
		t.Errorf("%d particles of a matched beam lost in 2 turns", sum.Lost)
	}
}

// TestTrackMatchedErrors checks the refusals of --matched.
func TestTrackMatchedErrors(t *testing.T) {
	lat4 := filepath.Join(testdataDir, "lattices", "hmba.json")
	lat6 := filepath.Join(testdataDir, "lattices", "hmba_6d.json")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{lat4, "--matched"}, 1, "no radiation equilibrium"},
		{[]string{lat4, "--matched", "--emit-x", "1e-10"}, 1, "1 of 4 given"},
		{[]string{lat6, "--matched", "--emit-x", "1e-10", "--emit-y", "0", "--sigma-e", "1e-3", "--sigma-l", "3e-3"}, 1, "equilibrium fixes the beam sizes"},
		{[]string{lat4, "--emit-x", "1e-10"}, 1, "--emit-x applies to a matched beam"},
		{[]string{lat4, "--matched", "--sigma", "1,1,1,1,1,1"}, 1, "--sigma and --matched"},
		{[]string{lat4, "--matched", "--beam", "x.npy"}, 1, "--matched applies to a generated beam"},
		{[]string{lat4, "--matched", "--emit-x", "-1", "--emit-y", "0", "--sigma-e", "1e-3", "--sigma-l", "3e-3"}, 1, "emit-x = -1"},
	} {
		args := append([]string{"track"}, c.args...)
		args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
		code, _, stderr := gotrack(t, args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit status %d, %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

func mustLoad(t *testing.T, path string) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.LoadLattice(path)
	if err != nil {
		t.Fatal(err)
	}
	return lat
}
