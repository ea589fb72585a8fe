//go:build mpi

// Run under a launcher, e.g.:
//
//	go test -tags mpi -c -o /tmp/mpi.test ./mpi
//	mpirun --allow-run-as-root --oversubscribe -n 3 /tmp/mpi.test -test.v
//
// Every rank runs every test; comparisons are made on rank 0.
package mpi

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host" // the "cpu" backend
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

func TestMain(m *testing.M) {
	if err := Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	// A failing rank must not leave the others waiting in a collective.
	codes := []int64{int64(code)}
	if err := allreduce(ptr(codes), 1, tInt64, opMax); err != nil {
		fmt.Fprintln(os.Stderr, err)
		Abort(2)
	}
	Stop()
	os.Exit(int(codes[0]))
}

// sameResult fails unless got and want are identical bit for bit.
func sameResult(t *testing.T, got, want *tracking.Result) {
	t.Helper()
	n := want.Final.Len()
	if got.Final.Len() != n || len(got.Lost) != n || got.LostCoords.Len() != n {
		t.Fatalf("got %d particles, want %d", got.Final.Len(), n)
	}
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			if !same(got.Final.Coords[k][i], want.Final.Coords[k][i]) || !same(got.LostCoords.Coords[k][i], want.LostCoords.Coords[k][i]) {
				t.Fatalf("particle %d coordinate %s: final %v, lost at %v; want %v, %v", i, tracking.CoordNames[k],
					got.Final.Coords[k][i], got.LostCoords.Coords[k][i], want.Final.Coords[k][i], want.LostCoords.Coords[k][i])
			}
		}
		if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
			t.Fatalf("particle %d: loss (%v, turn %d, element %d), want (%v, %d, %d)", i,
				got.Lost[i], got.LostTurn[i], got.LostElement[i], want.Lost[i], want.LostTurn[i], want.LostElement[i])
		}
	}
	if len(got.Monitor) != len(want.Monitor) {
		t.Fatalf("monitor has %d values, want %d", len(got.Monitor), len(want.Monitor))
	}
	for j := range want.Monitor {
		if !same(got.Monitor[j], want.Monitor[j]) {
			t.Fatalf("monitor value %d = %v, want %v", j, got.Monitor[j], want.Monitor[j])
		}
	}
	if got.Turns != want.Turns || fmt.Sprint(got.Refpts) != fmt.Sprint(want.Refpts) {
		t.Fatalf("turns %d refpts %v, want %d %v", got.Turns, got.Refpts, want.Turns, want.Refpts)
	}
}

// checkDistributed tracks a beam over all ranks and, on rank 0, compares
// it with tracking.Track of the whole beam on this one process.
func checkDistributed(t *testing.T, lattice string, beam *tracking.Beam, opt tracking.Options, wantLosses bool) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", lattice))
	if err != nil {
		t.Fatal(err)
	}
	checkDistributedLattice(t, lat, lattice, beam, opt, wantLosses)
}

// checkDistributedLattice is checkDistributed on a lattice in memory.
func checkDistributedLattice(t *testing.T, lat *tracking.Lattice, lattice string, beam *tracking.Beam, opt tracking.Options, wantLosses bool) {
	in := beam
	if Rank() != 0 {
		in = nil // only rank 0's beam is used
	}
	got, ranks, err := Track(lat, in, opt)
	if err != nil {
		t.Fatalf("rank %d: %v", Rank(), err)
	}
	if Rank() != 0 {
		lo, hi := Split(beam.Len(), Size(), Rank())
		if got.Final.Len() != hi-lo {
			t.Fatalf("rank %d: local result has %d particles, want %d", Rank(), got.Final.Len(), hi-lo)
		}
		return
	}
	want, err := tracking.Track(lat, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, got, want)
	if wantLosses && (want.NumLost() == 0 || want.NumLost() == beam.Len()) {
		t.Errorf("%d of %d particles lost: the test wants some lost, not all", want.NumLost(), beam.Len())
	}
	if len(ranks) != Size() {
		t.Fatalf("%d rank statistics, want %d", len(ranks), Size())
	}
	for r, s := range ranks {
		lo, hi := Split(beam.Len(), Size(), r)
		if s.Rank != r || s.First != lo || s.Particles != hi-lo || s.Wall <= 0 || s.GPU != -1 || !strings.HasPrefix(s.Device, "cpu") {
			t.Errorf("rank %d statistics %+v: want particles %d..%d, a positive time, the CPU and no GPU", r, s, lo, hi-1)
		}
		t.Log(s)
	}
	t.Logf("%s: %d particles x %d turns on %d ranks, %d lost, identical to one rank", lattice, beam.Len(), opt.Turns, Size(), want.NumLost())
}

