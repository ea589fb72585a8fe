//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"runtime"

	"gorgonia.org/cu"
)

// worker runs closures one at a time on a goroutine locked to its OS
// thread: the driver API binds a context to the calling thread, so every
// driver call of a backend goes through its worker.
type worker struct {
	calls chan func()
}

// newWorker starts the worker goroutine and runs init on it first (to make
// a context current there). It returns init's error, after which the
// goroutine has ended.
func newWorker(init func() error) (*worker, error) {
	w := &worker{calls: make(chan func())}
	errc := make(chan error)
	go func() {
		runtime.LockOSThread()
		// The thread stays locked for the life of the process: the
		// context is current on it.
		if err := init(); err != nil {
			errc <- err
			return
		}
		errc <- nil
		for f := range w.calls {
			f()
		}
	}()
	if err := <-errc; err != nil {
		return nil, err
	}
	return w, nil
}

// do runs f on the worker's thread and returns its error.
func (w *worker) do(f func() error) error {
	done := make(chan error, 1)
	w.calls <- func() { done <- f() }
	return <-done
}

// withContext calls f on the calling goroutine, locked to its OS thread
// with the GPU's primary context current there, and restores the thread's
// previous context after: for code outside this package that uses the GPU
// through the CUDA runtime or driver on its own thread, such as a
// CUDA-aware MPI library handed a device pointer. Unlike the worker's do,
// f may block (on other processes) without holding up the worker.
func (b *Backend) withContext(f func() error) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	prev, err := cu.CurrentContext()
	if err != nil {
		return fmt.Errorf("cuda: GPU %d: current context of the calling thread: %w", b.ordinal, err)
	}
	if err := cu.SetCurrentContext(b.ctx); err != nil {
		return fmt.Errorf("cuda: GPU %d: make context current on the calling thread: %w", b.ordinal, err)
	}
	ferr := f()
	if err := cu.SetCurrentContext(prev); err != nil {
		return errors.Join(ferr, fmt.Errorf("cuda: GPU %d: restore the calling thread's context: %w", b.ordinal, err))
	}
	return ferr
}
