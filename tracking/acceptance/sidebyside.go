package acceptance

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// sideBySide runs n independent searches (one per observation point) at
// once, each on its share of the cores unless o.Track.Backend.Threads is
// set; on a GPU device, or through a Tracker (whose calls may be
// collective, as MPI's), they run one after the other, the GPU or the
// ranks serving each. The searches' progress calls are serialised and counted together.
// The results come back in point order.
func sideBySide(n int, o *Options, search func(i int, o *Options) (*Result, error)) ([]*Result, error) {
	if n == 1 {
		r, err := search(0, o)
		if err != nil {
			return nil, err
		}
		return []*Result{r}, nil
	}
	cores := runtime.GOMAXPROCS(0)
	par := min(n, cores)
	if o.Track.Device == "cuda" || o.Tracker != nil {
		par = 1
	}
	each := *o
	if each.Track.Backend.Threads == 0 {
		each.Track.Backend.Threads = max(cores/par, 1)
	}
	if p := o.Progress; p != nil {
		var mu sync.Mutex
		calls := 0
		each.Progress = func(_, particles int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			p(calls, particles)
		}
	}
	res := make([]*Result, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < par; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				oi := each
				res[i], errs[i] = search(i, &oi)
				if errs[i] != nil {
					errs[i] = fmt.Errorf("observation point %d: %w", o.Refpts[i], errs[i])
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}