func TestTrackHMBA(t *testing.T) {
	beam := tracking.GaussianBeam(301, tracking.DefaultSigma, 7)
	checkDistributed(t, "hmba.json", beam, tracking.Options{Turns: 100, Refpts: []int{0, 50, 121}, Backend: device.Config{Threads: 1}}, false)
}

func TestTrackESRFLosses(t *testing.T) {
	sigma := tracking.DefaultSigma
	sigma[0], sigma[2], sigma[4] = 3e-3, 1e-3, 2e-2 // wide: some particles are lost
	beam := tracking.GaussianBeam(200, sigma, 11)
	checkDistributed(t, "esrf.json", beam, tracking.Options{Turns: 100, Refpts: []int{0}, Backend: device.Config{Threads: 1}}, true)
}

// TestTrackQuantum: quantum excitation (the hmba_6d cell with its
// diffusion element appended and its radiating multipoles switched to
// their photon-emitting *QuantPass variants) gives the same bits on any
// number of ranks
// as on one process: each particle's random numbers are keyed by its
// index in the whole beam, not in the rank's part.
func TestTrackQuantum(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", "hmba_6d.json"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := optics.WithQuantumDiffusion(lat, &optics.EnvelopeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range q.Elements {
		if pm, ok := strings.CutSuffix(e.PassMethod, "RadPass"); ok && strings.HasSuffix(pm, "MPoleSymplectic4") {
			c := e.Clone()
			c.PassMethod = pm + "QuantPass"
			q.Elements[i] = c
		}
	}
	beam := tracking.GaussianBeam(203, tracking.DefaultSigma, 5)
	checkDistributedLattice(t, q, "hmba_6d.json (QuantPass magnets) + QuantDiffPass", beam, tracking.Options{Turns: 20, Seed: 99, Refpts: []int{0, 121}, Backend: device.Config{Threads: 1}}, false)
}

// TestTrackFewParticles: fewer particles than ranks leaves ranks empty.
func TestTrackFewParticles(t *testing.T) {
	beam := tracking.GaussianBeam(2, tracking.DefaultSigma, 3)
	checkDistributed(t, "hmba.json", beam, tracking.Options{Turns: 3, Refpts: []int{0, 121}, Backend: device.Config{Threads: 1}}, false)
}

// TestRankOptions: each rank's tracking.Track is told its part of the
// beam and the exchange, and does not report progress itself.
func TestRankOptions(t *testing.T) {
	ex := NewExchange()
	called := false
	opt := tracking.Options{Turns: 3, Backend: device.Config{GPU: 2}, Progress: func(int64, int64) { called = true }}
	got := rankOptions(opt, 40, 100, ex)
	if got.Exchange != device.Exchange(ex) || got.First != 40 || got.Total != 100 || got.Progress != nil || got.Backend.GPU != 2 || got.Turns != 3 {
		t.Errorf("rank options %+v: want Exchange set, First 40, Total 100, no Progress, GPU and Turns kept", got)
	}
	if opt.Exchange != nil || opt.Progress == nil || called {
		t.Error("rankOptions changed its argument")
	}
}

func TestAgree(t *testing.T) {
	if err := Agree(nil); err != nil {
		t.Fatalf("rank %d: Agree(nil) = %v", Rank(), err)
	}
	if Size() < 2 {
		t.Skip("needs 2 ranks")
	}
	var mine error
	if Rank() == 1 {
		mine = errors.New("bad beam file on purpose")
	}
	err := Agree(mine)
	var je *JobError
	if !errors.As(err, &je) {
		t.Fatalf("rank %d: Agree = %v, want a *JobError", Rank(), err)
	}
	if fmt.Sprint(je.Ranks) != "[1]" {
		t.Errorf("rank %d: failed ranks %v, want [1]", Rank(), je.Ranks)
	}
	if Rank() == 0 && err.Error() != "rank 1: bad beam file on purpose" {
		t.Errorf("rank 0: error %q, want rank 1's message", err)
	}
}

