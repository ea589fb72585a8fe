package latfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/atm"
	"github.com/gotrack/gotrack/tracking/atmat"
	"github.com/gotrack/gotrack/tracking/madx"
)

// Format names a lattice file format.
type Format string

// The formats, by the names --format takes.
const (
	JSON Format = "json" // PyAT's JSON (Lattice.save)
	MAT  Format = "mat"  // MATLAB level 5 MAT file holding an AT cell array
	M    Format = "m"    // AT's text format (atwritem, at.save_m)
	MADX Format = "madx" // MAD-X sequence file
)

// Formats lists the formats, as --format takes them.
func Formats() []Format { return []Format{JSON, MAT, M, MADX} }

// Options are the choices PyAT's load_lattice takes as keywords.
type Options struct {
	// Format forces the format; empty: from the extension, else from
	// the content.
	Format Format
	// Use names the MAT variable or the MAD-X sequence (PyAT's use=);
	// empty: the file's only one, or PyAT's default.
	Use string
	// Energy, when positive, is the lattice energy [eV], as PyAT's
	// energy= (it replaces the energy the file gives).
	Energy float64
	// Warn receives the readers' warnings (unsupported MAD-X
	// statements, ...); nil discards them.
	Warn io.Writer
}

// extensions maps file extensions to formats, as PyAT's load_lattice.
var extensions = map[string]Format{
	".json": JSON,
	".mat":  MAT,
	".m":    M,
	".madx": MADX,
	".seq":  MADX,
}

// reader reads one format: data is the file's content, path its name.
type reader func(path string, data []byte, opt Options) (*tracking.Lattice, error)

// readers holds the reader of each format.
var readers = map[Format]reader{
	JSON: readJSON,
	MAT: func(path string, data []byte, opt Options) (*tracking.Lattice, error) {
		return atmat.Parse(data, path, atmat.Options{Use: opt.Use, Energy: opt.Energy, Warn: opt.Warn})
	},
	M: func(path string, data []byte, opt Options) (*tracking.Lattice, error) {
		if opt.Use != "" {
			return nil, fmt.Errorf("%s: an AT .m file holds one lattice: --use %s applies to MAT files and MAD-X sequences", path, opt.Use)
		}
		return atm.Parse(data, path, atm.Options{Energy: opt.Energy, Warn: opt.Warn})
	},
	MADX: func(path string, data []byte, opt Options) (*tracking.Lattice, error) {
		return madx.Parse(data, path, madx.Options{Use: opt.Use, Energy: opt.Energy, Warn: opt.Warn})
	},
}

// Load reads the lattice of the file at path.
func Load(path string, opt Options) (*tracking.Lattice, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load lattice: %w", err)
	}
	return Parse(path, data, opt)
}

// Parse reads the lattice held in data; path names the file, for its
// extension and the messages.
func Parse(path string, data []byte, opt Options) (*tracking.Lattice, error) {
	f, err := Detect(path, data, opt.Format)
	if err != nil {
		return nil, err
	}
	if opt.Warn == nil {
		opt.Warn = io.Discard
	}
	return readers[f](path, data, opt)
}

// Detect returns the format of a file: forced (when not empty), from
// path's extension, else from its first bytes. A file whose content
// plainly belongs to another format than its extension says is refused
// with a message naming both, rather than a parser's confusing error.
func Detect(path string, data []byte, forced Format) (Format, error) {
	if forced != "" {
		for _, f := range Formats() {
			if strings.EqualFold(string(forced), string(f)) {
				return f, nil
			}
		}
		return "", fmt.Errorf("%s: unknown format %q (want one of %s)", path, forced, formatList())
	}
	sniffed := sniff(data)
	ext := strings.ToLower(filepath.Ext(path))
	f, ok := extensions[ext]
	if !ok {
		if sniffed != "" {
			return sniffed, nil
		}
		return "", fmt.Errorf("%s: cannot tell the lattice format from the extension %q or the content; give the format (--format %s)", path, ext, formatList())
	}
	if sniffed != "" && sniffed != f && (sniffed == MAT || f == MAT || sniffed == JSON) {
		return "", fmt.Errorf("%s: the extension %s says %s but the content is %s; rename the file or give --format %s", path, ext, describe(f), describe(sniffed), sniffed)
	}
	return f, nil
}

// sniff recognises a format from the first bytes: "" when unsure. Only
// the MAT header and a JSON object are certain; a .m file starts with
// "function", and anything else may be MAD-X.
func sniff(data []byte) Format {
	if bytes.HasPrefix(data, []byte("MATLAB ")) && len(data) >= 128 {
		return MAT
	}
	if bytes.HasPrefix(data, []byte("\x89HDF\r\n\x1a\n")) {
		return MAT // a MATLAB 7.3 file: the MAT reader says what to do
	}
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(t) > 0 && t[0] == '{' {
		return JSON
	}
	if bytes.HasPrefix(t, []byte("function")) {
		return M
	}
	return ""
}

// describe names a format for messages.
func describe(f Format) string {
	switch f {
	case JSON:
		return "PyAT JSON"
	case MAT:
		return "a MATLAB MAT file"
	case M:
		return "AT's .m text format"
	case MADX:
		return "MAD-X"
	}
	return string(f)
}

func formatList() string {
	var s []string
	for _, f := range Formats() {
		s = append(s, string(f))
	}
	sort.Strings(s)
	return strings.Join(s, "|")
}

// readJSON reads PyAT's JSON; Energy replaces the file's energy (PyAT's
// keywords update the lattice properties); Use has no meaning there.
func readJSON(path string, data []byte, opt Options) (*tracking.Lattice, error) {
	if opt.Use != "" {
		return nil, fmt.Errorf("%s: a JSON file holds one lattice: --use %s applies to MAT files and MAD-X sequences", path, opt.Use)
	}
	lat, err := atjson.ParseLattice(data, path)
	if err != nil {
		return nil, err
	}
	if opt.Energy > 0 {
		lat.Energy = opt.Energy
	}
	return lat, nil
}
