package tracking

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// Job is one run of a batch: a lattice, a beam and the run's options,
// independent of every other job (PyAT's patpass and use_mp run such
// jobs: error seeds, parameter variants, several beams). A job may hold
// collective elements or hooks: it is a whole run.
type Job struct {
	// Name labels the job in errors and progress (e.g. the lattice file).
	Name    string
	Lattice *Lattice
	Beam    *Beam
	Options Options
}

// BatchOptions control how a batch shares the machine.
type BatchOptions struct {
	// Parallel is the number of jobs run at once. Zero: one job per CPU
	// core (each on one thread unless its Options.Backend.Threads says
	// otherwise), at most the number of jobs; on a GPU device ("cuda")
	// one job at a time, the GPU's own parallelism serving each.
	Parallel int
	// Progress, when not nil, is called after each job ends with the
	// jobs done and the total; never concurrently with itself.
	Progress func(done, total int)
}

// JobError is the failure of one job of a batch.
type JobError struct {
	Index int    // the job's index in the batch
	Name  string // its Name
	Err   error
}

func (e *JobError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("job %d (%s): %v", e.Index, e.Name, e.Err)
	}
	return fmt.Sprintf("job %d: %v", e.Index, e.Err)
}

func (e *JobError) Unwrap() error { return e.Err }

// TrackBatch runs jobs as independent Track calls sharing the machine, and
// returns their results in job order. A job that fails leaves a nil
// result and a *JobError; the others still run, and the error returned
// joins the failures (errors.Join), nil when every job succeeded. Each
// job's result is what Track gives it alone: the jobs share nothing but
// the cores (the random numbers of a job depend on its own Options.Seed).
func TrackBatch(jobs []Job, opt BatchOptions) ([]*Result, error) {
	results := make([]*Result, len(jobs))
	if len(jobs) == 0 {
		return results, nil
	}
	par := opt.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
		for _, j := range jobs {
			if j.Options.Device == "cuda" {
				par = 1
				break
			}
		}
	}
	par = min(par, len(jobs))
	// With several jobs at once, each takes its share of the cores unless
	// it asks for a thread count itself.
	threads := max(runtime.GOMAXPROCS(0)/par, 1)

	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < par; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				o := j.Options
				if o.Backend.Threads == 0 && par > 1 {
					o.Backend.Threads = threads
				}
				var err error
				if j.Lattice == nil || j.Beam == nil {
					err = errors.New("no lattice or no beam")
				} else {
					results[i], err = Track(j.Lattice, j.Beam, o)
				}
				if err != nil {
					errs[i] = &JobError{Index: i, Name: j.Name, Err: err}
				}
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(jobs))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, errors.Join(errs...)
}
