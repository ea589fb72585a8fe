package main

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/npy"
)

// badCell returns the hmba cell saved with a quadrupole whose K differs
// from its PolynomB[1] and, with bend, its first bend of zero length; and
// the index of that bend.
func badCell(t *testing.T, bend bool) (string, int) {
	t.Helper()
	lat, err := atjson.LoadLattice(hmbaFile)
	if err != nil {
		t.Fatal(err)
	}
	at, quad := -1, false
	for i, el := range lat.Elements {
		if strings.HasPrefix(el.FamName, "QF1") && !quad {
			el.Set("K", 1.5)
			quad = true
		}
		if bend && quad && at < 0 && strings.HasPrefix(el.PassMethod, "Bnd") {
			el.Set("Length", 0.0)
			at = i
		}
	}
	p := filepath.Join(t.TempDir(), "bad.json")
	if err := atjson.SaveLattice(lat, p); err != nil {
		t.Fatal(err)
	}
	return p, at
}

// TestWarningsOnce: a lattice whose attributes contradict, particles that
// start non-finite and a beam lost whole in its first turn are each said
// once on stderr, naming what is at fault; -q says nothing at all.
func TestWarningsOnce(t *testing.T) {
	lat, bend := badCell(t, true)
	rows := make([]float64, 5*6)
	rows[0] = math.NaN()
	rows[6+1] = math.Inf(1)
	beam := filepath.Join(t.TempDir(), "beam.npy")
	if err := npy.Save(beam, []int{5, 6}, rows); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := gotrack(t, "track", lat, "--beam", beam, "-t", "2", "--out", t.TempDir(), "--device", "cpu")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"gotrack: warning: " + lat + ": K differs from PolynomB[1] in 1 element (",
		"K 1.5, PolynomB[1] ",
		"gotrack: warning: " + lat + ": a bend of zero Length in 1 element (",
		"gotrack: warning: 2 particles of 5 with NaN or infinite coordinates at the start, lost at once",
		"gotrack: warning: every particle was lost in the first turn; ",
	} {
		if strings.Count(stderr, want) != 1 {
			t.Errorf("stderr says %q %d times, want once:\n%s", want, strings.Count(stderr, want), stderr)
		}
	}
	// The three sound particles go at the bend.
	if !strings.Contains(stderr, "3 of 5 at element "+itoa(bend)+" (") {
		t.Errorf("the first-turn loss does not name element %d:\n%s", bend, stderr)
	}

	qcode, qout, qerr := gotrack(t, "track", lat, "--beam", beam, "-t", "2", "--out", t.TempDir(), "-q")
	if qcode != 0 || qout != "" || qerr != "" {
		t.Errorf("-q: exit %d, stdout %q, stderr %q; want nothing", qcode, qout, qerr)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestLatticeWarns: gotrack lattice says what the lattice check finds,
// on stderr, and nothing for a sound lattice.
func TestLatticeWarns(t *testing.T) {
	lat, _ := badCell(t, false)
	code, _, stderr := gotrack(t, "lattice", lat)
	if code != 0 || !strings.HasPrefix(stderr, "gotrack: warning: "+lat+": K differs from PolynomB[1] in 1 element (") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := gotrack(t, "lattice", hmbaFile); code != 0 || stderr != "" {
		t.Errorf("sound lattice: exit %d, stderr %q", code, stderr)
	}
}
