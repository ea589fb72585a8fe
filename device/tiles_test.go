package device

import (
	"strings"
	"sync"
	"testing"
)

// TestRunRequestCheck: each malformed request is refused with its reason.
func TestRunRequestCheck(t *testing.T) {
	ok := RunRequest{Start: 0, End: 10, Turns: 2, Refpts: []int{0, 10}, Monitor: make([]float64, 2*2*3*6)}
	if err := ok.Check(10, 3); err != nil {
		t.Fatalf("a sound request: %v", err)
	}
	for _, c := range []struct {
		req  RunRequest
		want string
	}{
		{RunRequest{Start: 0, End: 11}, "outside the plan's 10 elements"},
		{RunRequest{Start: 5, End: 4}, "element range [5, 4)"},
		{RunRequest{End: 10, Turns: -1}, "negative number of passes -1"},
		{RunRequest{End: 10, Turns: 1, Refpts: []int{3, 3}, Monitor: make([]float64, 36)}, "refpts must be increasing"},
		{RunRequest{End: 10, Turns: 2, Refpts: []int{0}, Monitor: make([]float64, 35)}, "monitor buffer holds 35 values, need 36"},
	} {
		if err := c.req.Check(10, 3); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.req, err, c.want)
		}
	}
}

// TestRunTiles: every particle is in exactly one tile, tiles are at most
// TileSize long, and a beam below SerialBelow runs on one goroutine.
func TestRunTiles(t *testing.T) {
	for _, c := range []struct{ n, threads, tile, serial, wantWorkers int }{
		{1000, 3, 64, 0, 3}, {1000, 3, 64, 2000, 1}, {5, 8, 2, 0, 3}, {0, 4, 16, 0, 0},
	} {
		var mu sync.Mutex
		seen := make([]int, c.n)
		workers := 0
		CPUConfig{Threads: c.threads, TileSize: c.tile, SerialBelow: c.serial}.RunTiles(c.n, func() func(lo, hi int) {
			mu.Lock()
			workers++
			mu.Unlock()
			return func(lo, hi int) {
				if hi-lo > c.tile || hi <= lo {
					t.Errorf("%+v: tile [%d, %d)", c, lo, hi)
				}
				mu.Lock()
				for i := lo; i < hi; i++ {
					seen[i]++
				}
				mu.Unlock()
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("%+v: particle %d in %d tiles", c, i, s)
			}
		}
		if workers != c.wantWorkers {
			t.Errorf("%+v: %d goroutines, want %d", c, workers, c.wantWorkers)
		}
	}
	if got := (Config{}).CPU(256, 64); got.TileSize != 256 || got.SerialBelow != 64 || got.Threads < 1 {
		t.Errorf("defaults: %+v", got)
	}
}
