//go:build cuda

package cuda

import "runtime"

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
