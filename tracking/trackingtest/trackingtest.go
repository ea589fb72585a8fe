// Package trackingtest is gotrack's conformance suite: the PyAT reference
// cases (testdata/elements, testdata/rings) run through any registered
// backend, with the tolerances of the project's definition of done. Every
// backend's tests call it unchanged, handing it the backend's constructor
// (gonum's testblas pattern):
//
//	func TestConformance(t *testing.T) {
//		open := func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
//		trackingtest.Elements(t, open, "../testdata")
//		trackingtest.Rings(t, open, "../testdata", nil)
//	}
//
// Registered(name) is the constructor of a backend registered by name.
// Agree compares two backends with each other (TestAgreement of the C
// and CUDA backends against the Go engine).
package trackingtest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/refcase"
)

// The reference cases and tolerances are package refcase's; the suite
// reads them from a testdata directory.
type (
	// Num is refcase.Num.
	Num = refcase.Num
	// Loss is refcase.Loss.
	Loss = refcase.Loss
	// ElementCase is refcase.ElementCase.
	ElementCase = refcase.ElementCase
	// RingCase is refcase.RingCase.
	RingCase = refcase.RingCase
	// CollectiveCase is refcase.CollectiveCase.
	CollectiveCase = refcase.CollectiveCase
	// CollectiveRing is refcase.CollectiveRing.
	CollectiveRing = refcase.CollectiveRing
	// CollectiveElement is refcase.CollectiveElement.
	CollectiveElement = refcase.CollectiveElement
	// CollectiveDiagnostics is refcase.CollectiveDiagnostics.
	CollectiveDiagnostics = refcase.CollectiveDiagnostics
)

// Tolerances of the conformance suite (see package refcase).
const (
	ElementAbs         = refcase.ElementAbs
	ElementRel         = refcase.ElementRel
	RingAbs            = refcase.RingAbs
	CollectiveAbs      = refcase.CollectiveAbs
	CollectiveCoordRel = refcase.CollectiveCoordRel
	CollectiveRel      = refcase.CollectiveRel
)

// LoadElementCases reads every element case under dir/elements, sorted by
// name.
func LoadElementCases(dir string) ([]*ElementCase, error) {
	return refcase.LoadElementCases(os.DirFS(dir), dir)
}

// InputBeam returns the case's input particles as a beam.
func InputBeam(in [][6]Num) *tracking.Beam { return refcase.InputBeam(in) }

// LoadRingCase reads one ring case and its lattice from dir.
func LoadRingCase(dir, name string) (*RingCase, *tracking.Lattice, error) {
	return refcase.LoadRingCase(os.DirFS(dir), dir, name)
}

// RingCaseNames lists the ring cases under dir/rings.
func RingCaseNames(dir string) ([]string, error) { return refcase.RingCaseNames(os.DirFS(dir), dir) }

