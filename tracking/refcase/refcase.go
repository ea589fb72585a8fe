// Package refcase reads the PyAT reference cases gotrack is checked
// against: element cases (one element, one pass), ring cases (turn by turn
// at refpts) and collective cases (wakes, beam and slice moments), as the
// repository's testdata directory holds them (see testdata/README.md),
// with the tolerances of the project's definition of done. It reads from
// any fs.FS, so that the conformance suite (package trackingtest, on
// testdata/) and the command's self-test (package selftest, on copies
// embedded in the binary) read the same files the same way. It does not
// import "testing".
package refcase

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// Num is a float64 that also reads the strings "NaN", "Infinity" and
// "-Infinity" the reference files use for non-finite values.
type Num float64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Num) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*n = Num(math.NaN())
	case `"Infinity"`:
		*n = Num(math.Inf(1))
	case `"-Infinity"`:
		*n = Num(math.Inf(-1))
	default:
		var f float64
		if err := json.Unmarshal(b, &f); err != nil {
			return err
		}
		*n = Num(f)
	}
	return nil
}

// Loss is PyAT's loss record as the reference files hold it.
type Loss struct {
	IsLost []bool   `json:"islost"`
	Turn   []int64  `json:"turn"`
	Elem   []int64  `json:"elem"`
	Coord  [][6]Num `json:"coord"`
}

// ElementCase is one file of testdata/elements.
type ElementCase struct {
	Case        string          `json:"case"`
	PassMethod  string          `json:"passmethod"`
	EnergyEV    float64         `json:"energy_eV"`
	Particle    particleJSON    `json:"particle"`
	Element     json.RawMessage `json:"element"`
	Input       [][6]Num        `json:"input"`
	LatticePass struct {
		Output [][6]Num `json:"output"`
		Loss   Loss     `json:"loss"`
	} `json:"lattice_pass"`
	// Turns, when not nil, is the case's multi-turn run (the
	// lattice_pass_turns block of the time-dependent passmethods).
	Turns *TurnsRun `json:"lattice_pass_turns"`
}

// TurnsRun is the lattice_pass_turns block of an element case: PyAT's
// lattice_pass of the element followed by the rest of a ring (Line, whose
// lengths make the ring length and so T0), for NTurns turns from AT's turn
// counter StartTurn, recorded at Refpts on every turn.
type TurnsRun struct {
	Line  []json.RawMessage `json:"line"`
	Param struct {
		StartTurn  int     `json:"start_turn"`
		NTurns     int     `json:"nturns"`
		RingLength float64 `json:"RingLength"`
		T0         float64 `json:"T0"`
	} `json:"param"`
	Refpts []int `json:"refpts"`
	// Output[t][k][i] is particle i at Refpts[k] on turn StartTurn+t.
	Output [][][][6]Num `json:"output"`
	Loss   Loss         `json:"loss"`
}

// TurnsLattice returns the lattice of the case's multi-turn run (the
// element and the rest of the ring), with the case's energy and particle.
// It checks the run's ring length against the lattice's.
func (c *ElementCase) TurnsLattice() (*tracking.Lattice, error) {
	if c.Turns == nil {
		return nil, fmt.Errorf("case %s: no lattice_pass_turns block", c.Case)
	}
	lat := &tracking.Lattice{
		Name:        c.Case + "#turns",
		File:        c.Case + "#lattice_pass_turns",
		Energy:      c.EnergyEV,
		Particle:    tracking.Particle{Name: c.Particle.Name, RestEnergy: c.Particle.RestEnergy, Charge: c.Particle.Charge},
		Periodicity: 1,
	}
	for i, raw := range c.Turns.Line {
		e, err := atjson.ParseElement(raw)
		if err != nil {
			return nil, fmt.Errorf("case %s: lattice_pass_turns line[%d]: %w", c.Case, i, err)
		}
		lat.Elements = append(lat.Elements, e)
	}
	if got, want := lat.Length(), c.Turns.Param.RingLength; math.Abs(got-want) > 1e-12*want {
		return nil, fmt.Errorf("case %s: lattice_pass_turns line is %.17g m long, param.RingLength says %.17g", c.Case, got, want)
	}
	if len(c.Turns.Output) != c.Turns.Param.NTurns {
		return nil, fmt.Errorf("case %s: lattice_pass_turns has %d turns of output, param.nturns says %d", c.Case, len(c.Turns.Output), c.Turns.Param.NTurns)
	}
	return lat, nil
}

