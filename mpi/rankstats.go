//go:build mpi

package mpi

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/gotrack/gotrack/tracking"
)

// rankStats is what each rank did, gathered on rank 0: the time in
// tracking.Track, the GPU ordinal (-1 for none) and the backend's
// description.
type rankStats struct {
	walls []float64
	gpus  []int64
	devs  []string
}

// gatherStats gathers each rank's wall time, GPU and backend on rank 0.
func gatherStats(lres *tracking.Result, opt tracking.Options, wall float64) (*rankStats, error) {
	st := &rankStats{}
	ones, idx := make([]int, size), make([]int, size)
	for r := range ones {
		ones[r], idx[r] = 1, r
	}
	if rank == 0 {
		st.walls, st.gpus = make([]float64, size), make([]int64, size)
	}
	if err := gatherv(unsafe.Pointer(&wall), 1, ptr(st.walls), ones, idx, tDouble, 0); err != nil {
		return nil, fmt.Errorf("mpi: track: gather timings: %w", err)
	}
	gpu := int64(rankGPU(lres.Device, opt.Backend.GPU))
	if err := gatherv(unsafe.Pointer(&gpu), 1, ptr(st.gpus), ones, idx, tInt64, 0); err != nil {
		return nil, fmt.Errorf("mpi: track: gather GPU ordinals: %w", err)
	}
	devs, err := gatherStrings(lres.Device)
	if err != nil {
		return nil, fmt.Errorf("mpi: track: gather device descriptions: %w", err)
	}
	st.devs = devs
	return st, nil
}

// ranks returns the RankStat of every rank (on rank 0).
func (st *rankStats) ranks(sp *beamSplit) []RankStat {
	out := make([]RankStat, size)
	for r := range out {
		out[r] = RankStat{Rank: r, First: sp.displs[r], Particles: sp.counts[r],
			Wall: time.Duration(st.walls[r] * float64(time.Second)), GPU: int(st.gpus[r]), Device: st.devs[r]}
	}
	return out
}
