package refcase

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/collective"
)

// TestLoadCollectiveCases loads every case of testdata/collective and
// checks that its parts agree with each other: particle counts, turns,
// subsets, the loss record, the ring length (bit for bit), the collective
// elements and the shapes of their diagnostics.
func TestLoadCollectiveCases(t *testing.T) {
	testdata := os.DirFS(filepath.Join("..", "..", "testdata"))
	files, err := CollectiveCaseFiles(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			c, err := LoadCollectiveCase(testdata, file, file)
			if err != nil {
				t.Fatal(err)
			}
			checkCollectiveCase(t, name, c)
		})
	}
}

func checkCollectiveCase(t *testing.T, name string, c *CollectiveCase) {
	if c.Name != name {
		t.Errorf("case %q in file %s", c.Name, name)
	}
	lat := c.Lattice
	n := c.Input.Len()
	if n == 0 || c.Final.Len() != n || len(c.Loss.IsLost) != n || len(c.Loss.Turn) != n || len(c.Loss.Elem) != n || len(c.Loss.Coord) != n {
		t.Fatalf("particles: input %d, final %d, loss %d/%d/%d/%d", n, c.Final.Len(), len(c.Loss.IsLost), len(c.Loss.Turn), len(c.Loss.Elem), len(c.Loss.Coord))
	}
	if c.NTurns <= 0 || len(c.SubsetPerTurn) != c.NTurns {
		t.Errorf("nturns %d, subset for %d turns", c.NTurns, len(c.SubsetPerTurn))
	}
	// Loss record: lost particles read (NaN, 0, 0, 0, 0, 0) at the end,
	// were lost within the run at an element of the ring, and are all in
	// the per-turn subset.
	inSubset := map[int]int{}
	for k, i := range c.SubsetIndices {
		if i < 0 || i >= n {
			t.Fatalf("subset index %d out of range", i)
		}
		inSubset[i] = k
	}
	nlost := 0
	for i, lost := range c.Loss.IsLost {
		p := c.Final.Particle(i)
		if !lost {
			if c.Loss.Turn[i] != 0 || c.Loss.Elem[i] != 0 || math.IsNaN(p[0]) {
				t.Errorf("particle %d not lost but turn %d elem %d, final x %v", i, c.Loss.Turn[i], c.Loss.Elem[i], p[0])
			}
			continue
		}
		nlost++
		if !math.IsNaN(p[0]) || p[1] != 0 || p[2] != 0 || p[3] != 0 || p[4] != 0 || p[5] != 0 {
			t.Errorf("lost particle %d reads %v at the end", i, p)
		}
		if c.Loss.Turn[i] < 0 || c.Loss.Turn[i] >= int64(c.NTurns) || c.Loss.Elem[i] < 0 || c.Loss.Elem[i] > int64(len(lat.Elements)) {
			t.Errorf("lost particle %d: turn %d elem %d", i, c.Loss.Turn[i], c.Loss.Elem[i])
		}
		if _, ok := inSubset[i]; !ok {
			t.Errorf("lost particle %d is not in the per-turn subset", i)
		}
	}
	if nlost != c.NLost {
		t.Errorf("%d lost particles, n_lost says %d", nlost, c.NLost)
	}
	// The subset after the last turn is the final output, bit for bit.
	for t2, parts := range c.SubsetPerTurn {
		if len(parts) != len(c.SubsetIndices) {
			t.Fatalf("turn %d: %d subset particles, %d indices", t2, len(parts), len(c.SubsetIndices))
		}
	}
	last := c.SubsetPerTurn[len(c.SubsetPerTurn)-1]
	for k, i := range c.SubsetIndices {
		f := c.Final.Particle(i)
		for q := 0; q < 6; q++ {
			if !sameBits(last[k][q], f[q]) {
				t.Errorf("particle %d %s: last subset turn %v, final %v", i, tracking.CoordNames[q], last[k][q], f[q])
			}
		}
	}

	// Ring: length bit for bit, T0, 6D, harmonic number, bunches.
	if got := lat.Length(); math.Float64bits(got) != math.Float64bits(c.RingLength) {
		t.Errorf("lattice length %.17g, RingLength_m %.17g", got, c.RingLength)
	}
	if c.Ring.RingLength != c.RingLength || c.Ring.T0 != c.T0 {
		t.Errorf("ring block RingLength %v T0 %v, case %v %v", c.Ring.RingLength, c.Ring.T0, c.RingLength, c.T0)
	}
	if got := lat.Params().T0; got != c.T0 {
		t.Errorf("T0 %.17g, T0_s %.17g", got, c.T0)
	}
	if !lat.Is6D() {
		t.Error("lattice is not 6D")
	}
	if lat.HarmonicNumber != c.Ring.HarmonicNumber || lat.Periodicity != c.Ring.Periodicity || lat.Energy != c.Ring.EnergyEV || lat.Particle != c.Ring.Particle {
		t.Errorf("lattice h %d periodicity %d energy %v particle %+v; ring block %d %d %v %+v",
			lat.HarmonicNumber, lat.Periodicity, lat.Energy, lat.Particle, c.Ring.HarmonicNumber, c.Ring.Periodicity, c.Ring.EnergyEV, c.Ring.Particle)
	}
	if len(lat.FillPattern) != c.Ring.HarmonicNumber || lat.BeamCurrent() != c.Ring.BeamCurrent {
		t.Errorf("fill pattern of %d buckets, beam current %v", len(lat.FillPattern), lat.BeamCurrent())
	}
	cur, spos, err := lat.Bunches()
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != c.Ring.NBunch || len(spos) != c.Ring.NBunch || len(c.Ring.BunchList) != c.Ring.NBunch {
		t.Errorf("%d bunch currents, %d positions, %d in bunch_list; nbunch %d", len(cur), len(spos), len(c.Ring.BunchList), c.Ring.NBunch)
	}

	// Collective elements and their diagnostics.
	if len(c.Collective) == 0 {
		t.Fatal("no collective element")
	}
	for _, idx := range c.Collective {
		ce := c.Elements[idx]
		el := lat.Elements[idx]
		if !ce.WriterOK && len(ce.Applied) == 0 {
			t.Errorf("element %d (%s): the writer failed but no C attribute was applied", idx, ce.FamName)
		}
		d := c.Diagnostics[idx]
		if d == nil {
			t.Errorf("element %d (%s): no diagnostics", idx, ce.FamName)
			continue
		}
		if d.FamName != el.FamName || d.PassMethod != el.PassMethod {
			t.Errorf("element %d: diagnostics for %s (%s), lattice %s (%s)", idx, d.FamName, d.PassMethod, el.FamName, el.PassMethod)
		}
		intAttr := func(name string) int {
			v, ok, err := el.Float(name)
			if !ok || err != nil {
				t.Errorf("element %d (%s): attribute %s: present %v, %v", idx, el.FamName, name, ok, err)
			}
			return int(v)
		}
		switch el.PassMethod {
		case "WakeFieldPass", "BeamLoadingCavityPass":
			nt, ns := intAttr("_nturns"), intAttr("_nslice")
			checkShape4(t, idx, "TurnHistory", d.TurnHistory, nt, c.Ring.NBunch, ns)
			th, ok := el.Get("_turnhistory")
			if m, isM := th.([][]float64); !ok || !isM || len(m) != nt*c.Ring.NBunch*ns || len(m[0]) != 4 {
				t.Errorf("element %d: _turnhistory is %T, want a (%d, 4) matrix", idx, th, nt*c.Ring.NBunch*ns)
			}
			if s, ok := el.Get("_wakecomponent"); ok {
				if _, isS := s.(string); !isS {
					t.Errorf("element %d: _wakecomponent is %T, want the enum name", idx, s)
				}
			}
			if el.PassMethod == "WakeFieldPass" {
				nelem := intAttr("_nelem")
				wt, _ := el.Get("_wakeT")
				if v, ok := wt.([]float64); !ok || len(v) != nelem {
					t.Errorf("element %d: _wakeT is %s, want %d values", idx, describeValue(wt), nelem)
				}
				if len(ce.NormFactWakeFact) != 3 {
					t.Errorf("element %d: %d values of normfact_times_wakefact", idx, len(ce.NormFactWakeFact))
				}
				for _, name := range ce.WakeComponents {
					comp, err := collective.ParseWakeComponent(name)
					if err != nil {
						t.Errorf("element %d: %v", idx, err)
						continue
					}
					if v, ok := el.Get(comp.Attr()); !ok || len(v.([]float64)) != nelem {
						t.Errorf("element %d: %s is %s, want %d values", idx, comp.Attr(), describeValue(v), nelem)
					}
				}
			}
		case "BeamMomentsPass":
			checkShape6(t, idx, "means", d.BeamMeans, c.NTurns, c.Ring.NBunch)
			checkShape6(t, idx, "stds", d.BeamStds, c.NTurns, c.Ring.NBunch)
		case "SliceMomentsPass":
			ns := intAttr("nslice")
			nk := d.EndTurnUsed - d.StartTurn
			if nk <= 0 || d.EndTurnUsed > c.NTurns {
				t.Errorf("element %d: turns %d..%d of %d", idx, d.StartTurn, d.EndTurnUsed, c.NTurns)
			}
			checkShape3(t, idx, "means", d.SliceMeans, nk, c.Ring.NBunch, ns)
			checkShape3(t, idx, "stds", d.SliceStds, nk, c.Ring.NBunch, ns)
			for _, x := range []struct {
				name string
				v    [][][]float64
			}{{"spos", d.SliceSpos}, {"weights", d.SliceWeights}} {
				if len(x.v) != nk || len(x.v[0]) != c.Ring.NBunch || len(x.v[0][0]) != ns {
					t.Errorf("element %d: %s shape [%d][%d][%d], want [%d][%d][%d]", idx, x.name, len(x.v), len(x.v[0]), len(x.v[0][0]), nk, c.Ring.NBunch, ns)
				}
			}
		default:
			t.Errorf("element %d: unexpected collective passmethod %s", idx, el.PassMethod)
		}
	}
}

