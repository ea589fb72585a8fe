//go:build mpi

package mpi

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/tracking"
)

// TrackShared is Track for an algorithm that runs the same on every rank
// and needs every result on every rank (an acceptance scan, whose next
// points depend on which were lost): it is collective, every rank passes
// the same beam, the beam is split over the ranks and tracked, and every
// rank returns the whole result, in particle order: the final
// coordinates and the loss record, as tracking.Track gives them. The
// monitor is not kept (opt.Refpts must be empty).
func TrackShared(lat *tracking.Lattice, beam *tracking.Beam, opt tracking.Options) (*tracking.Result, error) {
	if len(opt.Refpts) > 0 || opt.MonitorTo != nil {
		return nil, errors.New("mpi: track shared: no monitor: the refpts must be empty")
	}
	if beam == nil {
		return nil, errors.New("mpi: track shared: nil beam")
	}
	res, _, err := Track(lat, beam, opt)
	if err != nil {
		return nil, err
	}
	// Rank 0 holds the gathered result; it sends it to every rank as one
	// buffer: final coordinates, loss coordinates, then the loss flag,
	// turn and element (integers below 2^53, exact as float64).
	n := beam.Len()
	buf := make([]float64, 15*n)
	if rank == 0 {
		for k := range 6 {
			copy(buf[k*n:], res.Final.Coords[k])
			copy(buf[(6+k)*n:], res.LostCoords.Coords[k])
		}
		for i := range n {
			if res.Lost[i] {
				buf[12*n+i] = 1
			}
			buf[13*n+i] = float64(res.LostTurn[i])
			buf[14*n+i] = float64(res.LostElement[i])
		}
	}
	if err := bcast(ptr(buf), len(buf), tDouble, 0); err != nil {
		return nil, fmt.Errorf("mpi: track shared: %w", err)
	}
	if rank == 0 {
		return res, nil
	}
	out := &tracking.Result{
		Final:       tracking.NewBeam(n),
		LostCoords:  tracking.NewBeam(n),
		Lost:        make([]bool, n),
		LostTurn:    make([]int64, n),
		LostElement: make([]int64, n),
		Turns:       res.Turns,
		Interrupted: res.Interrupted,
		Device:      res.Device,
		Threads:     res.Threads,
		Wall:        res.Wall,
	}
	for k := range 6 {
		copy(out.Final.Coords[k], buf[k*n:(k+1)*n])
		copy(out.LostCoords.Coords[k], buf[(6+k)*n:(7+k)*n])
	}
	for i := range n {
		out.Lost[i] = buf[12*n+i] != 0
		out.LostTurn[i] = int64(buf[13*n+i])
		out.LostElement[i] = int64(buf[14*n+i])
	}
	return out, nil
}
