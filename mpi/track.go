//go:build mpi

package mpi

import (
	"errors"
	"fmt"
	"time"

	"github.com/gotrack/gotrack/tracking"
)

// Track is tracking.Track over all ranks; it is collective. The beam is
// read on rank 0 only (other ranks may pass nil) and scattered in the
// contiguous slices of Split; every rank must pass the same lattice and
// options. Each rank tracks its slice with tracking.Track on the backend
// opt.Device selects, then the final coordinates, loss records and
// monitor buffers are gathered on rank 0 in the input particle order,
// identical bit for bit to a run on one rank.
//
// Each rank's tracking.Track gets opt with Exchange set to an *Exchange
// (NewExchange), First to the global index of the rank's first particle
// and Total to the number of particles of the whole beam, so that
// collective elements and moments combine the ranks' partial results.
// opt.Backend.GPU is passed as it is: set it per rank (GPU) before calling Track.
//
// On rank 0, Track returns the whole result (Device naming the number of
// ranks, Wall the time of the whole distributed run) and ranks, what each
// rank tracked, where and how long it took in tracking.Track. On the other
// ranks it returns the result of their own slice and nil ranks.
// opt.Progress is called on rank 0 only, with rank 0's progress scaled to
// the whole beam.
//
// When a rank fails (a bad beam on rank 0, a backend error), every rank
// returns a *JobError naming it, with its message on rank 0 (see Agree).
// Any other error means that MPI itself failed, after which ranks may be
// out of step: end the job with Abort.
func Track(lat *tracking.Lattice, beam *tracking.Beam, opt tracking.Options) (res *tracking.Result, ranks []RankStat, err error) {
	start := time.Now()
	if err := needStarted(); err != nil {
		return nil, nil, err
	}
	if err := Agree(checkInput(lat, beam)); err != nil {
		return nil, nil, err
	}
	sp, local, err := scatterBeam(beam)
	if err != nil {
		return nil, nil, err
	}

	// Each rank tracks its slice.
	ex := NewExchange()
	var stopErr error // MPI failing in Stop or AgreeChunk, which cannot return it
	lopt := localOptions(opt, sp, ex, &stopErr)
	t0 := time.Now()
	lres, terr := tracking.Track(lat, local, lopt)
	wall := time.Since(t0).Seconds()
	if stopErr != nil {
		return nil, nil, fmt.Errorf("mpi: track: agreeing to stop: %w", stopErr)
	}
	if err := Agree(terr); err != nil {
		return nil, nil, err
	}

	// What each rank did, then the results, gathered on rank 0 in
	// particle order.
	st, err := gatherStats(lres, opt, wall)
	if err != nil {
		return nil, nil, err
	}
	var out *tracking.Result
	if rank == 0 {
		out = newResult(lres, sp.n, opt.MonitorTo == nil)
	}
	if err := gatherResult(out, lres, sp, opt.MonitorTo == nil); err != nil {
		return nil, nil, err
	}
	if rank != 0 {
		return lres, nil, nil
	}
	// Collective elements and moments are computed from sums over all
	// ranks: every rank holds the same values.
	out.Moments, out.Results = lres.Moments, lres.Results
	out.Wall = time.Since(start)
	return out, st.ranks(sp), nil
}

// checkInput returns the error of a bad lattice or beam (the beam is
// checked on rank 0, which alone reads it), for Agree.
func checkInput(lat *tracking.Lattice, beam *tracking.Beam) error {
	switch {
	case lat == nil:
		return errors.New("mpi: track: nil lattice")
	case rank == 0 && beam == nil:
		return errors.New("mpi: track: nil beam on rank 0")
	case rank == 0:
		for k := range beam.Coords {
			if len(beam.Coords[k]) != beam.Len() {
				return fmt.Errorf("mpi: track: beam coordinate %s has %d values, want %d", tracking.CoordNames[k], len(beam.Coords[k]), beam.Len())
			}
		}
	}
	return nil
}

