//go:build mpi

package mpi

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	gompi "github.com/sbromberger/gompi"
)

var (
	startMu    sync.Mutex
	started    bool
	rank, size int = 0, 1
)

// Launched reports whether this process was started by an MPI launcher
// (mpirun, mpiexec, srun with PMI/PMIx), from the variables they set.
// Without one, a program runs as one rank and need not start MPI.
func Launched() bool {
	for _, v := range []string{"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"} {
		if os.Getenv(v) != "" {
			return true
		}
	}
	return false
}

// Start initialises MPI on MPI_COMM_WORLD, with errors returned rather
// than aborting (MPI_ERRORS_RETURN), and reads the rank and size. It is a
// no-op when already started. Without a launcher, OpenMPI runs the
// process as a singleton: one rank.
func Start() error {
	startMu.Lock()
	defer startMu.Unlock()
	if started {
		return nil
	}
	if cFinalized() {
		return errors.New("mpi: Start after Stop: MPI cannot be restarted")
	}
	if err := cInit(); err != nil {
		return fmt.Errorf("mpi: start: %w", err)
	}
	rank, size = gompi.WorldRank(), gompi.WorldSize()
	started = true
	return nil
}

// Stop finalises MPI; no MPI call may follow. It is a no-op when MPI was
// not started or already stopped.
func Stop() {
	startMu.Lock()
	defer startMu.Unlock()
	if started && !cFinalized() {
		gompi.Stop()
	}
	started = false
}

// Rank returns this process's rank in MPI_COMM_WORLD (0 before Start).
func Rank() int { return rank }

// Size returns the number of ranks in MPI_COMM_WORLD (1 before Start).
func Size() int { return size }

// Abort ends every rank of the job with the exit code code
// (MPI_Abort). It is the last resort when the ranks can no longer agree.
func Abort(code int) {
	cAbort(code)
	os.Exit(code) // MPI_Abort does not return; in case it does.
}

// JobError is a failure of one or more ranks, known to every rank after
// Agree.
type JobError struct {
	// Ranks are the ranks that failed, in increasing order.
	Ranks []int
	// Messages hold the error of each failed rank: all of them on rank
	// 0, only its own on the others.
	Messages map[int]string
}

// Error implements error.
func (e *JobError) Error() string {
	parts := make([]string, 0, len(e.Ranks))
	for _, r := range e.Ranks {
		if m, ok := e.Messages[r]; ok {
			parts = append(parts, fmt.Sprintf("rank %d: %s", r, m))
		}
	}
	if len(parts) == len(e.Ranks) {
		return strings.Join(parts, "; ")
	}
	rs := make([]string, len(e.Ranks))
	for i, r := range e.Ranks {
		rs[i] = fmt.Sprint(r)
	}
	msg := fmt.Sprintf("rank(s) %s of %d failed (their errors are reported by rank 0)", strings.Join(rs, ", "), Size())
	if len(parts) > 0 {
		msg += "; " + strings.Join(parts, "; ")
	}
	return msg
}

// Agree is collective: every rank passes its own outcome (nil for
// success), and every rank returns nil when all succeeded, else a
// *JobError naming the failed ranks, with their messages on rank 0. A rank
// that failed early must still call Agree so that no rank waits for it.
// An error of another type means the exchange itself failed; then only
// Abort is safe.
func Agree(local error) error {
	if err := needStarted(); err != nil {
		return err
	}
	failed := make([]int64, size)
	if local != nil {
		failed[rank] = 1
	}
	if err := allreduce(ptr(failed), size, tInt64, opSum); err != nil {
		return fmt.Errorf("mpi: agree: %w", err)
	}
	je := &JobError{Messages: map[int]string{}}
	for r, f := range failed {
		if f != 0 {
			je.Ranks = append(je.Ranks, r)
		}
	}
	if len(je.Ranks) == 0 {
		return nil
	}
	var msg string
	if local != nil {
		msg = local.Error()
		je.Messages[rank] = msg
	}
	all, err := gatherStrings(msg)
	if err != nil {
		return fmt.Errorf("mpi: agree: %w", err)
	}
	if rank == 0 {
		for _, r := range je.Ranks {
			je.Messages[r] = all[r]
		}
	}
	sort.Ints(je.Ranks)
	return je
}

// gatherStrings is collective: it gathers every rank's s on rank 0, which
// gets them in rank order; the other ranks get nil.
func gatherStrings(s string) ([]string, error) {
	// The lengths, then the bytes.
	lens := make([]int64, size)
	n := int64(len(s))
	ones, idx := make([]int, size), make([]int, size)
	for r := range ones {
		ones[r], idx[r] = 1, r
	}
	if err := gatherv(unsafe.Pointer(&n), 1, ptr(lens), ones, idx, tInt64, 0); err != nil {
		return nil, fmt.Errorf("gather string lengths: %w", err)
	}
	var all []byte
	var counts, displs []int
	if rank == 0 {
		counts, displs = make([]int, size), make([]int, size)
		total := 0
		for r, l := range lens {
			counts[r], displs[r] = int(l), total
			total += int(l)
		}
		all = make([]byte, max(total, 1))
	}
	if err := gatherv(ptr([]byte(s)), len(s), ptr(all), counts, displs, tByte, 0); err != nil {
		return nil, fmt.Errorf("gather strings: %w", err)
	}
	if rank != 0 {
		return nil, nil
	}
	out := make([]string, size)
	for r := range out {
		out[r] = string(all[displs[r] : displs[r]+counts[r]])
	}
	return out, nil
}

// IdleBarrier waits until every rank has called it, sleeping poll
// between checks: unlike a blocking MPI call, which spins, a waiting rank
// leaves its core to the others (e.g. its hyperthread sibling).
func IdleBarrier(poll time.Duration) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := sleepyBarrier(poll); err != nil {
		return fmt.Errorf("mpi: idle barrier: %w", err)
	}
	return nil
}

func needStarted() error {
	startMu.Lock()
	defer startMu.Unlock()
	if !started {
		return errors.New("mpi: not started (call mpi.Start first)")
	}
	return nil
}
