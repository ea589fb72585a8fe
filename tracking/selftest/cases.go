package selftest

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// num is a float64 that also reads the strings "NaN", "Infinity" and
// "-Infinity" of the reference files.
type num float64

// UnmarshalJSON implements json.Unmarshaler.
func (n *num) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*n = num(math.NaN())
	case `"Infinity"`:
		*n = num(math.Inf(1))
	case `"-Infinity"`:
		*n = num(math.Inf(-1))
	default:
		var f float64
		if err := json.Unmarshal(b, &f); err != nil {
			return err
		}
		*n = num(f)
	}
	return nil
}

// Loss is PyAT's loss record (losses=True).
type Loss struct {
	IsLost []bool       `json:"islost"`
	Turn   []int64      `json:"turn"`
	Elem   []int64      `json:"elem"`
	Coord  [][6]float64 `json:"-"`
}

type lossJSON struct {
	IsLost []bool   `json:"islost"`
	Turn   []int64  `json:"turn"`
	Elem   []int64  `json:"elem"`
	Coord  [][6]num `json:"coord"`
}

func (l lossJSON) loss() Loss {
	return Loss{IsLost: l.IsLost, Turn: l.Turn, Elem: l.Elem, Coord: rows(l.Coord)}
}

type particleJSON struct {
	Name       string  `json:"name"`
	RestEnergy float64 `json:"rest_energy"`
	Charge     float64 `json:"charge"`
}

func rows(in [][6]num) [][6]float64 {
	out := make([][6]float64, len(in))
	for i, r := range in {
		for k := range r {
			out[i][k] = float64(r[k])
		}
	}
	return out
}

// Case is one reference case: what to track and PyAT's answer.
type Case struct {
	// Name is the case's file name without directory and extension.
	Name string
	// Lattice, Input and Turns are what PyAT tracked.
	Lattice *tracking.Lattice
	Input   *tracking.Beam
	Turns   int
	// Refpts are the elements where the coordinates are compared every
	// turn (ring cases); Output[turn][refpt][particle] is PyAT's.
	Refpts []int
	Output [][][][6]float64
	// Final is PyAT's beam after the last turn (element and collective
	// cases).
	Final [][6]float64
	// SubsetIndices and SubsetPerTurn[turn][k] are the particles a
	// collective case records at the ring end after every turn.
	SubsetIndices []int
	SubsetPerTurn [][][6]float64
	// Loss is PyAT's loss record.
	Loss Loss
	// Wakes maps a wake element's index to its final turn history, rows
	// [x, y, z, weight] in AT's order (collective cases).
	Wakes map[int][][4]float64
}

// Suite is the self-test's cases, by group.
type Suite struct {
	Elements   []*Case
	Ring       []*Case
	Collective []*Case
}

// Load parses the embedded cases. The lattices are new on every call (a
// wake element keeps its history in the lattice between runs): load the
// suite again for each backend.
func Load() (*Suite, error) {
	s := &Suite{}
	for _, f := range Files {
		var c *Case
		var err error
		dir, base, _ := strings.Cut(f, "/")
		name := strings.TrimSuffix(base, ".json")
		switch dir {
		case "elements":
			c, err = loadElement(f)
			s.Elements = append(s.Elements, c)
		case "rings":
			c, err = loadRing(f)
			s.Ring = append(s.Ring, c)
		case "collective":
			c, err = loadCollective(f)
			s.Collective = append(s.Collective, c)
		default:
			continue // a lattice, read by its ring case
		}
		if err != nil {
			return nil, err
		}
		c.Name = name
	}
	return s, nil
}

func readJSON(name string, v any) error {
	b, err := readFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("selftest: %s: %w", name, err)
	}
	return nil
}

func loadElement(name string) (*Case, error) {
	var f struct {
		EnergyEV    float64         `json:"energy_eV"`
		Particle    particleJSON    `json:"particle"`
		Element     json.RawMessage `json:"element"`
		Input       [][6]num        `json:"input"`
		LatticePass struct {
			Output [][6]num `json:"output"`
			Loss   lossJSON `json:"loss"`
		} `json:"lattice_pass"`
	}
	if err := readJSON(name, &f); err != nil {
		return nil, err
	}
	e, err := tracking.ParseElement(f.Element)
	if err != nil {
		return nil, fmt.Errorf("selftest: %s: %w", name, err)
	}
	lat := &tracking.Lattice{
		Name: name, File: name, Energy: f.EnergyEV, Periodicity: 1,
		Particle: tracking.Particle{Name: f.Particle.Name, RestEnergy: f.Particle.RestEnergy, Charge: f.Particle.Charge},
		Elements: []*tracking.Element{e},
	}
	return &Case{
		Lattice: lat, Input: tracking.BeamFromRows(rows(f.Input)), Turns: 1,
		Final: rows(f.LatticePass.Output), Loss: f.LatticePass.Loss.loss(),
	}, nil
}