type particleJSON struct {
	Name       string  `json:"name"`
	RestEnergy float64 `json:"rest_energy"`
	Charge     float64 `json:"charge"`
}

// RingCase is one file of testdata/rings.
type RingCase struct {
	Case        string       `json:"case"`
	LatticeJSON string       `json:"lattice_json"`
	NTurns      int          `json:"nturns"`
	Refpts      []int        `json:"refpts"`
	Input       [][6]Num     `json:"input"`
	Output      [][][][6]Num `json:"output"`
	Loss        Loss         `json:"loss"`
}

// readJSON decodes the file name of fsys into v; display names it in
// errors.
func readJSON(fsys fs.FS, name, display string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", display, err)
	}
	return nil
}

// LoadElementCases reads every element case under elements/ of fsys,
// sorted by name; root names fsys in errors.
func LoadElementCases(fsys fs.FS, root string) ([]*ElementCase, error) {
	files, err := fs.Glob(fsys, "elements/*__*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var cases []*ElementCase
	for _, f := range files {
		c := &ElementCase{}
		if err := readJSON(fsys, f, path.Join(root, f), c); err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("no element cases under %s", root)
	}
	return cases, nil
}

// Lattice returns the one-element lattice of the case, with its energy
// and particle.
func (c *ElementCase) Lattice() (*tracking.Lattice, error) {
	e, err := atjson.ParseElement(c.Element)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", c.Case, err)
	}
	return &tracking.Lattice{
		Name:        c.Case,
		File:        c.Case,
		Energy:      c.EnergyEV,
		Particle:    tracking.Particle{Name: c.Particle.Name, RestEnergy: c.Particle.RestEnergy, Charge: c.Particle.Charge},
		Periodicity: 1,
		Elements:    []*tracking.Element{e},
	}, nil
}

// Rows returns rows of reference numbers as float64.
func Rows(in [][6]Num) [][6]float64 {
	rows := make([][6]float64, len(in))
	for i, r := range in {
		for k := 0; k < 6; k++ {
			rows[i][k] = float64(r[k])
		}
	}
	return rows
}

// InputBeam returns the case's input particles as a beam.
func InputBeam(in [][6]Num) *tracking.Beam { return tracking.BeamFromRows(Rows(in)) }

// LoadRingCase reads the ring case name (rings/name.json) of fsys and
// its lattice; root names fsys in errors and in the lattice's file name.
func LoadRingCase(fsys fs.FS, root, name string) (*RingCase, *tracking.Lattice, error) {
	c := &RingCase{}
	f := "rings/" + name + ".json"
	if err := readJSON(fsys, f, path.Join(root, f), c); err != nil {
		return nil, nil, err
	}
	b, err := fs.ReadFile(fsys, c.LatticeJSON)
	if err != nil {
		return nil, nil, fmt.Errorf("load lattice: %w", err)
	}
	lat, err := atjson.ParseLattice(b, path.Join(root, c.LatticeJSON))
	if err != nil {
		return nil, nil, err
	}
	return c, lat, nil
}

// RingCaseNames lists the ring cases under rings/ of fsys; root names
// fsys in errors.
func RingCaseNames(fsys fs.FS, root string) ([]string, error) {
	files, err := fs.Glob(fsys, "rings/*.json")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".json"))
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("no ring cases under %s", root)
	}
	return names, nil
}
