//go:build mpi

package mpi

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// TestTrackShared: every rank receives the whole result of a beam split
// over the ranks, bit for bit tracking.Track's on one process, losses
// included (a wide beam through the ESRF ring).
func TestTrackShared(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", "esrf.json"))
	if err != nil {
		t.Fatal(err)
	}
	sigma := tracking.DefaultSigma
	sigma[0], sigma[2], sigma[4] = 3e-3, 1e-3, 2e-2
	beam := tracking.GaussianBeam(101, sigma, 13)
	opt := tracking.Options{Turns: 50, Backend: device.Config{Threads: 1}}
	got, err := TrackShared(lat, beam, opt)
	if err != nil {
		t.Fatalf("rank %d: %v", Rank(), err)
	}
	want, err := tracking.Track(lat, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, got, want)
	if n := want.NumLost(); n == 0 || n == beam.Len() {
		t.Errorf("%d of %d particles lost: the test wants some lost, not all", n, beam.Len())
	}
	if _, err := TrackShared(lat, beam, tracking.Options{Turns: 1, Refpts: []int{0}}); err == nil {
		t.Error("refpts accepted: TrackShared keeps no monitor")
	}
	t.Logf("rank %d of %d: the whole result of %d particles, %d lost, identical to one process", Rank(), Size(), beam.Len(), want.NumLost())
}
