package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// latticeFlags are the options of the lattice command.
type latticeFlags struct {
	write string
	list  bool
	json  bool
	ring  bool
	src   latticeSource
}

func newLatticeCmd(stdout, stderr io.Writer) *cobra.Command {
	var f latticeFlags
	cmd := &cobra.Command{
		Use:   "lattice [LATTICE]",
		Short: "Describe, list or convert a lattice file (AT JSON, .mat, .m, MAD-X)",
		Long: `lattice reads a lattice file and prints a summary: name, number of
elements, length, energy, particle and the passmethods used. Without a
file, it describes the built-in lattice: one cell of the ESRF-EBS HMBA
ring.

The file is read by its extension, as PyAT's load_lattice: .json (PyAT's
JSON, Lattice.save), .mat (a MATLAB AT lattice, as at.load_mat), .m (AT's
one-element-per-line text format, as at.load_m), .madx or .seq (a MAD-X
sequence, as at.load_madx); --format forces one. --use names the MAT
variable or the MAD-X sequence, --energy gives the energy (a MAD-X file
without BEAM) or replaces the file's. With --write OUT.json the lattice is
saved as PyAT's JSON: "gotrack lattice ring.mat --write ring.json"
converts. track, optics and acceptance read the same files with the same
flags.

With --ring, the lattice is repeated by its periodicity (a cell into the
full ring), as "gotrack track --ring" does; without a file, --ring takes
the built-in full ring (32 cells, 3872 elements), which is what
"gotrack track" tracks by default.

With --list, the elements are listed in place of the summary, one row
each: index, FamName, PassMethod, Length [m] and s [m], the position of
the element's entrance (PyAT's get_s_pos), Length and s printed to 15
significant digits; a last row "end" gives the index of the end of the
lattice (the number of elements) and its s, the total length. These are
the indices and FamNames that "gotrack track --refpts" selects when track
is given the same file and --ring (without a file, track tracks the full
ring: list it with --ring). With --json too, the list is a JSON array of objects with the keys "index",
"FamName", "PassMethod", "Length" and "s_pos" (in full precision), one
per element, without the "end" row (its index is the length of the
array, its s_pos the last s_pos plus the last Length); only the JSON is
printed.

With --write, the lattice is saved in AT JSON format, which PyAT's
load_lattice reads back.`,
		Example: `  gotrack lattice ring.json
  gotrack lattice esrf.seq --use ring --energy 6e9 --write esrf.json
  gotrack lattice hmba.mat --write hmba.json
  gotrack lattice --ring --list
  gotrack lattice cell.json --list --json > elements.json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLattice(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.write, "write", "w", "", "save the lattice to `OUT.json` in AT JSON format")
	fl.BoolVar(&f.list, "list", false, "list the elements (index, FamName, PassMethod, Length, s) in place of the summary")
	fl.BoolVar(&f.json, "json", false, "with --list: print the list as a JSON array (without the end row)")
	fl.BoolVar(&f.ring, "ring", false, "repeat the lattice by its periodicity (without a file: the built-in full ring)")
	f.src.addFlags(fl)
	return cmd
}

func runLattice(cmd *cobra.Command, args []string, f *latticeFlags, stdout, stderr io.Writer) error {
	if f.json && !f.list {
		return &usageError{cmd, fmt.Errorf("--json applies to --list")}
	}
	var lat *tracking.Lattice
	if len(args) == 0 && f.src.given() {
		return &usageError{cmd, fmt.Errorf("--format, --use and --energy apply to a lattice file")}
	}
	switch {
	case len(args) == 0 && f.ring:
		lat = lattices.DefaultRing()
	case len(args) == 0:
		lat = lattices.Default()
	default:
		var err error
		if lat, err = f.src.load(args[0], stderr); err != nil {
			return err
		}
		if f.ring && lat.Periodicity > 1 {
			if lat, err = lat.Repeat(lat.Periodicity); err != nil {
				return fmt.Errorf("%s: --ring: %w", args[0], err)
			}
		}
	}
	switch {
	case f.json:
		if err := writeElementsJSON(stdout, lat); err != nil {
			return err
		}
	case f.list:
		if err := writeElementTable(stdout, lat); err != nil {
			return err
		}
	default:
		if _, err := fmt.Fprint(stdout, lat.Summary()); err != nil {
			return err
		}
	}
	// Check what tracking would check (passmethods, attributes),
	// so that a lattice that summarises fine cannot fail later.
	if _, err := tracking.Compile(lat); err != nil {
		return fmt.Errorf("the lattice cannot be tracked: %w", err)
	}
	for _, w := range lat.Check() {
		fmt.Fprintf(stderr, "gotrack: warning: %s\n", w)
	}
	if f.write != "" {
		if err := atjson.SaveLattice(lat, f.write); err != nil {
			return err
		}
		if !f.json {
			fmt.Fprintf(stdout, "written:        %s\n", f.write)
		}
	}
	return nil
}

// sPositions returns the position of the entrance of each element of lat
// and, last, of the end of the lattice (ne+1 values): the running sum of
// the lengths from 0, left to right, as PyAT's get_s_pos (numpy's cumsum).
func sPositions(lat *tracking.Lattice) []float64 {
	s := make([]float64, len(lat.Elements)+1)
	for i, e := range lat.Elements {
		s[i+1] = s[i] + e.Length()
	}
	return s
}

// elementRow is one element of "gotrack lattice --list --json".
type elementRow struct {
	Index      int     `json:"index"`
	FamName    string  `json:"FamName"`
	PassMethod string  `json:"PassMethod"`
	Length     float64 `json:"Length"`
	SPos       float64 `json:"s_pos"`
}

// writeElementsJSON writes the elements of lat as a JSON array of
// elementRow, one element a line.
func writeElementsJSON(w io.Writer, lat *tracking.Lattice) error {
	s := sPositions(lat)
	var b strings.Builder
	b.WriteString("[")
	for i, e := range lat.Elements {
		js, err := json.Marshal(elementRow{i, e.FamName, e.PassMethod, e.Length(), s[i]})
		if err != nil {
			return fmt.Errorf("element %d (%s): %w", i, e.FamName, err)
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(js)
	}
	b.WriteString("\n]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeElementTable writes the elements of lat as a table with a header
// line: index, FamName, PassMethod, Length [m] and s [m] at the entrance,
// then a row "end" with the number of elements and the total length.
func writeElementTable(w io.Writer, lat *tracking.Lattice) error {
	ne := len(lat.Elements)
	s := sPositions(lat)
	rows := make([][5]string, 0, ne+2)
	rows = append(rows, [5]string{"index", "FamName", "PassMethod", "Length [m]", "s [m]"})
	for i, e := range lat.Elements {
		rows = append(rows, [5]string{strconv.Itoa(i), e.FamName, e.PassMethod, metres(e.Length()), metres(s[i])})
	}
	rows = append(rows, [5]string{strconv.Itoa(ne), "end", "", "", metres(s[ne])})

	// Indices are right-aligned, names left-aligned, numbers aligned on
	// their decimal point.
	var width [3]int
	var intw, fracw [2]int // integer part, "." and fraction, of Length and s
	for k, r := range rows {
		for c := range 3 {
			width[c] = max(width[c], len(r[c]))
		}
		if k == 0 {
			continue
		}
		for c := range 2 {
			ip, fp := splitDecimal(r[3+c])
			intw[c], fracw[c] = max(intw[c], len(ip)), max(fracw[c], len(fp))
		}
	}
	numw := [2]int{}
	for c := range 2 {
		numw[c] = max(intw[c]+fracw[c], len(rows[0][3+c]))
	}
	var b strings.Builder
	for k, r := range rows {
		fmt.Fprintf(&b, "%*s  %-*s  %-*s", width[0], r[0], width[1], r[1], width[2], r[2])
		for c := range 2 {
			v := r[3+c]
			if k > 0 && v != "" {
				ip, fp := splitDecimal(v)
				v = strings.Repeat(" ", intw[c]-len(ip)) + ip + fp + strings.Repeat(" ", fracw[c]-len(fp))
			}
			fmt.Fprintf(&b, "  %-*s", numw[c], v)
		}
		// No trailing blanks.
		line := strings.TrimRight(b.String(), " ")
		b.Reset()
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// metres formats a length [m] to 15 significant digits, without exponent
// and without trailing zeros: enough to tell apart any two lengths of a
// lattice, without the last-digit noise of float64 sums.
func metres(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'e', 14, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// splitDecimal splits a number written by metres into its integer part
// and the rest ("." and the fraction, or "").
func splitDecimal(v string) (string, string) {
	if i := strings.IndexByte(v, '.'); i >= 0 {
		return v[:i], v[i:]
	}
	return v, ""
}