// localOptions returns the options of this rank's tracking.Track
// (rankOptions), with what keeps the ranks in step: when the run may stop
// or streams its monitor, every rank stops at the same turns (the chunks
// are the smallest any rank wishes, and a stop asked on any rank stops
// them all) and the monitor is gathered on rank 0; rank 0 reports the
// progress scaled to the whole beam. An MPI error in Stop or AgreeChunk,
// which cannot return it, is stored in *stopErr.
func localOptions(opt tracking.Options, sp *beamSplit, ex *Exchange, stopErr *error) tracking.Options {
	lopt := rankOptions(opt, sp.lo, sp.n, ex)
	if opt.Stop != nil || opt.MonitorTo != nil {
		lopt.Stop = func() bool {
			v := []int64{0}
			if opt.Stop != nil && opt.Stop() {
				v[0] = 1
			}
			if err := ex.SumInt64(v); err != nil {
				*stopErr = err
				return true
			}
			return v[0] > 0
		}
		lopt.AgreeChunk = func(m int) int {
			v := []float64{float64(m)}
			if err := ex.MinFloat64(v); err != nil {
				*stopErr = err
				return m
			}
			return int(v[0])
		}
	}
	if opt.MonitorTo != nil {
		lopt.MonitorTo = monitorGather(opt.MonitorTo, countRefpts(opt.Refpts), sp.n, sp.nloc, sp.counts, sp.displs, ex)
	}
	if rank == 0 && opt.Progress != nil && sp.nloc > 0 {
		n, nloc := int64(sp.n), int64(sp.nloc)
		total := n * int64(opt.Turns)
		lopt.Progress = func(done, _ int64) {
			opt.Progress(min(done*n/nloc, total), total)
		}
	}
	return lopt
}

// newResult returns rank 0's result of the whole beam of n particles,
// ready for gatherResult: the run's description from lres, and the
// buffers (the monitor's when it is kept in the result).
func newResult(lres *tracking.Result, n int, keepMonitor bool) *tracking.Result {
	out := &tracking.Result{
		Final:       tracking.NewBeam(n),
		Lost:        make([]bool, n),
		LostTurn:    make([]int64, n),
		LostElement: make([]int64, n),
		LostCoords:  tracking.NewBeam(n),
		Refpts:      lres.Refpts,
		Turns:       lres.Turns,
		Interrupted: lres.Interrupted,
		Device:      fmt.Sprintf("%s; %d MPI ranks", lres.Device, size),
		Threads:     lres.Threads,
	}
	if len(lres.Refpts) > 0 && keepMonitor {
		out.Monitor = make([]float64, lres.Turns*len(lres.Refpts)*n*6)
	}
	return out
}

