package tracking

import (
	"testing"
	"time"
)

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
