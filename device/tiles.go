package device

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Check checks a request against a plan of ne elements and a beam of n
// particles: the element range, the number of passes, refpts increasing
// within the range, and a monitor buffer that holds every pass.
func (r *RunRequest) Check(ne, n int) error {
	if r.Start < 0 || r.End > ne || r.Start > r.End {
		return fmt.Errorf("element range [%d, %d) outside the plan's %d elements", r.Start, r.End, ne)
	}
	if r.Turns < 0 {
		return fmt.Errorf("negative number of passes %d", r.Turns)
	}
	for i, p := range r.Refpts {
		if p < r.Start || p > r.End || (i > 0 && p <= r.Refpts[i-1]) {
			return fmt.Errorf("refpts must be increasing within [%d, %d], got %v", r.Start, r.End, r.Refpts)
		}
	}
	if need := r.Turns * len(r.Refpts) * n * 6; len(r.Refpts) > 0 && len(r.Monitor) < need {
		return fmt.Errorf("monitor buffer holds %d values, need %d", len(r.Monitor), need)
	}
	return nil
}

// CPUConfig is what a CPU backend takes of Config, defaults applied.
type CPUConfig struct {
	Threads, TileSize, SerialBelow int
}

// CPU returns the CPU settings of cfg: zero fields take all cores and the
// given default tile size and serial threshold.
func (cfg Config) CPU(tileSize, serialBelow int) CPUConfig {
	c := CPUConfig{Threads: cfg.Threads, TileSize: cfg.TileSize, SerialBelow: cfg.SerialBelow}
	if c.Threads <= 0 {
		c.Threads = runtime.GOMAXPROCS(0)
	}
	if c.TileSize <= 0 {
		c.TileSize = tileSize
	}
	if c.SerialBelow == 0 {
		c.SerialBelow = serialBelow
	}
	return c
}

// RunTiles cuts n particles into tiles of c.TileSize that c.Threads
// goroutines (one when n < c.SerialBelow) take from a shared counter, so
// that uneven work (lost particles) evens out. Each goroutine calls
// newWorker once and the function it returns for each of its tiles
// [lo, hi).
func (c CPUConfig) RunTiles(n int, newWorker func() func(lo, hi int)) {
	ts := c.TileSize
	ntiles := (n + ts - 1) / ts
	workers := c.Threads
	if n < c.SerialBelow {
		workers = 1
	}
	workers = min(workers, ntiles)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				k := int(next.Add(1) - 1)
				if k >= ntiles {
					return
				}
				lo := k * ts
				work(lo, min(lo+ts, n))
			}
		}()
	}
	wg.Wait()
}
