//go:build mpi

package mpi

import (
	"errors"

	"github.com/gotrack/gotrack/tracking"
)

// BatchShare returns the indices of the jobs of a batch of n that rank
// rank of size runs: rank, rank+size, rank+2·size, ... (round robin, so
// that ranks get similar mixes when the jobs are listed by size).
func BatchShare(n, rank, size int) []int {
	var idx []int
	for i := rank; i < n; i += size {
		idx = append(idx, i)
	}
	return idx
}

// TrackBatch is tracking.TrackBatch over all ranks; it is collective.
// Every rank passes the same job list; rank r runs its share
// (BatchShare) with tracking.TrackBatch on its own cores or GPU, and the
// result of job i is returned on the rank that ran it, at index i, nil
// elsewhere: each job's result is written by the rank that ran it (as
// gotrack's commands write a job's files), not gathered. Each result is
// what tracking.Track gives the job alone. The error is nil on every rank
// when every job of every rank succeeded; otherwise every rank gets a
// *JobError naming the ranks with failed jobs (their tracking.JobError
// messages on rank 0), and the results of the jobs that succeeded.
func TrackBatch(jobs []tracking.Job, opt tracking.BatchOptions) ([]*tracking.Result, error) {
	if err := needStarted(); err != nil {
		return nil, err
	}
	share := BatchShare(len(jobs), rank, size)
	mine := make([]tracking.Job, len(share))
	for k, i := range share {
		mine[k] = jobs[i]
	}
	if p := opt.Progress; p != nil {
		// Progress counts this rank's jobs.
		opt.Progress = func(done, _ int) { p(done, len(mine)) }
	}
	res, err := tracking.TrackBatch(mine, opt)
	// Job indices in the local errors are this rank's; name the batch's.
	if err != nil {
		err = renumber(err, share)
	}
	out := make([]*tracking.Result, len(jobs))
	for k, i := range share {
		out[i] = res[k]
	}
	return out, Agree(err)
}

// renumber rewrites the job indices of the tracking.JobErrors joined in
// err from this rank's share to the batch.
func renumber(err error, share []int) error {
	u, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return err
	}
	var errs []error
	for _, e := range u.Unwrap() {
		if je, ok := e.(*tracking.JobError); ok {
			c := *je
			c.Index = share[je.Index]
			e = &c
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}
