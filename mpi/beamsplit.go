//go:build mpi

package mpi

import (
	"fmt"
	"unsafe"

	"github.com/gotrack/gotrack/tracking"
)

// beamSplit is how a beam of n particles is cut among the ranks: rank r
// holds counts[r] particles from displs[r] (Split); this rank holds nloc
// from lo.
type beamSplit struct {
	n, lo, nloc    int
	counts, displs []int
}

// scatterBeam sends the particle count and each rank's slice of the beam
// from rank 0, and returns the split and this rank's slice.
func scatterBeam(beam *tracking.Beam) (*beamSplit, *tracking.Beam, error) {
	var n64 int64
	if rank == 0 {
		n64 = int64(beam.Len())
	}
	if err := bcast(unsafe.Pointer(&n64), 1, tInt64, 0); err != nil {
		return nil, nil, fmt.Errorf("mpi: track: particle count: %w", err)
	}
	sp := &beamSplit{n: int(n64), counts: make([]int, size), displs: make([]int, size)}
	for r := range sp.counts {
		lo, hi := Split(sp.n, size, r)
		sp.counts[r], sp.displs[r] = hi-lo, lo
	}
	lo, hi := Split(sp.n, size, rank)
	sp.lo, sp.nloc = lo, hi-lo
	local := tracking.NewBeam(sp.nloc)
	for k := range local.Coords {
		var send []float64
		if rank == 0 {
			send = beam.Coords[k]
		}
		if err := scatterv(ptr(send), sp.counts, sp.displs, ptr(local.Coords[k]), sp.nloc, tDouble, 0); err != nil {
			return nil, nil, fmt.Errorf("mpi: track: scatter coordinate %s: %w", tracking.CoordNames[k], err)
		}
	}
	return sp, local, nil
}
