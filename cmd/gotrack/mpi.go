//go:build mpi

package main

// The MPI build of the command: go build -tags mpi -o gotrack-mpi
// ./cmd/gotrack, run as mpirun -n K gotrack-mpi track .... Started by a
// launcher, track spreads the beam over the ranks (package mpi): rank 0
// alone reads the --beam file, each rank tracks its slice on the GPU of
// its node-local rank (with -tags cuda,mpi) or on the CPU, and rank 0
// alone writes the outputs, the same files as a one-rank run, with what
// each rank did in summary.json. Without a launcher it runs as one
// process, as the plain build does.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/gotrack/gotrack/mpi"
	"github.com/gotrack/gotrack/tracking"
)

// failRankEnv names a rank that fails on purpose before tracking, to test
// that a failing rank ends the job with its message on rank 0.
const failRankEnv = "GOTRACK_TEST_FAIL_RANK"

func init() {
	var m mpiRun
	// Handing over to gotrack-cuda would make every rank run the whole
	// job: the MPI build uses a GPU only when built with -tags cuda,mpi.
	gpuHandoff.off = "this is an MPI build"
	addExtension(extension{name: "mpi", readBeam: m.readBeam, generateBeam: m.generateBeam, beforeTrack: m.beforeTrack, batch: m.batch, scanTracker: m.scanTracker, selftest: mpiSelftest})
}

// mpiRun is the MPI extension of one track command.
type mpiRun struct {
	// beamErr is the failure, agreed by every rank, of reading the beam
	// on rank 0 (a *mpi.JobError); the other ranks then end quietly.
	beamErr error
	// local is set while this rank runs its share of a --lattices batch:
	// each run is then a one-process run on this rank.
	local bool
}

// batch splits a --lattices batch round robin over the ranks
// (mpi.BatchShare); each rank runs its lattices as one-process runs (on
// the GPU of its node-local rank in a CUDA build) and writes their
// outputs. finish agrees the ranks' outcomes: rank 0 reports the failed
// lattices of every rank, the other ranks end quietly.
func (m *mpiRun) batch(n int) ([]int, func(error) (bool, error), error) {
	if !mpi.Launched() {
		return runAll(n)
	}
	if err := mpi.Start(); err != nil {
		return nil, nil, err
	}
	m.local = true
	finish := func(local error) (bool, error) {
		m.local = false
		err := mpi.Agree(local)
		var je *mpi.JobError
		if err != nil && !errors.As(err, &je) {
			fmt.Fprintf(os.Stderr, "gotrack: rank %d: %v\n", mpi.Rank(), err)
			mpi.Abort(1)
		}
		mpi.Stop()
		if mpi.Rank() != 0 {
			return false, nil
		}
		if err != nil {
			return true, fmt.Errorf("mpi: %w", err)
		}
		return true, nil
	}
	return mpi.BatchShare(n, mpi.Rank(), mpi.Size()), finish, nil
}

// scanTracker spreads every tracking call of an acceptance scan over the
// ranks (mpi.TrackShared): every rank runs the same scan and receives
// every result, rank 0 alone prints and writes the outputs and reports
// the error, the others end quietly. Outside a launcher, and for the runs
// of a --lattices batch (each on one rank), scans track as one process.
func (m *mpiRun) scanTracker() (func(*tracking.Lattice, *tracking.Beam, tracking.Options) (*tracking.Result, error), bool, func(error) error, error) {
	if !mpi.Launched() || m.local {
		return nil, true, nil, nil
	}
	if err := mpi.Start(); err != nil {
		return nil, false, nil, err
	}
	finish := func(err error) error {
		// A failed call ends every rank's scan at the same call (Track
		// agrees on failures); other errors are the same on every rank.
		mpi.Stop()
		if mpi.Rank() != 0 {
			return nil
		}
		return err
	}
	return mpi.TrackShared, mpi.Rank() == 0, finish, nil
}

// readBeam reads the --beam file on rank 0 only; the other ranks get an
// empty beam (mpi.Track scatters rank 0's) and no note. A failure on rank
// 0 ends every rank, with rank 0's message as the command's error there.
func (m *mpiRun) readBeam(path string) (*tracking.Beam, string, error) {
	if !mpi.Launched() || m.local {
		return loadBeam(path)
	}
	if err := mpi.Start(); err != nil {
		return nil, "", err
	}
	beam := tracking.NewBeam(0)
	var note string
	var err error
	if mpi.Rank() == 0 {
		beam, note, err = loadBeam(path)
	}
	err = mpi.Agree(err)
	var je *mpi.JobError
	switch {
	case err == nil:
		return beam, note, nil
	case !errors.As(err, &je):
		fmt.Fprintf(os.Stderr, "gotrack: rank %d: %v\n", mpi.Rank(), err)
		mpi.Abort(1)
	case mpi.Rank() == 0:
		mpi.Stop()
		return nil, "", fmt.Errorf("mpi: %w", err)
	}
	m.beamErr = err // beforeTrack's Track ends this rank quietly
	return tracking.NewBeam(0), "", nil
}

