package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// signals stops a track run gracefully. The first SIGINT or SIGTERM stops
// the tracking at the next turn boundary (tracking.Options.Stop); the
// turns done are written as a run of their own, and the command exits
// with 128 + the signal number (130, 143). A second signal abandons the
// run: the files being written are removed, the output directory keeps
// what it held, and the command exits at once (while tracking, through
// the function set with whileTracking; while writing, the writes fail).
type signals struct {
	ch      chan os.Signal
	done    chan struct{}
	once    sync.Once
	first   atomic.Value // os.Signal: the first signal received
	abandon atomic.Bool
	mu      sync.Mutex
	quit    func() // abandons the run while it tracks
	seen    sync.Once
}

// stopSeen is called once, by the tracking's first stop check that finds
// a signal; tests replace it to hold the run there.
var stopSeen = func() {}

// exitNow ends the process (tests replace it).
var exitNow = os.Exit

// whileTracking sets what a second signal does while the run tracks
// (remove the temporary files and exit); nil when tracking is over.
func (s *signals) whileTracking(quit func()) {
	s.mu.Lock()
	s.quit = quit
	s.mu.Unlock()
}

// watchSignals starts watching SIGINT and SIGTERM; messages name dir.
func watchSignals(stderr io.Writer, dir string) *signals {
	s := &signals{ch: make(chan os.Signal, 2), done: make(chan struct{})}
	signal.Notify(s.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for {
			select {
			case <-s.done:
				return
			case sg := <-s.ch:
				if s.first.Load() == nil {
					s.first.Store(sg)
					fmt.Fprintf(stderr, "\ngotrack: %s: stopping at the end of the current turn; the turns done will be written to %s (a second signal abandons them)\n", signalName(sg), dir)
					continue
				}
				s.abandon.Store(true)
				fmt.Fprintf(stderr, "\ngotrack: %s again: abandoning the run; %s keeps what it held\n", signalName(sg), dir)
				s.mu.Lock()
				quit := s.quit
				s.mu.Unlock()
				if quit != nil {
					quit()
				}
			}
		}
	}()
	return s
}

// stopping reports whether a signal asked the run to stop.
func (s *signals) stopping() bool {
	if s.first.Load() == nil {
		return false
	}
	s.seen.Do(stopSeen)
	return true
}

// close stops watching.
func (s *signals) close() {
	s.once.Do(func() {
		signal.Stop(s.ch)
		close(s.done)
	})
}

// code returns the exit status for the first signal: 128 + its number.
func (s *signals) code() int {
	if sg, ok := s.first.Load().(syscall.Signal); ok {
		return 128 + int(sg)
	}
	return 130
}

// stopped is the error of a run stopped by a signal whose turns done were
// written.
func (s *signals) stopped(done, turns int, dir string) error {
	if done == turns {
		return &exitError{code: s.code(), err: fmt.Errorf("%s while the outputs were written: the run is complete in %s",
			signalName(s.first.Load().(os.Signal)), dir)}
	}
	return &exitError{code: s.code(), err: fmt.Errorf("stopped by %s after %d of %d turns; %s holds the results of those turns (summary.json: \"interrupted\": true)",
		signalName(s.first.Load().(os.Signal)), done, turns, dir)}
}

// abandoned is the error of a run abandoned by a second signal.
func (s *signals) abandoned() error {
	name := "a signal"
	if sg, ok := s.first.Load().(os.Signal); ok {
		name = signalName(sg)
	}
	return &exitError{code: s.code(), err: fmt.Errorf("abandoned after a second %s; nothing was written", name)}
}

func signalName(sg os.Signal) string {
	switch sg {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sg.String()
}

// exitError is an error that ends the command with its own exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }
