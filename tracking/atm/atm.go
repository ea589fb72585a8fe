package atm

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// Options control the reading of an AT text lattice.
type Options struct {
	// Energy [eV], when non-zero, is the lattice energy, as PyAT's
	// load_m(energy=...): it takes precedence over the energy of the
	// file's RingParam element and cavities, and gives one to a file
	// that has none.
	Energy float64
	// Warn receives PyAT's warnings (one per line, prefixed by the file
	// and line); nil discards them.
	Warn io.Writer
}

// Load reads the AT text lattice file at path (see Parse).
func Load(path string, opt Options) (*tracking.Lattice, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load AT .m lattice: %w", err)
	}
	return Parse(data, path, opt)
}

// Parse reads an AT text lattice, the format that MATLAB's atwritem and
// PyAT's save_m write, as PyAT's at.load_m reads it; name is used in
// errors. Bad input is an error naming the file and line, never a panic.
// A MATLAB script or function that builds a lattice with code gives an
// *Error wrapping ErrScript that says how to convert it.
func Parse(data []byte, name string, opt Options) (*tracking.Lattice, error) {
	warn := func(line int, format string, a ...any) {
		if opt.Warn == nil {
			return
		}
		msg := fmt.Sprintf(format, a...)
		if line > 0 {
			fmt.Fprintf(opt.Warn, "%s:%d: warning: %s\n", name, line, msg)
		} else {
			fmt.Fprintf(opt.Warn, "%s: warning: %s\n", name, msg)
		}
	}
	if err := sniff(data, name); err != nil {
		return nil, err
	}
	base := filepath.Base(name)
	r := &reader{scanner: scanner{file: name, src: data, line: 1}, fn: strings.TrimSuffix(base, filepath.Ext(base)), warnf: warn}
	if err := r.header(); err != nil {
		return nil, err
	}
	calls, err := r.calls()
	if err != nil {
		return nil, err
	}
	r.trailer()
	if len(calls) > 0 && calls[0].line <= 2 {
		warn(calls[0].line, "PyAT's load_m skips the first two lines of the file whatever they hold, so it would drop this element: put \"function ring=name()\" and \"ring={...\" on lines 1 and 2")
	}
	b := &builder{file: name, warn: warn}
	elems := make([]built, 0, len(calls))
	for _, c := range calls {
		e, err := b.build(c)
		if err != nil {
			return nil, err
		}
		elems = append(elems, built{e, c.line})
	}
	return b.lattice(elems, opt)
}

// sniff recognises files of other formats.
func sniff(data []byte, name string) error {
	switch {
	case bytes.HasPrefix(data, []byte("MATLAB 5.0 MAT-file")) || bytes.HasPrefix(data, []byte("\x89HDF")) ||
		bytes.Contains(data[:min(len(data), 512)], []byte("MATLAB 7.3 MAT-file")):
		return fmt.Errorf("%s: this is a binary MATLAB MAT-file, not an AT text (.m) lattice: load it with the .mat reader", name)
	case bytes.IndexByte(data, 0) >= 0:
		return fmt.Errorf("%s: binary data (a NUL byte), not an AT text (.m) lattice", name)
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) && bytes.Contains(data, []byte("\"atjson\"")):
		return fmt.Errorf("%s: this is an AT JSON lattice, not an AT text (.m) lattice: load it with the JSON reader", name)
	}
	return nil
}
