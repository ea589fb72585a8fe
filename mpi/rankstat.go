package mpi

import (
	"fmt"
	"strings"
	"time"
)

// RankStat is what one rank of a multi-rank run did; Track returns one per
// rank on rank 0.
type RankStat struct {
	// Rank is the rank in MPI_COMM_WORLD.
	Rank int
	// First and Particles are the rank's slice of the beam: particles
	// First..First+Particles-1 (see Split).
	First, Particles int
	// Wall is the time the rank spent in tracking.Track.
	Wall time.Duration
	// GPU is the ordinal of the GPU the rank tracked on
	// (tracking.Options.Backend.GPU), or -1 when its backend was not a GPU.
	GPU int
	// Device describes the rank's backend (tracking.Result.Device).
	Device string
}

// rankGPU returns the GPU a rank used: gpu, or -1 when the backend
// described by dev is a CPU backend ("cpu (...)", "cpu-go (...)").
func rankGPU(dev string, gpu int) int {
	if dev == "cpu" || dev == "cpu-go" || strings.HasPrefix(dev, "cpu ") || strings.HasPrefix(dev, "cpu-go ") {
		return -1
	}
	return gpu
}

// String says in one line what the rank did, e.g. "rank 1: particles
// 500..999 on GPU 1 (cuda (GPU 1: ...)), 1.234 s".
func (s RankStat) String() string {
	where := s.Device
	if s.GPU >= 0 {
		where = fmt.Sprintf("GPU %d (%s)", s.GPU, s.Device)
	}
	if s.Particles == 0 {
		return fmt.Sprintf("rank %d: no particles on %s, %.3f s", s.Rank, where, s.Wall.Seconds())
	}
	return fmt.Sprintf("rank %d: particles %d..%d on %s, %.3f s", s.Rank, s.First, s.First+s.Particles-1, where, s.Wall.Seconds())
}