func loadRing(name string) (*Case, error) {
	var f struct {
		LatticeJSON string       `json:"lattice_json"`
		NTurns      int          `json:"nturns"`
		Refpts      []int        `json:"refpts"`
		Input       [][6]num     `json:"input"`
		Output      [][][][6]num `json:"output"`
		Loss        lossJSON     `json:"loss"`
	}
	if err := readJSON(name, &f); err != nil {
		return nil, err
	}
	b, err := readFile(f.LatticeJSON)
	if err != nil {
		return nil, err
	}
	lat, err := tracking.ParseLattice(b, f.LatticeJSON)
	if err != nil {
		return nil, fmt.Errorf("selftest: %s: %w", name, err)
	}
	c := &Case{Lattice: lat, Input: tracking.BeamFromRows(rows(f.Input)), Turns: f.NTurns, Refpts: f.Refpts, Loss: f.Loss.loss()}
	c.Output = make([][][][6]float64, len(f.Output))
	for t, byRef := range f.Output {
		c.Output[t] = make([][][6]float64, len(byRef))
		for k, parts := range byRef {
			c.Output[t][k] = rows(parts)
		}
	}
	return c, nil
}

// loadCollective reads a collective case whose collective elements PyAT's
// JSON writer wrote in full (json_writer_ok): the lattice block is the
// ring as tracked, the ring block gives the bunches as AT's C code
// received them.
func loadCollective(name string) (*Case, error) {
	var f struct {
		Lattice          json.RawMessage `json:"lattice"`
		ElementsExplicit map[string]struct {
			WriterOK bool `json:"json_writer_ok"`
		} `json:"elements_explicit"`
		Ring struct {
			BeamCurrent   float64   `json:"beam_current_A"`
			FillPattern   []float64 `json:"fillpattern"`
			BunchCurrents []float64 `json:"bunch_currents_A"`
			BunchSpos     []float64 `json:"bunch_spos_m"`
		} `json:"ring"`
		NTurns        int                                   `json:"nturns"`
		Input         [][6]num                              `json:"input"`
		OutputFinal   [][6]num                              `json:"output_final"`
		SubsetIndices []int                                 `json:"output_subset_indices"`
		SubsetPerTurn [][][6]num                            `json:"output_subset_per_turn"`
		Loss          lossJSON                              `json:"loss"`
		Diagnostics   map[string]map[string]json.RawMessage `json:"diagnostics"`
	}
	if err := readJSON(name, &f); err != nil {
		return nil, err
	}
	for idx, x := range f.ElementsExplicit {
		if !x.WriterOK {
			return nil, fmt.Errorf("selftest: %s: element %s was not written by PyAT's JSON writer; the self-test reads only cases whose lattice block is complete", name, idx)
		}
	}
	lat, err := tracking.ParseLattice(f.Lattice, name+"#lattice")
	if err != nil {
		return nil, fmt.Errorf("selftest: %s: %w", name, err)
	}
	lat.FillPattern = append([]float64(nil), f.Ring.FillPattern...)
	lat.SetBeamCurrent(f.Ring.BeamCurrent)
	lat.BunchCurrents = append([]float64(nil), f.Ring.BunchCurrents...)
	lat.BunchSpos = append([]float64(nil), f.Ring.BunchSpos...)
	c := &Case{
		Lattice: lat, Input: tracking.BeamFromRows(rows(f.Input)), Turns: f.NTurns,
		Final: rows(f.OutputFinal), SubsetIndices: f.SubsetIndices, Loss: f.Loss.loss(),
		Wakes: map[int][][4]float64{},
	}
	for _, parts := range f.SubsetPerTurn {
		c.SubsetPerTurn = append(c.SubsetPerTurn, rows(parts))
	}
	for key, block := range f.Diagnostics {
		raw, ok := block["TurnHistory_final"]
		if !ok {
			continue
		}
		idx, err := strconv.Atoi(key)
		if err != nil {
			return nil, fmt.Errorf("selftest: %s: diagnostics key %q is not an element index", name, key)
		}
		var th [][][][4]num // [turnblock][bunch][slice]
		if err := json.Unmarshal(raw, &th); err != nil {
			return nil, fmt.Errorf("selftest: %s: diagnostics[%d].TurnHistory_final: %w", name, idx, err)
		}
		var hist [][4]float64
		for _, blk := range th {
			for _, bunch := range blk {
				for _, r := range bunch {
					hist = append(hist, [4]float64{float64(r[0]), float64(r[1]), float64(r[2]), float64(r[3])})
				}
			}
		}
		c.Wakes[idx] = hist
	}
	return c, nil
}
