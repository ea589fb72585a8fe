package tracking

import (
	"errors"
	"math"
	"testing"
	"time"
)

// firstDiff reports the first index where a and b differ in bits, or -1.
func firstDiff(a, b []float64) int {
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestChunkedRunIsTheSameRun: a run cut into chunks whose monitor is
// streamed, with or without the turn-by-turn path (moments), gives the
// same bits as one request, and a stopped run gives the bits of a shorter
// run.
func TestChunkedRunIsTheSameRun(t *testing.T) {
	lat := DefaultLattice()
	beam := GaussianBeam(24, DefaultSigma, 5)
	const turns = 30
	refpts := []int{0, 17, len(lat.Elements)}
	for _, moments := range []bool{false, true} {
		base := Options{Turns: turns, Refpts: refpts, Device: "cpu", Moments: moments}
		ref, err := Track(lat, beam, base)
		if err != nil {
			t.Fatal(err)
		}
		var streamed []float64
		calls := 0
		opt := base
		opt.ChunkTurns = 7
		opt.MonitorTo = func(m int, rows []float64) error {
			if len(rows) != m*len(refpts)*24*6 {
				t.Errorf("MonitorTo: %d values for %d turns", len(rows), m)
			}
			calls++
			streamed = append(streamed, rows...)
			return nil
		}
		got, err := Track(lat, beam, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got.Monitor != nil {
			t.Errorf("moments=%v: Result.Monitor is set although MonitorTo was given", moments)
		}
		if calls != 5 { // 7+7+7+7+2
			t.Errorf("moments=%v: MonitorTo called %d times, want 5", moments, calls)
		}
		if i := firstDiff(streamed, ref.Monitor); i >= 0 {
			t.Errorf("moments=%v: streamed monitor differs from the one-request monitor at value %d (%d values, want %d)", moments, i, len(streamed), len(ref.Monitor))
		}
		for k := 0; k < 6; k++ {
			if i := firstDiff(got.Final.Coords[k], ref.Final.Coords[k]); i >= 0 {
				t.Errorf("moments=%v: final %s differs at particle %d", moments, CoordNames[k], i)
			}
		}
		if i := firstDiff(got.Moments, ref.Moments); i >= 0 {
			t.Errorf("moments=%v: moments differ at value %d", moments, i)
		}

		// Stopped after two chunks of 7 turns: the run of 14 turns.
		asks := 0
		stop := base
		stop.ChunkTurns = 7
		stop.Stop = func() bool { asks++; return asks == 2 }
		part, err := Track(lat, beam, stop)
		if err != nil {
			t.Fatal(err)
		}
		short := base
		short.Turns = 14
		want, err := Track(lat, beam, short)
		if err != nil {
			t.Fatal(err)
		}
		if !part.Interrupted || part.Turns != 14 {
			t.Fatalf("moments=%v: stopped run: Interrupted %v, Turns %d, want true, 14", moments, part.Interrupted, part.Turns)
		}
		if i := firstDiff(part.Monitor, want.Monitor); i >= 0 {
			t.Errorf("moments=%v: stopped run's monitor differs from a 14-turn run's at value %d", moments, i)
		}
		if i := firstDiff(part.Moments, want.Moments); i >= 0 {
			t.Errorf("moments=%v: stopped run's moments differ from a 14-turn run's at value %d", moments, i)
		}
		for k := 0; k < 6; k++ {
			if i := firstDiff(part.Final.Coords[k], want.Final.Coords[k]); i >= 0 {
				t.Errorf("moments=%v: stopped run's final %s differs from a 14-turn run's at particle %d", moments, CoordNames[k], i)
			}
		}
	}
}

// TestMonitorToError: an error of MonitorTo ends the run with it.
func TestMonitorToError(t *testing.T) {
	lat := DefaultLattice()
	full := errors.New("disk full")
	_, err := Track(lat, GaussianBeam(4, DefaultSigma, 1), Options{Turns: 5, Refpts: []int{0}, Device: "cpu", ChunkTurns: 2,
		MonitorTo: func(int, []float64) error { return full }})
	if !errors.Is(err, full) {
		t.Fatalf("err = %v, want one wrapping %v", err, full)
	}
}

// TestChunker: the chosen chunks start small, grow towards half a second
// at most fourfold, respect the monitor bound, and fixed chunks are fixed.
func TestChunker(t *testing.T) {
	opt := &Options{Stop: func() bool { return false }}
	c := newChunker(opt, 1000, 1000, 100, 0)
	if got := c.next(1000); got != 20 { // 2e6 / (1000*100)
		t.Fatalf("first chunk %d turns, want 20", got)
	}
	c.took(20, 10*time.Millisecond) // 50 ms per 100 turns: would want 1000
	if got := c.next(1000); got != 80 {
		t.Errorf("after a fast chunk: %d turns, want 80 (fourfold)", got)
	}
	c.took(80, time.Second) // 80 turns per second: wants 40
	if got := c.next(1000); got != 40 {
		t.Errorf("after a slow chunk: %d turns, want 40", got)
	}
	if got := c.next(7); got != 7 {
		t.Errorf("chunk with 7 turns left: %d", got)
	}

	mon := &Options{MonitorTo: func(int, []float64) error { return nil }}
	c = newChunker(mon, 1000, 1e5, 10, 2) // a turn's monitor: 9.6 MB
	if got := c.maxTurns(); got != 6 {    // 64 MiB / 9.6 MB
		t.Errorf("monitor-bound chunk: %d turns, want 6", got)
	}
	mon.ChunkTurns = 50
	c = newChunker(mon, 1000, 1e5, 10, 2)
	if got := c.next(1000); got != 6 {
		t.Errorf("fixed chunk under the monitor bound: %d turns, want 6", got)
	}
	one := newChunker(&Options{}, 300, 10, 10, 1)
	if got := one.next(300); got != 300 {
		t.Errorf("without Stop or MonitorTo: %d turns, want the whole run", got)
	}
}
