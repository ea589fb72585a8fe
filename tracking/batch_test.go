package tracking_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// variants returns n copies of the hmba cell, the k-th with its
// quadrupole gradients scaled by 1 + 2e-3·k (n "error seeds"), and a
// beam wide enough to lose particles.
func variants(t *testing.T, n int) ([]*tracking.Lattice, *tracking.Beam) {
	t.Helper()
	var lats []*tracking.Lattice
	for k := 0; k < n; k++ {
		lat, err := atjson.LoadLattice("../testdata/lattices/hmba.json")
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range lat.Elements {
			v, ok := e.Get("PolynomB")
			pb, isArr := v.([]float64)
			if !ok || !isArr || len(pb) < 2 || pb[1] == 0 || e.PassMethod == "BndMPoleSymplectic4Pass" {
				continue
			}
			c := e.Clone()
			q := append([]float64(nil), pb...)
			q[1] *= 1 + 2e-3*float64(k)
			c.Set("PolynomB", q)
			lat.Elements[i] = c
		}
		lat.Name = fmt.Sprintf("variant %d", k)
		lats = append(lats, lat)
	}
	sigma := [6]float64{3e-3, 2e-4, 2e-3, 2e-4, 1e-2, 1e-3}
	return lats, tracking.GaussianBeam(60, sigma, 17)
}

// sameResult reports where two results differ in bits (final coordinates,
// loss record), "" when they do not.
func sameResult(a, b *tracking.Result) string {
	for k := 0; k < 6; k++ {
		for i := range a.Final.Coords[k] {
			x, y := a.Final.Coords[k][i], b.Final.Coords[k][i]
			if math.Float64bits(x) != math.Float64bits(y) {
				return fmt.Sprintf("particle %d %s: %v and %v", i, tracking.CoordNames[k], x, y)
			}
		}
	}
	for i := range a.Lost {
		if a.Lost[i] != b.Lost[i] || a.LostTurn[i] != b.LostTurn[i] || a.LostElement[i] != b.LostElement[i] {
			return fmt.Sprintf("particle %d: loss record differs", i)
		}
	}
	return ""
}

// TestTrackBatch: a batch of 8 lattice variants gives, for each, the
// result of tracking it alone, bit for bit, in job order, whether the
// jobs run 1, 3 or 8 at a time; the variants differ from one another (so
// that order matters), and some lose particles.
func TestTrackBatch(t *testing.T) {
	lats, beam := variants(t, 8)
	opt := tracking.Options{Turns: 30, Device: "cpu-go"}
	var alone []*tracking.Result
	lost := 0
	for _, lat := range lats {
		o := opt
		o.Backend = device.Config{Threads: 1}
		res, err := tracking.Track(lat, beam, o)
		if err != nil {
			t.Fatal(err)
		}
		alone = append(alone, res)
		lost += res.NumLost()
	}
	if lost == 0 || lost == 8*beam.Len() {
		t.Fatalf("%d of %d particles lost: the test wants losses and survivors", lost, 8*beam.Len())
	}
	if sameResult(alone[0], alone[7]) == "" {
		t.Fatal("variants 0 and 7 give the same result")
	}
	for _, par := range []int{0, 1, 3, 8} {
		jobs := make([]tracking.Job, len(lats))
		for k, lat := range lats {
			jobs[k] = tracking.Job{Name: lat.Name, Lattice: lat, Beam: beam, Options: opt}
		}
		calls := 0
		res, err := tracking.TrackBatch(jobs, tracking.BatchOptions{Parallel: par, Progress: func(done, total int) {
			calls++
			if done != calls || total != len(jobs) {
				t.Errorf("progress %d/%d at call %d", done, total, calls)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if calls != len(jobs) {
			t.Errorf("parallel %d: %d progress calls, want %d", par, calls, len(jobs))
		}
		for k := range jobs {
			if d := sameResult(res[k], alone[k]); d != "" {
				t.Errorf("parallel %d, job %d: %s", par, k, d)
			}
		}
	}
}

// TestTrackBatchErrors: a failing job leaves a nil result and a JobError
// naming it; the other jobs still run.
func TestTrackBatchErrors(t *testing.T) {
	lats, beam := variants(t, 2)
	bad := lats[1]
	bad.Elements[3] = bad.Elements[3].Clone()
	bad.Elements[3].PassMethod = "NoSuchPass"
	jobs := []tracking.Job{
		{Name: "good", Lattice: lats[0], Beam: beam, Options: tracking.Options{Turns: 2, Device: "cpu-go"}},
		{Name: "bad", Lattice: bad, Beam: beam, Options: tracking.Options{Turns: 2, Device: "cpu-go"}},
		{Name: "empty", Options: tracking.Options{Turns: 2}},
	}
	res, err := tracking.TrackBatch(jobs, tracking.BatchOptions{})
	if res[0] == nil || res[1] != nil || res[2] != nil {
		t.Fatalf("results %v: want only the first", res)
	}
	var je *tracking.JobError
	if !errors.As(err, &je) || je.Index != 1 || je.Name != "bad" {
		t.Fatalf("error %v: want a JobError for job 1 (bad)", err)
	}
	if want := "job 2 (empty): no lattice or no beam"; !containsLine(err.Error(), want) {
		t.Errorf("error %q: want a line %q", err, want)
	}
}

// containsLine reports whether s has the line l.
func containsLine(s, l string) bool {
	return slices.Contains(strings.Split(s, "\n"), l)
}