// generateBeam draws the generated beam on rank 0 only, which scatters
// it: the other ranks never hold the whole beam.
func (m *mpiRun) generateBeam(draw func() (*tracking.Beam, error)) (*tracking.Beam, error) {
	if !mpi.Launched() || m.local {
		return draw()
	}
	if err := mpi.Start(); err != nil {
		return nil, err
	}
	if mpi.Rank() != 0 {
		return tracking.NewBeam(0), nil
	}
	return draw()
}

func (m *mpiRun) beforeTrack(job *trackJob) error {
	if !mpi.Launched() {
		return nil
	}
	if m.local {
		// One run of a batch on this rank: its node-local rank's GPU.
		if gpus, err := visibleGPUs(); err == nil {
			job.Options.Backend.GPU = mpi.GPU(gpus)
		}
		return nil
	}
	if err := mpi.Start(); err != nil {
		return err
	}
	job.Write = mpi.Rank() == 0
	// Each rank's GPU, from its node-local rank (0 without CUDA).
	gpus, gpuErr := visibleGPUs()
	job.Options.Backend.GPU = mpi.GPU(gpus)
	if !job.Quiet && gpuBuild {
		// Says once, on rank 0, how reductions of GPU buffers run: a
		// CPU-only build has none.
		mpi.NewReducer(job.Stderr)
	}
	job.Track = func(lat *tracking.Lattice, beam *tracking.Beam, opt tracking.Options) (*tracking.Result, error) {
		if m.beamErr != nil {
			mpi.Stop()
			return &tracking.Result{}, nil
		}
		early := gpuErr
		if s := os.Getenv(failRankEnv); s != "" {
			if r, err := strconv.Atoi(s); err == nil && r == mpi.Rank() {
				early = fmt.Errorf("failing on purpose (%s=%s)", failRankEnv, s)
			}
		}
		err := mpi.Agree(early)
		var res *tracking.Result
		var ranks []mpi.RankStat
		if err == nil {
			res, ranks, err = mpi.Track(lat, beam, opt)
		}
		var je *mpi.JobError
		switch {
		case err == nil:
		case errors.As(err, &je):
			// Every rank knows; rank 0 reports the messages and its exit
			// status is the job's. The others end quietly.
			mpi.Stop()
			if mpi.Rank() == 0 {
				return nil, fmt.Errorf("mpi: %w", err)
			}
			return &tracking.Result{}, nil
		default:
			// MPI itself failed: the ranks may be out of step.
			fmt.Fprintf(job.Stderr, "gotrack: rank %d: %v\n", mpi.Rank(), err)
			mpi.Abort(1)
		}
		mpi.Stop()
		if mpi.Rank() != 0 {
			return res, nil
		}
		job.Ranks = rankSummaries(ranks)
		if !job.Quiet {
			reportRanks(job.Stderr, ranks)
		}
		return res, nil
	}
	return nil
}

// rankSummaries converts the ranks' statistics for summary.json.
func rankSummaries(ranks []mpi.RankStat) []rankSummary {
	out := make([]rankSummary, len(ranks))
	for i, s := range ranks {
		out[i] = rankSummary{Rank: s.Rank, First: s.First, Particles: s.Particles, WallS: s.Wall.Seconds(), Device: s.Device}
		if s.GPU >= 0 {
			g := s.GPU
			out[i].GPU = &g
		}
	}
	return out
}

// reportRanks writes the spread of the ranks' tracking times and, when a
// GPU backend ran, the GPU and slice of every rank.
func reportRanks(w io.Writer, ranks []mpi.RankStat) {
	if len(ranks) == 0 {
		return
	}
	lo, hi := ranks[0].Wall, ranks[0].Wall
	gpu := false
	for _, s := range ranks {
		lo, hi = min(lo, s.Wall), max(hi, s.Wall)
		gpu = gpu || s.GPU >= 0
	}
	fmt.Fprintf(w, "gotrack: %d MPI ranks; tracking time per rank %.3f s to %.3f s\n", len(ranks), lo.Seconds(), hi.Seconds())
	if gpu {
		for _, s := range ranks {
			fmt.Fprintf(w, "gotrack: %v\n", s)
		}
	}
}
