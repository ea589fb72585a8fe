package main

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking/npy"
)

// monitorStream writes monitor.npy turn by turn as the run goes, so that
// the monitor's size is bounded by the disk, not the memory. Its header
// carries the shape of the whole run; a run stopped early shrinks it to
// the turns done.
type monitorStream struct {
	out   *outDir
	f     *outFile
	w     *npy.Writer
	shape []int
}

// newMonitorStream starts monitor.npy, of the given shape (turns, refpts,
// particles, 6), in out.
func newMonitorStream(out *outDir, shape []int) (*monitorStream, error) {
	f, err := out.open("monitor.npy")
	if err != nil {
		return nil, err
	}
	w, err := npy.NewWriter(f, shape)
	if err != nil {
		f.f.Close()
		return nil, out.finish(f, 0, err)
	}
	return &monitorStream{out: out, f: f, w: w, shape: shape}, nil
}

// write appends the monitor of some turns (a tracking.Options.MonitorTo).
func (m *monitorStream) write(_ int, vals []float64) error {
	if err := m.w.Write(vals); err != nil {
		return fmt.Errorf("%s: %w", m.out.temp("monitor.npy"), err)
	}
	return nil
}

// close completes monitor.npy after turns turns.
func (m *monitorStream) close(turns int) error {
	shape := append([]int{turns}, m.shape[1:]...)
	return m.out.finish(m.f, npy.FileSize(shape, 8), m.w.Close())
}