// CollectiveCaseFiles lists the case files under dir/collective (every
// .json but MANIFEST.json), sorted.
func CollectiveCaseFiles(dir string) ([]string, error) {
	files, err := refcase.CollectiveCaseFiles(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	for i, f := range files {
		files[i] = filepath.Join(dir, f)
	}
	return files, nil
}

// LoadCollectiveCase reads one case file of testdata/collective. Errors
// name the file and, where it applies, the key, element and attribute.
func LoadCollectiveCase(path string) (*CollectiveCase, error) {
	return refcase.LoadCollectiveCase(os.DirFS(filepath.Dir(path)), filepath.Base(path), path)
}

// close reports whether got matches want within abs + rel*|want|;
// NaN matches NaN and infinities match themselves.
func closeTo(got, want, abs, rel float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= abs+rel*math.Abs(want)
}

// CompareLoss checks that the loss records are identical in islost, turn
// and element, and that the coordinates at loss agree within abs+rel.
func CompareLoss(res *tracking.Result, want Loss, abs, rel float64) []string {
	var errs []string
	for i := range want.IsLost {
		if res.Lost[i] != want.IsLost[i] || res.LostTurn[i] != want.Turn[i] || res.LostElement[i] != want.Elem[i] {
			errs = append(errs, fmt.Sprintf("particle %d: lost %v turn %d elem %d, PyAT: lost %v turn %d elem %d",
				i, res.Lost[i], res.LostTurn[i], res.LostElement[i], want.IsLost[i], want.Turn[i], want.Elem[i]))
			continue
		}
		for k := 0; k < 6; k++ {
			g, w := res.LostCoords.Coords[k][i], float64(want.Coord[i][k])
			if !closeTo(g, w, abs, rel) {
				errs = append(errs, fmt.Sprintf("particle %d coordinate at loss %s: got %.17g, want %.17g", i, tracking.CoordNames[k], g, w))
			}
		}
	}
	return errs
}

// Elements runs every element case through the backend open opens and
// compares the final coordinates and the loss record with PyAT's
// lattice_pass at the element tolerances; a case with a multi-turn run
// (lattice_pass_turns) is also tracked over its turns, from its first turn
// number, in a subtest "turns" (TrackTurns), at the same tolerances.
func Elements(t *testing.T, open device.Factory, dir string) {
	t.Helper()
	EachElementCase(t, dir, func(t *testing.T, c *ElementCase, lat *tracking.Lattice) {
		res, err := tracking.Track(lat, InputBeam(c.Input), tracking.Options{Turns: 1, Open: open})
		if err != nil {
			t.Fatal(err)
		}
		var bad []string
		for i, want := range c.LatticePass.Output {
			for k := 0; k < 6; k++ {
				g := res.Final.Coords[k][i]
				if !closeTo(g, float64(want[k]), ElementAbs, ElementRel) {
					bad = append(bad, Mismatch{0, 1, i, k, g, float64(want[k])}.String())
				}
			}
		}
		bad = append(bad, CompareLoss(res, c.LatticePass.Loss, ElementAbs, ElementRel)...)
		report(t, bad)
		if c.Turns != nil {
			t.Run("turns", func(t *testing.T) { elementTurns(t, c, open) })
		}
	})
}

// EachElementCase runs f, in a subtest "elements/CASE", on every element
// case under dir with its one-element lattice.
func EachElementCase(t *testing.T, dir string, f func(t *testing.T, c *ElementCase, lat *tracking.Lattice)) {
	t.Helper()
	cases, err := LoadElementCases(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run("elements/"+c.Case, func(t *testing.T) {
			lat, err := c.Lattice()
			if err != nil {
				t.Fatal(err)
			}
			f(t, c, lat)
		})
	}
}

// EachRingCase runs f, in a subtest "rings/NAME", on every ring case under
// dir with its lattice; in -short mode it skips the 256-turn cases.
func EachRingCase(t *testing.T, dir string, f func(t *testing.T, name string, c *RingCase, lat *tracking.Lattice)) {
	t.Helper()
	names, err := RingCaseNames(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run("rings/"+name, func(t *testing.T) {
			if testing.Short() && strings.HasSuffix(name, "_t256") {
				t.Skip("256-turn case skipped in -short mode")
			}
			c, lat, err := LoadRingCase(dir, name)
			if err != nil {
				t.Fatal(err)
			}
			f(t, name, c, lat)
		})
	}
}

func report(t *testing.T, bad []string) {
	t.Helper()
	if len(bad) == 0 {
		return
	}
	n := len(bad)
	if n > 12 {
		bad = append(bad[:12], fmt.Sprintf("... and %d more", n-12))
	}
	t.Errorf("%d mismatches with PyAT:\n  %s", n, strings.Join(bad, "\n  "))
}

// Rings runs every ring case (1, 10, 256 turns and element by element)
// through the backend open opens and compares every coordinate of every turn at every
// refpt with PyAT within RingAbs, and the loss records exactly. Particles
// named in excused are skipped, with their evidence logged.
func Rings(t *testing.T, open device.Factory, dir string, excused []Excuse) {
	t.Helper()
	EachRingCase(t, dir, func(t *testing.T, name string, c *RingCase, lat *tracking.Lattice) {
		skip := map[int]bool{}
		for _, e := range excused {
			if e.Case == name {
				skip[e.Particle] = true
				t.Logf("particle %d excused: %s", e.Particle, e.Evidence)
			}
		}
		res, err := tracking.Track(lat, InputBeam(c.Input), tracking.Options{Turns: c.NTurns, Refpts: c.Refpts, Open: open})
		if err != nil {
			t.Fatal(err)
		}
		var bad []string
		for turn, byRef := range c.Output {
			for k, parts := range byRef {
				for i, want := range parts {
					if skip[i] {
						continue
					}
					got := res.MonitorAt(turn, k, i)
					for q := 0; q < 6; q++ {
						if !closeTo(got[q], float64(want[q]), RingAbs, 0) {
							bad = append(bad, Mismatch{turn, c.Refpts[k], i, q, got[q], float64(want[q])}.String())
						}
					}
				}
			}
		}
		for _, s := range CompareLoss(res, c.Loss, RingAbs, 0) {
			var p int
			if _, err := fmt.Sscanf(s, "particle %d", &p); err == nil && skip[p] {
				continue
			}
			bad = append(bad, s)
		}
		report(t, bad)
	})
}
