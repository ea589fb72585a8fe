//go:build cuda

package cuda

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// TestQuantumCuts: quantum excitation on the GPU (the hmba_6d cell with
// its diffusion element, a wide beam most of which is lost) gives the same
// bits whether the beam runs in one launch, in batches, in launches of a
// few passes or compacted after losses: the random numbers are keyed by
// the particle's index in the beam (the slot indices travel with the
// particles), not by its GPU slot. Against the Go engine, which draws the
// same numbers, the results agree to the ring tolerance.
func TestQuantumCuts(t *testing.T) {
	lat, err := atjson.LoadLattice("../testdata/lattices/hmba_6d.json")
	if err != nil {
		t.Fatal(err)
	}
	q, err := optics.WithQuantumDiffusion(lat, &optics.EnvelopeOptions{Options: optics.Options{Device: "cpu-go"}})
	if err != nil {
		t.Fatal(err)
	}
	beam := tracking.GaussianBeam(3000, [6]float64{8e-3, 8e-4, 4e-3, 4e-4, 3e-2, 1e-2}, 5)
	turns, refpts := 12, []int{0, len(q.Elements)}
	run := func(c cuts, dev string) *tracking.Result {
		testBatchLimit, testChunkLimit, testCompactMin = c.batch, c.chunk, c.compactFrom
		defer func() { testBatchLimit, testChunkLimit, testCompactMin = 0, 0, compactMin }()
		res, err := tracking.Track(q, beam, tracking.Options{Turns: turns, Refpts: refpts, Device: dev, Seed: 31})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := run(cuts{compactFrom: compactMin}, Name)
	if l := want.NumLost(); l < 1000 || l > 2900 {
		t.Fatalf("%d of 3000 lost: the test wants compaction and survivors", l)
	}
	for _, c := range []cuts{{1000, 0, compactMin}, {777, 0, compactMin}, {0, 3, 1}, {1300, 2, 1}} {
		got := run(c, Name)
		for k := 0; k < 6; k++ {
			for i := range want.Lost {
				a, b := got.Final.Coords[k][i], want.Final.Coords[k][i]
				if math.Float64bits(a) != math.Float64bits(b) || got.Lost[i] != want.Lost[i] {
					t.Fatalf("cuts %+v: particle %d %s: %v, one launch %v", c, i, tracking.CoordNames[k], a, b)
				}
			}
		}
	}
	g := run(cuts{compactFrom: compactMin}, "cpu-go")
	worst := 0.0
	for k := 0; k < 6; k++ {
		for i := range want.Lost {
			if want.Lost[i] || g.Lost[i] {
				continue
			}
			worst = math.Max(worst, math.Abs(want.Final.Coords[k][i]-g.Final.Coords[k][i]))
		}
	}
	if worst > 1e-12 {
		t.Errorf("GPU and Go engine differ by up to %g after %d turns (want 1e-12: the same random numbers)", worst, turns)
	}
	t.Logf("GPU and Go engine: largest difference %.3g", worst)
}