func describeValue(v any) string {
	switch x := v.(type) {
	case []float64:
		return fmt.Sprintf("an array of %d", len(x))
	case nil:
		return "absent"
	}
	return fmt.Sprintf("a %T", v)
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

func checkShape4(t *testing.T, idx int, name string, v [][][][4]float64, n0, n1, n2 int) {
	t.Helper()
	if len(v) != n0 {
		t.Errorf("element %d: %s has %d blocks, want %d", idx, name, len(v), n0)
		return
	}
	for _, a := range v {
		if len(a) != n1 {
			t.Errorf("element %d: %s has %d bunches, want %d", idx, name, len(a), n1)
			return
		}
		for _, b := range a {
			if len(b) != n2 {
				t.Errorf("element %d: %s has %d slices, want %d", idx, name, len(b), n2)
				return
			}
		}
	}
}

func checkShape6(t *testing.T, idx int, name string, v [][][6]float64, n0, n1 int) {
	t.Helper()
	if len(v) != n0 {
		t.Errorf("element %d: %s has %d turns, want %d", idx, name, len(v), n0)
		return
	}
	for _, a := range v {
		if len(a) != n1 {
			t.Errorf("element %d: %s has %d bunches, want %d", idx, name, len(a), n1)
			return
		}
	}
}

func checkShape3(t *testing.T, idx int, name string, v [][][][3]float64, n0, n1, n2 int) {
	t.Helper()
	if len(v) != n0 {
		t.Errorf("element %d: %s has %d turns, want %d", idx, name, len(v), n0)
		return
	}
	for _, a := range v {
		if len(a) != n1 {
			t.Errorf("element %d: %s has %d bunches, want %d", idx, name, len(a), n1)
			return
		}
		for _, b := range a {
			if len(b) != n2 {
				t.Errorf("element %d: %s has %d slices, want %d", idx, name, len(b), n2)
				return
			}
		}
	}
}
