package trackingtest

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// Agreement is a comparison of a backend with a reference backend (the
// Go engine): the TestAgreement of the C backend and of the GPU.
type Agreement struct {
	// Got opens the backend under test, Want the reference.
	Got, Want device.Factory
	// GotName and WantName name them in messages ("GPU", "CPU").
	GotName, WantName string
	// Dir is the testdata directory (element cases and lattices).
	Dir string
	// Elements bounds the differences on the element cases, Rings those
	// on the rings.
	Elements, Rings Tolerance
	// Particles returns the number of particles of the beam tracked
	// through ring ("hmba", "esrf").
	Particles func(ring string) int
	// Monitor records the coordinates at the start and the end of the
	// rings every turn, and compares them too.
	Monitor bool
}

// AgreementRings are the rings of Agree, and AgreementSigma and
// AgreementSeed its beam: a Gaussian in the regular part of phase space.
// Far out, where motion is chaotic, an ulp of difference between two math
// libraries grows by orders of magnitude within 100 turns (on esrf, the
// one-ulp differences between Go's and glibc's sin and tan grow past
// 1e-14 at x = 8 mm, as PyAT's own results would under such a nudge):
// that growth measures the lattice's chaos, not the backends.
var (
	AgreementRings = []string{"hmba", "esrf"}
	AgreementSigma = [6]float64{3e-4, 3e-5, 1e-4, 1e-5, 3e-3, 3e-3}
)

// AgreementSeed is the seed of Agree's ring beam.
const AgreementSeed = 11

// AgreementTurns is the number of turns of Agree's rings.
const AgreementTurns = 100

// Agree compares the two backends of a on every element case (one turn,
// within a.Elements) and on a.Particles(ring) particles of the
// AgreementSigma beam through each of AgreementRings for AgreementTurns
// turns (within a.Rings); the loss records must be identical.
func Agree(t *testing.T, a Agreement) {
	t.Helper()
	cases, err := LoadElementCases(a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		lat, err := c.Lattice()
		if err != nil {
			t.Fatal(err)
		}
		a.Compare(t, c.Case, lat, InputBeam(c.Input), 1, nil, a.Elements)
	}
	for _, name := range AgreementRings {
		lat, err := atjson.LoadLattice(filepath.Join(a.Dir, "lattices", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		beam := tracking.GaussianBeam(a.Particles(name), AgreementSigma, AgreementSeed)
		var refpts []int
		if a.Monitor {
			refpts = []int{0, len(lat.Elements)}
		}
		a.Compare(t, name, lat, beam, AgreementTurns, refpts, a.Rings)
	}
}

// Compare tracks beam through lat for turns turns on both backends and
// reports every final coordinate (and monitor value, with refpts) that
// differs beyond tol, and every loss record that differs.
func (a Agreement) Compare(t *testing.T, name string, lat *tracking.Lattice, beam *tracking.Beam, turns int, refpts []int, tol Tolerance) {
	t.Helper()
	ref, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: refpts, Open: a.Want})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: refpts, Open: a.Got})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	bad := 0
	check := func(what string, i int, g, w float64) {
		if !tol.ok(g, w) {
			if bad < 5 {
				t.Errorf("%s: particle %d %s: %s %.17g, %s %.17g", name, i, what, a.GotName, g, a.WantName, w)
			}
			bad++
		}
	}
	for k := 0; k < 6; k++ {
		for i, w := range ref.Final.Coords[k] {
			check(tracking.CoordNames[k], i, got.Final.Coords[k][i], w)
		}
	}
	for i, w := range ref.Monitor {
		check("monitor", i/6%beam.Len(), got.Monitor[i], w)
	}
	for i := range ref.Lost {
		if ref.Lost[i] != got.Lost[i] || ref.LostTurn[i] != got.LostTurn[i] || ref.LostElement[i] != got.LostElement[i] {
			if bad < 5 {
				t.Errorf("%s: particle %d: loss record differs: %s (%v, %d, %d), %s (%v, %d, %d)", name, i,
					a.GotName, got.Lost[i], got.LostTurn[i], got.LostElement[i], a.WantName, ref.Lost[i], ref.LostTurn[i], ref.LostElement[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d differences between %s and %s", name, bad, a.GotName, a.WantName)
	} else {
		t.Logf("%s: %d particles × %d turns agree (%d lost)", name, beam.Len(), turns, ref.NumLost())
	}
}