// TestTrackStreamedAndStopped: with MonitorTo and Stop, the ranks stream
// the monitor through rank 0 chunk by chunk and stop together when one
// rank asks (the last rank, after three chunks of 4 turns): rank 0 gets
// the monitor and the result of a 12-turn run on one process.
func TestTrackStreamedAndStopped(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	beam := tracking.GaussianBeam(101, tracking.DefaultSigma, 9)
	in := beam
	if Rank() != 0 {
		in = nil
	}
	var streamed []float64
	chunks, asks := 0, 0
	opt := tracking.Options{Turns: 30, Refpts: []int{0, 60, 121}, Backend: device.Config{Threads: 1}, ChunkTurns: 4,
		MonitorTo: func(m int, rows []float64) error {
			if Rank() != 0 {
				t.Errorf("MonitorTo called on rank %d", Rank())
			}
			if m != 4 || len(rows) != m*3*beam.Len()*6 {
				t.Errorf("MonitorTo got %d turns, %d values; want 4 turns, %d values", m, len(rows), 4*3*beam.Len()*6)
			}
			chunks++
			streamed = append(streamed, rows...)
			return nil
		},
		Stop: func() bool {
			asks++
			return Rank() == Size()-1 && asks == 3
		},
	}
	got, _, err := Track(lat, in, opt)
	if err != nil {
		t.Fatalf("rank %d: %v", Rank(), err)
	}
	if asks != 3 {
		t.Errorf("rank %d: Stop asked %d times, want 3", Rank(), asks)
	}
	if Rank() != 0 {
		return
	}
	if !got.Interrupted || got.Turns != 12 || chunks != 3 || got.Monitor != nil {
		t.Fatalf("Interrupted %v, Turns %d, %d chunks streamed, Monitor kept %v; want true, 12, 3, false", got.Interrupted, got.Turns, chunks, got.Monitor != nil)
	}
	want, err := tracking.Track(lat, beam, tracking.Options{Turns: 12, Refpts: opt.Refpts, Backend: device.Config{Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	got.Monitor = streamed
	sameResult(t, got, want)
}

// TestTrackBatch: a batch of 8 lattice variants split over the ranks
// gives, for each job, on the rank that ran it, the result of tracking it
// alone, bit for bit; each job runs on exactly one rank; a failing job is
// reported on every rank.
func TestTrackBatch(t *testing.T) {
	beam := tracking.GaussianBeam(40, [6]float64{3e-3, 2e-4, 2e-3, 2e-4, 1e-2, 1e-3}, 17)
	var jobs []tracking.Job
	for k := 0; k < 8; k++ {
		lat, err := atjson.LoadLattice(filepath.Join("..", "testdata", "lattices", "hmba.json"))
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range lat.Elements {
			pb, ok := e.Get("PolynomB")
			q, isArr := pb.([]float64)
			if !ok || !isArr || len(q) < 2 || q[1] == 0 || e.PassMethod == "BndMPoleSymplectic4Pass" {
				continue
			}
			c := e.Clone()
			q = append([]float64(nil), q...)
			q[1] *= 1 + 2e-3*float64(k)
			c.Set("PolynomB", q)
			lat.Elements[i] = c
		}
		jobs = append(jobs, tracking.Job{Name: fmt.Sprintf("variant %d", k), Lattice: lat, Beam: beam,
			Options: tracking.Options{Turns: 20, Backend: device.Config{Threads: 1}}})
	}
	res, err := TrackBatch(jobs, tracking.BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ran := make([]int64, len(jobs))
	for i, j := range jobs {
		if res[i] == nil {
			continue
		}
		ran[i] = 1
		want, err := tracking.Track(j.Lattice, j.Beam, j.Options)
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 6; k++ {
			for p := range want.Final.Coords[k] {
				if math.Float64bits(res[i].Final.Coords[k][p]) != math.Float64bits(want.Final.Coords[k][p]) {
					t.Fatalf("rank %d, job %d particle %d: batch and alone differ", Rank(), i, p)
				}
			}
		}
	}
	if err := NewExchange().SumInt64(ran); err != nil {
		t.Fatal(err)
	}
	for i, n := range ran {
		if n != 1 {
			t.Errorf("job %d ran on %d ranks, want 1", i, n)
		}
	}
	jobs[5].Lattice = nil
	if _, err := TrackBatch(jobs, tracking.BatchOptions{}); err == nil {
		t.Errorf("rank %d: a failing job gave no error", Rank())
	} else if Rank() == 0 && !strings.Contains(err.Error(), "job 5 (variant 5)") {
		t.Errorf("error %q does not name job 5", err)
	}
}
