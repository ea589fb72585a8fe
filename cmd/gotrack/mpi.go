//go:build mpi

package main

// The MPI build of the command: go build -tags mpi -o gotrack-mpi
// ./cmd/gotrack, run as mpirun -n K gotrack-mpi track .... Started by a
// launcher, track spreads the beam over the ranks (package mpi) and rank
// 0 alone writes the outputs, the same files as a one-rank run. Without a
// launcher it runs as one process, as the plain build does.

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/gotrack/gotrack/mpi"
	"github.com/gotrack/gotrack/tracking"
)

// failRankEnv names a rank that fails on purpose before tracking, to test
// that a failing rank ends the job with its message on rank 0.
const failRankEnv = "GOTRACK_TEST_FAIL_RANK"

func init() {
	addExtension(extension{name: "mpi", beforeTrack: mpiBeforeTrack})
}

func mpiBeforeTrack(job *trackJob) error {
	if !mpi.Launched() {
		return nil
	}
	if err := mpi.Start(); err != nil {
		return err
	}
	job.Write = mpi.Rank() == 0
	mpi.NewReducer(job.Stderr) // says once, on rank 0, how reductions run
	job.Track = func(lat *tracking.Lattice, beam *tracking.Beam, opt tracking.Options) (*tracking.Result, error) {
		var early error
		if s := os.Getenv(failRankEnv); s != "" {
			if r, err := strconv.Atoi(s); err == nil && r == mpi.Rank() {
				early = fmt.Errorf("failing on purpose (%s=%s)", failRankEnv, s)
			}
		}
		err := mpi.Agree(early)
		var res *tracking.Result
		var walls []time.Duration
		if err == nil {
			res, walls, err = mpi.Track(lat, beam, opt)
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
		if mpi.Rank() == 0 && opt.Progress != nil {
			lo, hi := walls[0], walls[0]
			for _, w := range walls {
				lo, hi = min(lo, w), max(hi, w)
			}
			fmt.Fprintf(job.Stderr, "gotrack: %d MPI ranks; tracking time per rank %.3f s to %.3f s\n", len(walls), lo.Seconds(), hi.Seconds())
		}
		return res, nil
	}
	return nil
}
