package selftest

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/refcase"
)

// Loss is PyAT's loss record (losses=True).
type Loss struct {
	IsLost []bool
	Turn   []int64
	Elem   []int64
	Coord  [][6]float64
}

func lossOf(l refcase.Loss) Loss {
	return Loss{IsLost: l.IsLost, Turn: l.Turn, Elem: l.Elem, Coord: refcase.Rows(l.Coord)}
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

// Load parses the embedded cases with package refcase, as the
// conformance suite reads them. The lattices are new on every call (a
// wake element keeps its history in the lattice between runs): load the
// suite again for each backend.
func Load() (*Suite, error) {
	fsys, err := files()
	if err != nil {
		return nil, err
	}
	s := &Suite{}
	for _, f := range Files {
		var c *Case
		var err error
		dir, base, _ := strings.Cut(f, "/")
		name := strings.TrimSuffix(base, ".json")
		switch dir {
		case "elements":
			c, err = loadElement(fsys, f)
			s.Elements = append(s.Elements, c)
		case "rings":
			c, err = loadRing(fsys, name)
			s.Ring = append(s.Ring, c)
		case "collective":
			c, err = loadCollective(fsys, f)
			s.Collective = append(s.Collective, c)
		default:
			continue // a lattice, read by its ring case
		}
		if err != nil {
			return nil, fmt.Errorf("selftest: %w", err)
		}
		c.Name = name
	}
	return s, nil
}

func loadElement(fsys fs.FS, name string) (*Case, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var e refcase.ElementCase
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lat, err := e.Lattice()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Case{
		Lattice: lat, Input: refcase.InputBeam(e.Input), Turns: 1,
		Final: refcase.Rows(e.LatticePass.Output), Loss: lossOf(e.LatticePass.Loss),
	}, nil
}

func loadRing(fsys fs.FS, name string) (*Case, error) {
	r, lat, err := refcase.LoadRingCase(fsys, "selftest", name)
	if err != nil {
		return nil, err
	}
	c := &Case{Lattice: lat, Input: refcase.InputBeam(r.Input), Turns: r.NTurns, Refpts: r.Refpts, Loss: lossOf(r.Loss)}
	c.Output = make([][][][6]float64, len(r.Output))
	for t, byRef := range r.Output {
		c.Output[t] = make([][][6]float64, len(byRef))
		for k, parts := range byRef {
			c.Output[t][k] = refcase.Rows(parts)
		}
	}
	return c, nil
}

// loadCollective reads a collective case; the wake histories are the
// final turn history of each wake element, rows [x, y, z, weight] in AT's
// order.
func loadCollective(fsys fs.FS, name string) (*Case, error) {
	cc, err := refcase.LoadCollectiveCase(fsys, name, "selftest/"+name)
	if err != nil {
		return nil, err
	}
	c := &Case{
		Lattice: cc.Lattice, Input: cc.Input, Turns: cc.NTurns,
		Final: beamRows(cc.Final), SubsetIndices: cc.SubsetIndices, SubsetPerTurn: cc.SubsetPerTurn,
		Loss: lossOf(cc.Loss), Wakes: map[int][][4]float64{},
	}
	for idx, d := range cc.Diagnostics {
		if d.TurnHistory == nil {
			continue
		}
		var hist [][4]float64
		for _, blk := range d.TurnHistory {
			for _, bunch := range blk {
				hist = append(hist, bunch...)
			}
		}
		c.Wakes[idx] = hist
	}
	return c, nil
}

// beamRows returns a beam's particles as rows.
func beamRows(b *tracking.Beam) [][6]float64 {
	rows := make([][6]float64, b.Len())
	for i := range rows {
		rows[i] = b.Particle(i)
	}
	return rows
}
