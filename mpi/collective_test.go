//go:build mpi

package mpi

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/collective"
)

// collectiveLattice is the hmba cell with its cavity on, followed by a
// wake element (longitudinal and transverse dipole, 2-turn memory), a
// BeamMomentsPass and a SliceMomentsPass, tracked as two bunches.
func collectiveLattice(t *testing.T) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lat.Elements {
		if e.FamName == "RFC" {
			e.PassMethod = "RFCavityPass"
		}
	}
	const nt = 600
	T, Z, DX := make([]float64, nt), make([]float64, nt), make([]float64, nt)
	for i := range T {
		s := float64(i) * 5e-5
		T[i] = s
		Z[i] = 3e14 * math.Exp(-s/0.004) * math.Cos(s/0.0015)
		DX[i] = -2e16 * math.Exp(-s/0.004) * math.Sin(s/0.0015)
	}
	w := &tracking.Element{FamName: "WAKE", PassMethod: collective.WakeFieldPass}
	w.Set("_nslice", int64(31))
	w.Set("_nturns", int64(2))
	w.Set("_nelem", int64(nt))
	w.Set("_wakefact", -1.4662525828850208e-17)
	w.Set("NormFact", []float64{1, 1, 1})
	w.Set("_wakeT", T)
	w.Set("_wakeZ", Z)
	w.Set("_wakeDX", DX)
	bm := &tracking.Element{FamName: "BM", PassMethod: collective.BeamMomentsPass}
	sm := &tracking.Element{FamName: "SM", PassMethod: collective.SliceMomentsPass}
	sm.Set("nslice", int64(11))
	sm.Set("_startturn", int64(2))
	sm.Set("_endturn", int64(6))
	lat.Elements = append(lat.Elements, w, bm, sm)
	lat.BunchCurrents = []float64{0.004, 0.002}
	lat.BunchSpos = []float64{0, 26.374287952316944 / 31 * 5}
	return lat
}

// Wakes, beam and slice moments and per-turn moments on K ranks equal the
// one-process run bit for bit: their sums are exact integer sums.
func TestCollectiveDistributed(t *testing.T) {
	sigma := tracking.DefaultSigma
	sigma[0], sigma[5] = 2e-3, 4e-3
	beam := tracking.GaussianBeam(1201, sigma, 17)
	for i := 0; i < 5; i++ {
		beam.Coords[0][i] = 0.02 + 0.002*float64(i) // lost in the first turns
	}
	opt := tracking.Options{Turns: 8, Refpts: []int{0}, Backend: device.Config{Threads: 1}, Moments: true}
	in := beam
	if Rank() != 0 {
		in = nil
	}
	got, _, err := Track(collectiveLattice(t), in, opt)
	if err != nil {
		t.Fatalf("rank %d: %v", Rank(), err)
	}
	if Rank() != 0 {
		return
	}
	want, err := tracking.Track(collectiveLattice(t), beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, got, want)
	if want.NumLost() == 0 {
		t.Error("no particle lost: loss handling not exercised")
	}
	same := func(what string, a, b []float64) {
		t.Helper()
		if len(a) != len(b) {
			t.Fatalf("%s: %d values, want %d", what, len(a), len(b))
		}
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				t.Fatalf("%s value %d: %v on %d ranks, %v on one", what, i, a[i], Size(), b[i])
			}
		}
	}
	same("moments", got.Moments, want.Moments)
	if len(want.Wakes) != 1 || len(want.BeamMoments) != 1 || len(want.SliceMoments) != 1 {
		t.Fatalf("collective results: %d wakes, %d beam moments, %d slice moments", len(want.Wakes), len(want.BeamMoments), len(want.SliceMoments))
	}
	var a, b []float64
	for i := range want.Wakes[0].TurnHistory {
		a = append(a, got.Wakes[0].TurnHistory[i]...)
		b = append(b, want.Wakes[0].TurnHistory[i]...)
	}
	same("wake history", a, b)
	a, b = nil, nil
	for p := range want.BeamMoments[0].Means {
		for k := range want.BeamMoments[0].Means[p] {
			a = append(a, got.BeamMoments[0].Means[p][k][:]...)
			a = append(a, got.BeamMoments[0].Stds[p][k][:]...)
			b = append(b, want.BeamMoments[0].Means[p][k][:]...)
			b = append(b, want.BeamMoments[0].Stds[p][k][:]...)
		}
	}
	same("beam moments", a, b)
	a, b = nil, nil
	sg, sw := got.SliceMoments[0], want.SliceMoments[0]
	for p := range sw.Means {
		for k := range sw.Means[p] {
			for s := range sw.Means[p][k] {
				a = append(a, sg.Means[p][k][s][:]...)
				a = append(a, sg.Stds[p][k][s][:]...)
				a = append(a, sg.Spos[p][k][s], sg.Weights[p][k][s])
				b = append(b, sw.Means[p][k][s][:]...)
				b = append(b, sw.Stds[p][k][s][:]...)
				b = append(b, sw.Spos[p][k][s], sw.Weights[p][k][s])
			}
		}
	}
	same("slice moments", a, b)
	if len(sw.Means) != 4 {
		t.Errorf("slice moments recorded %d passes, want 4 (turns 2..5)", len(sw.Means))
	}
	// the wake acts: compare with no current
	quiet := collectiveLattice(t)
	quiet.BunchCurrents = []float64{0, 0}
	q, err := tracking.Track(quiet, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(q.Final.Coords[4][100] - want.Final.Coords[4][100]); !(d > 0) {
		t.Error("the wake had no effect on delta")
	}
	t.Logf("%d particles, %d turns, wake + beam/slice moments on %d ranks: identical to one rank (%d lost)", beam.Len(), opt.Turns, Size(), want.NumLost())
}
