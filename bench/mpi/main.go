//go:build mpi

// Command mpi measures the weak scaling of multi-rank tracking: the same
// number of particles per rank tracked by rank 0 alone, then by every
// rank at once (K times the particles over K ranks). The efficiency is
// the one-rank time over the K-rank time (1 is perfect): for the whole
// run (scatter and gather included) and for the tracking alone (the
// slowest rank's time in tracking.Track).
//
//	go build -tags mpi -o /tmp/bench-mpi ./bench/mpi
//	mpirun -n 2 /tmp/bench-mpi -n 2000 -turns 100
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host" // the "cpu" backend
	"github.com/gotrack/gotrack/mpi"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench/mpi: rank %d: %v\n", mpi.Rank(), err)
		mpi.Abort(1)
	}
	mpi.Stop()
}

func run() error {
	perRank := flag.Int("n", 2000, "particles per rank")
	turns := flag.Int("turns", 100, "turns")
	threads := flag.Int("threads", 1, "CPU threads per rank")
	latFile := flag.String("lattice", "testdata/lattices/hmba.json", "lattice file (empty: the built-in ESRF-EBS ring)")
	flag.Parse()
	if err := mpi.Start(); err != nil {
		return err
	}
	lat := lattices.DefaultRing()
	if *latFile != "" {
		var err error
		if lat, err = atjson.LoadLattice(*latFile); err != nil {
			return fmt.Errorf("lattice: %w", err)
		}
	}
	k := mpi.Size()
	opt := tracking.Options{Turns: *turns, Backend: device.Config{Threads: *threads}}
	world := tracking.GaussianBeam(*perRank*k, tracking.DefaultSigma, 1)

	// One rank: rank 0 tracks perRank particles alone, the others wait
	// asleep (a spinning MPI wait would slow a hyperthread sibling).
	var one time.Duration
	var oneErr error
	if mpi.Rank() == 0 {
		t0 := time.Now()
		_, oneErr = tracking.Track(lat, &tracking.Beam{Coords: sliceBeam(world, *perRank)}, opt)
		one = time.Since(t0)
	}
	if err := mpi.IdleBarrier(time.Millisecond); err != nil {
		return err
	}
	if err := mpi.Agree(oneErr); err != nil {
		return fmt.Errorf("one-rank run: %w", err)
	}

	// K ranks: K*perRank particles.
	t0 := time.Now()
	res, ranks, err := mpi.Track(lat, world, opt)
	if err != nil {
		return fmt.Errorf("%d-rank run: %w", k, err)
	}
	all := time.Since(t0)
	if mpi.Rank() == 0 {
		fmt.Printf("lattice %s (%d elements), %d particles per rank, %d turns, %d thread(s) per rank\n", lat.Name, len(lat.Elements), *perRank, *turns, *threads)
		fmt.Printf("1 rank:   %d particles in %.3f s\n", *perRank, one.Seconds())
		fmt.Printf("%d ranks:  %d particles in %.3f s (device %s)\n", k, res.Final.Len(), all.Seconds(), res.Device)
		var slowest time.Duration
		for _, s := range ranks {
			fmt.Printf("  %v\n", s)
			slowest = max(slowest, s.Wall)
		}
		fmt.Printf("weak-scaling efficiency at %d ranks: %.3f (tracking alone: %.3f)\n", k, one.Seconds()/all.Seconds(), one.Seconds()/slowest.Seconds())
	}
	return nil
}

// sliceBeam returns the coordinates of the first n particles of b.
func sliceBeam(b *tracking.Beam, n int) [6][]float64 {
	var c [6][]float64
	for k := range c {
		c[k] = b.Coords[k][:n]
	}
	return c
}
