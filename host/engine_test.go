package host_test

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/host"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// bitsEqual compares two float64 slices bit for bit (NaN equals NaN).
func bitsEqual(a, b []float64) int {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestBitIdenticalAcrossThreadsAndTiles tracks a beam with losses through
// the radiating hmba cell and requires bit-identical final coordinates,
// monitors and loss records for every thread count and tile size.
//
// By default the beam is 300 particles for 6 turns (9 of them lost, on
// turns 1 to 5); with GOTRACK_LONG_TESTS=1 it is 1500 particles for 12
// turns (115 lost). Every thread count and tile size runs at both sizes,
// and 300 is a multiple of none of the tile sizes above 1, so the default
// beam still splits into several tiles per thread with a partial last tile
// and loses particles inside tiles, which is where a dependence on the
// partition would show.
func TestBitIdenticalAcrossThreadsAndTiles(t *testing.T) {
	lat, err := atjson.LoadLattice("../testdata/lattices/hmba_6d.json")
	if err != nil {
		t.Fatal(err)
	}
	n, turns := trackingtest.Size(300, 1500), trackingtest.Size(6, 12)
	// Large enough sigmas that a good share of the beam is lost on the way.
	beam := tracking.GaussianBeam(n, [6]float64{4e-3, 3e-4, 2e-3, 2e-4, 2e-2, 1e-2}, 7)
	opts := tracking.Options{Turns: turns, Refpts: []int{0, 40, len(lat.Elements)}, Device: host.Name}
	opts.Backend.Threads, opts.Backend.TileSize, opts.Backend.SerialBelow = 1, n, -1
	ref, err := tracking.Track(lat, beam, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := ref.NumLost(); n == 0 || n == beam.Len() {
		t.Fatalf("%d of %d particles lost: the test needs some lost and some surviving", n, beam.Len())
	}
	for _, threads := range []int{1, 2, 3, 8} {
		for _, tile := range []int{1, 7, 64, 256} {
			opts.Backend.Threads, opts.Backend.TileSize = threads, tile
			res, err := tracking.Track(lat, beam, opts)
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k < 6; k++ {
				if i := bitsEqual(ref.Final.Coords[k], res.Final.Coords[k]); i >= 0 {
					t.Fatalf("threads %d tile %d: particle %d coordinate %d differs", threads, tile, i, k)
				}
				if i := bitsEqual(ref.LostCoords.Coords[k], res.LostCoords.Coords[k]); i >= 0 {
					t.Fatalf("threads %d tile %d: lost coordinates of particle %d differ", threads, tile, i)
				}
			}
			if i := bitsEqual(ref.Monitor, res.Monitor); i >= 0 {
				t.Fatalf("threads %d tile %d: monitor value %d differs", threads, tile, i)
			}
			for i := range ref.Lost {
				if ref.Lost[i] != res.Lost[i] || ref.LostTurn[i] != res.LostTurn[i] || ref.LostElement[i] != res.LostElement[i] {
					t.Fatalf("threads %d tile %d: loss record of particle %d differs", threads, tile, i)
				}
			}
		}
	}
	t.Logf("hmba_6d: %d particles × %d turns (%d lost) bit-identical for every thread count and tile size", n, turns, ref.NumLost())
}

// TestLostParticleRecord checks PyAT's conventions on one particle lost at
// a known place: a particle at x = 0.9 m with px > 0 leaves |x| <= 1 in the
// first drift of more than 1 m / px.
func TestLostParticleRecord(t *testing.T) {
	lat, err := atjson.LoadLattice("../testdata/lattices/FODO.json")
	if err != nil {
		t.Fatal(err)
	}
	beam := tracking.BeamFromRows([][6]float64{{0.9, 0.5, 0, 0, 0, 0}, {1e-4, 0, 0, 0, 0, 0}})
	res, err := tracking.Track(lat, beam, tracking.Options{Turns: 3, Device: host.Name})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Lost[0] || res.Lost[1] {
		t.Fatalf("lost = %v, want [true false]", res.Lost)
	}
	if res.LostTurn[0] != 0 {
		t.Errorf("lost on turn %d, want 0", res.LostTurn[0])
	}
	if x := res.LostCoords.Coords[0][0]; !(math.Abs(x) > 1) {
		t.Errorf("x at loss %v, want |x| > 1", x)
	}
	f := res.Final.Particle(0)
	if !math.IsNaN(f[0]) || f[1] != 0 || f[2] != 0 || f[3] != 0 || f[4] != 0 || f[5] != 0 {
		t.Errorf("lost particle reads %v, want (NaN, 0, 0, 0, 0, 0)", f)
	}
}
