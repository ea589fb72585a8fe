package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/latfile"
)

// latticeSource holds the flags that say how to read a lattice file:
// the format, the MAT variable or MAD-X sequence, and the energy, as
// PyAT's load_lattice keywords.
type latticeSource struct {
	format string
	use    string
	energy float64
}

// addFlags adds --format, --use and --energy to fl.
func (s *latticeSource) addFlags(fl *pflag.FlagSet) {
	var names []string
	for _, f := range latfile.Formats() {
		names = append(names, string(f))
	}
	fl.StringVar(&s.format, "format", "", "lattice file format: "+strings.Join(names, ", ")+" (default: from the extension: .json, .mat, .m, .madx/.seq)")
	fl.StringVar(&s.use, "use", "", "the MAT file's variable or the MAD-X sequence to read (PyAT's use=)")
	fl.StringVar(&s.use, "key", "", "the same as --use (PyAT's older key= of load_mat)")
	fl.Float64Var(&s.energy, "energy", 0, "lattice energy [eV] (PyAT's energy=): for files without one (MAD-X without BEAM), or to replace the file's")
}

// given reports whether any of the flags was set, which needs a file.
func (s *latticeSource) given() bool { return s.format != "" || s.use != "" || s.energy != 0 }

// load reads the lattice file at path; the readers' warnings go to warn
// (nil: discarded).
func (s *latticeSource) load(path string, warn io.Writer) (*tracking.Lattice, error) {
	if s.energy < 0 {
		return nil, fmt.Errorf("--energy %g: the energy must be positive", s.energy)
	}
	return latfile.Load(path, latfile.Options{Format: latfile.Format(s.format), Use: s.use, Energy: s.energy, Warn: warn})
}

// quietWriter is w, or nil (discard) when quiet.
func quietWriter(quiet bool, w io.Writer) io.Writer {
	if quiet {
		return nil
	}
	return w
}