// gatherResult gathers every rank's final coordinates, loss records and
// (with keepMonitor) monitor into out on rank 0, in particle order; out is
// nil on the other ranks.
func gatherResult(out, lres *tracking.Result, sp *beamSplit, keepMonitor bool) error {
	counts, displs, nloc := sp.counts, sp.displs, sp.nloc
	// recvF returns the receive buffer on rank 0, nil elsewhere.
	recvF := func(f func() []float64) []float64 {
		if rank == 0 {
			return f()
		}
		return nil
	}
	for k := 0; k < 6; k++ {
		if err := gatherv(ptr(lres.Final.Coords[k]), nloc, ptr(recvF(func() []float64 { return out.Final.Coords[k] })), counts, displs, tDouble, 0); err != nil {
			return fmt.Errorf("mpi: track: gather final %s: %w", tracking.CoordNames[k], err)
		}
		if err := gatherv(ptr(lres.LostCoords.Coords[k]), nloc, ptr(recvF(func() []float64 { return out.LostCoords.Coords[k] })), counts, displs, tDouble, 0); err != nil {
			return fmt.Errorf("mpi: track: gather lost coordinates %s: %w", tracking.CoordNames[k], err)
		}
	}
	var lost []bool
	var lturn, lelem []int64
	if rank == 0 {
		lost, lturn, lelem = out.Lost, out.LostTurn, out.LostElement
	}
	// A Go bool is one byte, 0 or 1: gathered as MPI_BYTE.
	if err := gatherv(ptr(lres.Lost), nloc, ptr(lost), counts, displs, tByte, 0); err != nil {
		return fmt.Errorf("mpi: track: gather loss flags: %w", err)
	}
	if err := gatherv(ptr(lres.LostTurn), nloc, ptr(lturn), counts, displs, tInt64, 0); err != nil {
		return fmt.Errorf("mpi: track: gather loss turns: %w", err)
	}
	if err := gatherv(ptr(lres.LostElement), nloc, ptr(lelem), counts, displs, tInt64, 0); err != nil {
		return fmt.Errorf("mpi: track: gather loss elements: %w", err)
	}
	if nref := len(lres.Refpts); nref > 0 && keepMonitor {
		// Monitor is (turns, refpts, N, 6): each (turn, refpt) block is
		// the ranks' slices one after the other.
		c6, d6 := make([]int, size), make([]int, size)
		for r := range c6 {
			c6[r], d6[r] = 6*counts[r], 6*displs[r]
		}
		for b := 0; b < lres.Turns*nref; b++ {
			send := lres.Monitor[b*nloc*6 : (b+1)*nloc*6]
			var recv []float64
			if rank == 0 {
				recv = out.Monitor[b*sp.n*6 : (b+1)*sp.n*6]
			}
			if err := gatherv(ptr(send), 6*nloc, ptr(recv), c6, d6, tDouble, 0); err != nil {
				return fmt.Errorf("mpi: track: gather monitor block %d: %w", b, err)
			}
		}
	}
	return nil
}

// rankOptions returns the options of the tracking.Track of one rank, whose
// slice of a beam of total particles starts at particle first: opt with
// the beam split described (Exchange, First, Total) and no Progress (Track
// reports the progress of rank 0 itself).
func rankOptions(opt tracking.Options, first, total int, ex *Exchange) tracking.Options {
	opt.Exchange, opt.First, opt.Total = ex, first, total
	opt.Progress = nil
	return opt
}

// countRefpts returns the number of distinct refpts, as tracking.Track
// counts them.
func countRefpts(refpts []int) int {
	seen := make(map[int]bool, len(refpts))
	for _, r := range refpts {
		seen[r] = true
	}
	return len(seen)
}

// monitorGather returns the Options.MonitorTo of one rank of a run whose
// monitor is streamed: each chunk's monitor is gathered on rank 0 in
// particle order and handed to sink there. A sink error on rank 0 ends
// every rank's run at the same chunk.
func monitorGather(sink func(int, []float64) error, nref, n, nloc int, counts, displs []int, ex *Exchange) func(int, []float64) error {
	c6, d6 := make([]int, size), make([]int, size)
	for r := range c6 {
		c6[r], d6[r] = 6*counts[r], 6*displs[r]
	}
	var buf []float64 // rank 0: the gathered chunk
	return func(turns int, rows []float64) error {
		if need := turns * nref * n * 6; rank == 0 && cap(buf) < need {
			buf = make([]float64, need)
		} else if rank == 0 {
			buf = buf[:need]
		}
		for b := 0; b < turns*nref; b++ {
			send := rows[b*nloc*6 : (b+1)*nloc*6]
			var recv []float64
			if rank == 0 {
				recv = buf[b*n*6 : (b+1)*n*6]
			}
			if err := gatherv(ptr(send), 6*nloc, ptr(recv), c6, d6, tDouble, 0); err != nil {
				return fmt.Errorf("mpi: gather monitor block %d: %w", b, err)
			}
		}
		var serr error
		if rank == 0 {
			serr = sink(turns, buf)
		}
		v := []int64{0}
		if serr != nil {
			v[0] = 1
		}
		if err := ex.SumInt64(v); err != nil {
			return fmt.Errorf("mpi: agreeing on the monitor: %w", err)
		}
		switch {
		case serr != nil:
			return serr
		case v[0] > 0:
			return errors.New("rank 0 failed to take the monitor")
		}
		return nil
	}
}
