package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/gotrack/gotrack/tracking/npy"
)

// An output directory holds one run: its files are written under
// temporary names and renamed into place when all are complete,
// summary.json last; the files of gotrack's naming that the run did not
// write are removed then, so that no earlier run's results sit beside the
// new ones. Files gotrack did not name are left alone.

// ownNames matches the names of the files a track run writes.
var ownNames = regexp.MustCompile(`^(initial|final|lost|lost_turn|lost_element|lost_coords|monitor|moments|wake_E[0-9]+|beam_moments_E[0-9]+_(means|stds)|slice_moments_E[0-9]+_(means|stds|spos|weights))\.npy$|^summary\.json$`)

// tempPrefix starts the names of the files being written: ".gotrack-PID-".
const tempPrefix = ".gotrack-"

// tempName matches the temporary files of any gotrack run: the process id
// and the final name.
var tempName = regexp.MustCompile(`^\.gotrack-([0-9]+)-(.+)$`)

// errAbandoned is returned by the writes of an output directory whose run
// was abandoned (a second signal).
var errAbandoned = errors.New("abandoned")

// outDir is an output directory being written.
type outDir struct {
	dir   string
	pid   int
	temps []string // final names of the files written, in order
	// abandon, when set, makes every later write fail with errAbandoned.
	abandon *atomic.Bool
}

// writeFile is what outDir writes into: an *os.File.
type writeFile interface {
	Write(p []byte) (int, error)
	Seek(offset int64, whence int) (int64, error)
	Sync() error
	Close() error
}

// probeOutDir creates dir if needed and checks that files can be written
// into it, before a run spends time tracking. created is whether it made
// dir (which a run that then fails removes again).
func probeOutDir(dir string) (created bool, err error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("output directory: %w", err)
	}
	probe, err := os.CreateTemp(dir, tempPrefix+"probe-*")
	if err != nil {
		return created, fmt.Errorf("output directory %s is not writable: %w", dir, err)
	}
	_, werr := probe.Write([]byte{0})
	cerr := probe.Close()
	os.Remove(probe.Name())
	if err := errors.Join(werr, cerr); err != nil {
		return created, fmt.Errorf("output directory %s is not writable: %w", dir, err)
	}
	return created, nil
}

// createOutFile creates a file of an output directory (tests replace it
// to fail writes or to act when a file is started).
var createOutFile = func(path string) (writeFile, error) { return os.Create(path) }

// openOutDir probes dir (see probeOutDir) and returns it ready to receive
// a run's files; abandon, when set, makes its writes fail.
func openOutDir(dir string, abandon *atomic.Bool) (*outDir, error) {
	if _, err := probeOutDir(dir); err != nil {
		return nil, err
	}
	if abandon == nil {
		abandon = new(atomic.Bool)
	}
	return &outDir{dir: dir, pid: os.Getpid(), abandon: abandon}, nil
}

func (o *outDir) temp(name string) string {
	return filepath.Join(o.dir, tempPrefix+strconv.Itoa(o.pid)+"-"+name)
}

// outFile is a file of the directory being written: it counts the bytes
// written and stops writing when the run is abandoned.
type outFile struct {
	f       writeFile
	name    string // final name
	written int64
	abandon *atomic.Bool
}

func (w *outFile) Write(p []byte) (int, error) {
	if w.abandon.Load() {
		return 0, errAbandoned
	}
	n, err := w.f.Write(p)
	w.written += int64(n)
	return n, err
}

func (w *outFile) Seek(offset int64, whence int) (int64, error) { return w.f.Seek(offset, whence) }

// open starts writing the file name under its temporary name.
func (o *outDir) open(name string) (*outFile, error) {
	if o.abandon.Load() {
		return nil, errAbandoned
	}
	f, err := createOutFile(o.temp(name))
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", filepath.Join(o.dir, name), err)
	}
	if !slices.Contains(o.temps, name) {
		o.temps = append(o.temps, name)
	}
	return &outFile{f: f, name: name, abandon: o.abandon}, nil
}

// finish completes a file opened with open: its data reaches the disk
// before it may be renamed. werr is the error of writing it, if any; the
// error returned names the file and the bytes it needed.
func (o *outDir) finish(w *outFile, need int64, werr error) error {
	if werr == nil {
		werr = w.f.Sync()
	}
	if cerr := w.f.Close(); werr == nil {
		werr = cerr
	}
	switch {
	case werr == nil:
		return nil
	case errors.Is(werr, errAbandoned):
		return errAbandoned
	case need > 0:
		return fmt.Errorf("writing %s: %w (%d of its %s written)", filepath.Join(o.dir, w.name), werr, w.written, humanBytes(need))
	}
	return fmt.Errorf("writing %s: %w", filepath.Join(o.dir, w.name), werr)
}

// saveNPY writes one .npy file.
func (o *outDir) saveNPY(name string, shape []int, data any) error {
	w, err := o.open(name)
	if err != nil {
		return err
	}
	return o.finish(w, npy.FileSize(shape, npyItemSize(data)), npy.Write(w, shape, data))
}

// npyItemSize returns the bytes per value of data as npy.Write writes it.
func npyItemSize(data any) int {
	if _, ok := data.([]bool); ok {
		return 1
	}
	return 8
}

// commit puts the run's files in place: summary.json (whose content is
// given) is written under its temporary name, the earlier summary.json
// removed, every file renamed to its final name, the files of gotrack's
// naming that this run did not write removed, and summary.json renamed
// last. A reader that finds summary.json finds every file it lists
// complete.
func (o *outDir) commit(summary []byte) error {
	w, err := o.open("summary.json")
	if err != nil {
		return err
	}
	_, werr := w.Write(summary)
	if err := o.finish(w, int64(len(summary)), werr); err != nil {
		return err
	}
	final := func(name string) string { return filepath.Join(o.dir, name) }
	if err := os.Remove(final("summary.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("replacing %s: %w", final("summary.json"), err)
	}
	for _, name := range o.temps {
		if name == "summary.json" {
			continue
		}
		if err := os.Rename(o.temp(name), final(name)); err != nil {
			return fmt.Errorf("putting %s in place: %w", final(name), err)
		}
	}
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case ownNames.MatchString(name) && !slices.Contains(o.temps, name) && e.Type().IsRegular():
			if err := os.Remove(final(name)); err != nil {
				return fmt.Errorf("removing %s of an earlier run: %w", final(name), err)
			}
		case tempName.MatchString(name):
			// Left by a run that was killed: removed unless its process
			// is still running.
			m := tempName.FindStringSubmatch(name)
			if pid, _ := strconv.Atoi(m[1]); pid != o.pid && !processAlive(pid) {
				os.Remove(final(name))
			}
		}
	}
	if err := os.Rename(o.temp("summary.json"), final("summary.json")); err != nil {
		return fmt.Errorf("putting %s in place: %w", final("summary.json"), err)
	}
	o.temps = nil
	return nil
}

// cleanup removes the files of a run that failed or was abandoned: the
// directory keeps what it held before.
func (o *outDir) cleanup() {
	for _, name := range o.temps {
		os.Remove(o.temp(name))
	}
	o.temps = nil
}

// humanBytes formats a size in decimal units, three digits: "480 MB",
// "9.6 TB".
func humanBytes(b int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	v := float64(b)
	i := 0
	for v >= 999.5 && i < len(units)-1 {
		v /= 1000
		i++
	}
	return fmt.Sprintf("%.3g %s", v, units[i])
}
