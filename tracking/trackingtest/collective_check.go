package trackingtest

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/collective"
)

// CollectiveSkip names the cases the suite does not run, with the reason.
var CollectiveSkip = map[string]string{
	"beamloading_active": "BeamLoadingCavityPass is not implemented",
}

// Collective tracks every collective case of dir through the backend
// open opens and compares, with PyAT: the final coordinates, the subset of
// particles after every turn, the loss record and what each collective
// element computed (wake turn history, beam and slice moments).
//
// A backend whose cases take long may name a representative subset in
// quick: then the default run tracks only those cases (each must exist in
// dir), the others are skipped with a note, and with GOTRACK_LONG_TESTS=1
// every case runs. The checks of a case that runs are the same either way.
func Collective(t *testing.T, open device.Factory, dir string, quick ...string) {
	t.Helper()
	files, err := CollectiveCaseFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	subset := map[string]bool{}
	for _, name := range quick {
		subset[name] = true
	}
	for _, f := range files {
		delete(subset, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	for name := range subset {
		t.Fatalf("collective case %s of the default subset is not in %s", name, dir)
	}
	only := len(quick) > 0 && !Long()
	ran := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run("collective/"+name, func(t *testing.T) {
			if why, ok := CollectiveSkip[name]; ok {
				t.Skip(why)
			}
			if only && !slices.Contains(quick, name) {
				t.Skipf("not in the default subset %v (%s=1 runs every case)", quick, LongEnv)
			}
			c, err := LoadCollectiveCase(f)
			if err != nil {
				t.Fatal(err)
			}
			ran++
			CheckCollective(t, c, open)
		})
	}
	if ran == 0 {
		t.Fatal("no collective case ran")
	}
}

// CheckCollective runs one collective case on the backend open opens and reports every
// difference from PyAT beyond the collective tolerances.
func CheckCollective(t *testing.T, c *CollectiveCase, open device.Factory) {
	t.Helper()
	ne := len(c.Lattice.Elements)
	res, err := tracking.Track(c.Lattice, c.Input, tracking.Options{Turns: c.NTurns, Refpts: []int{ne}, Open: open})
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	worst := 0.0
	for i := 0; i < c.Input.Len(); i++ {
		for k := 0; k < 6; k++ {
			g, w := res.Final.Coords[k][i], c.Final.Coords[k][i]
			if !math.IsNaN(w) {
				worst = math.Max(worst, math.Abs(g-w))
			}
			if !closeTo(g, w, CollectiveAbs, CollectiveCoordRel) {
				bad = append(bad, Mismatch{c.NTurns - 1, ne, i, k, g, w}.String())
			}
		}
	}
	for turn, parts := range c.SubsetPerTurn {
		for j, want := range parts {
			i := c.SubsetIndices[j]
			got := res.MonitorAt(turn, 0, i)
			for k := 0; k < 6; k++ {
				if !closeTo(got[k], want[k], CollectiveAbs, CollectiveCoordRel) {
					bad = append(bad, Mismatch{turn, ne, i, k, got[k], want[k]}.String())
				}
			}
		}
	}
	bad = append(bad, CompareLoss(res, c.Loss, CollectiveAbs, CollectiveCoordRel)...)
	for _, idx := range c.Collective {
		d := c.Diagnostics[idx]
		if d == nil {
			continue
		}
		switch {
		case d.TurnHistory != nil:
			bad = append(bad, compareWake(res, idx, d)...)
		case d.BeamMeans != nil:
			bad = append(bad, compareBeamMoments(res, idx, d)...)
		case d.SliceMeans != nil:
			bad = append(bad, compareSliceMoments(res, idx, d)...)
		}
	}
	t.Logf("%s: %d particles, %d turns, %d lost; largest |d| on the final coordinates %.3g", c.Name, c.Input.Len(), c.NTurns, res.NumLost(), worst)
	report(t, bad)
}

// scaled compares got with want relative to scale, the largest magnitude
// of the quantity.
type scaled struct {
	what  string
	scale float64
	bad   []string
}

func (s *scaled) check(where string, got, want float64) {
	if math.IsNaN(want) || math.IsNaN(got) {
		if math.IsNaN(want) != math.IsNaN(got) {
			s.bad = append(s.bad, fmt.Sprintf("%s %s: got %v, want %v", s.what, where, got, want))
		}
		return
	}
	if math.Abs(got-want) > CollectiveRel*s.scale {
		s.bad = append(s.bad, fmt.Sprintf("%s %s: got %.17g, want %.17g (diff %.3g, scale %.3g)", s.what, where, got, want, got-want, s.scale))
	}
}

func maxAbs(vs ...float64) float64 {
	m := 0.0
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			m = math.Max(m, math.Abs(v))
		}
	}
	return m
}

// ofElement returns the result of element idx among rs, nil if none.
func ofElement[T any](rs []T, idx int, element func(*T) int) *T {
	for i := range rs {
		if element(&rs[i]) == idx {
			return &rs[i]
		}
	}
	return nil
}

func compareWake(res *tracking.Result, idx int, d *CollectiveDiagnostics) []string {
	got := ofElement(res.Wakes, idx, func(w *collective.WakeHistory) int { return w.Element })
	if got == nil {
		return []string{fmt.Sprintf("element %d: no wake history in the result", idx)}
	}
	// TurnHistory_final[turnblock][bunch][slice] = [x, y, z, weight]
	var want [][4]float64
	for _, blk := range d.TurnHistory {
		for _, bunch := range blk {
			want = append(want, bunch...)
		}
	}
	if len(want) != len(got.TurnHistory) {
		return []string{fmt.Sprintf("element %d: wake history of %d rows, want %d", idx, len(got.TurnHistory), len(want))}
	}
	var cols [4]scaled
	for j, n := range []string{"x", "y", "z", "weight"} {
		cols[j].what = fmt.Sprintf("element %d wake history %s", idx, n)
		for _, row := range want {
			cols[j].scale = math.Max(cols[j].scale, maxAbs(row[j]))
		}
	}
	for i, row := range want {
		for j := 0; j < 4; j++ {
			cols[j].check(fmt.Sprintf("row %d", i), got.TurnHistory[i][j], row[j])
		}
	}
	var bad []string
	for _, c := range cols {
		bad = append(bad, c.bad...)
	}
	return bad
}

func compareBeamMoments(res *tracking.Result, idx int, d *CollectiveDiagnostics) []string {
	got := ofElement(res.BeamMoments, idx, func(m *collective.BeamMoments) int { return m.Element })
	if got == nil || len(got.Means) != len(d.BeamMeans) {
		return []string{fmt.Sprintf("element %d: beam moments missing or of the wrong number of turns", idx)}
	}
	var bad []string
	for k := 0; k < 6; k++ {
		m := scaled{what: fmt.Sprintf("element %d mean %s", idx, tracking.CoordNames[k])}
		s := scaled{what: fmt.Sprintf("element %d std %s", idx, tracking.CoordNames[k])}
		for t := range d.BeamMeans {
			for b := range d.BeamMeans[t] {
				m.scale = math.Max(m.scale, maxAbs(d.BeamMeans[t][b][k], d.BeamStds[t][b][k]))
				s.scale = math.Max(s.scale, maxAbs(d.BeamStds[t][b][k]))
			}
		}
		for t := range d.BeamMeans {
			for b := range d.BeamMeans[t] {
				w := fmt.Sprintf("turn %d bunch %d", t, b)
				m.check(w, got.Means[t][b][k], d.BeamMeans[t][b][k])
				s.check(w, got.Stds[t][b][k], d.BeamStds[t][b][k])
			}
		}
		bad = append(bad, m.bad...)
		bad = append(bad, s.bad...)
	}
	return bad
}

func compareSliceMoments(res *tracking.Result, idx int, d *CollectiveDiagnostics) []string {
	got := ofElement(res.SliceMoments, idx, func(m *collective.SliceMoments) int { return m.Element })
	if got == nil || len(got.Means) != len(d.SliceMeans) {
		n := -1
		if got != nil {
			n = len(got.Means)
		}
		return []string{fmt.Sprintf("element %d: slice moments of %d passes, want %d", idx, n, len(d.SliceMeans))}
	}
	var bad []string
	names := []string{"x", "y", "delta"}
	for q := 0; q < 3; q++ {
		m := scaled{what: fmt.Sprintf("element %d slice mean %s", idx, names[q])}
		s := scaled{what: fmt.Sprintf("element %d slice std %s", idx, names[q])}
		for t := range d.SliceMeans {
			for b := range d.SliceMeans[t] {
				for sl := range d.SliceMeans[t][b] {
					m.scale = math.Max(m.scale, maxAbs(d.SliceMeans[t][b][sl][q], d.SliceStds[t][b][sl][q]))
					s.scale = math.Max(s.scale, maxAbs(d.SliceStds[t][b][sl][q]))
				}
			}
		}
		for t := range d.SliceMeans {
			for b := range d.SliceMeans[t] {
				for sl := range d.SliceMeans[t][b] {
					w := fmt.Sprintf("pass %d bunch %d slice %d", t, b, sl)
					m.check(w, got.Means[t][b][sl][q], d.SliceMeans[t][b][sl][q])
					s.check(w, got.Stds[t][b][sl][q], d.SliceStds[t][b][sl][q])
				}
			}
		}
		bad = append(bad, m.bad...)
		bad = append(bad, s.bad...)
	}
	sp := scaled{what: fmt.Sprintf("element %d slice spos", idx)}
	wt := scaled{what: fmt.Sprintf("element %d slice weight", idx)}
	for t := range d.SliceSpos {
		for b := range d.SliceSpos[t] {
			sp.scale = math.Max(sp.scale, maxAbs(d.SliceSpos[t][b]...))
			wt.scale = math.Max(wt.scale, maxAbs(d.SliceWeights[t][b]...))
		}
	}
	for t := range d.SliceSpos {
		for b := range d.SliceSpos[t] {
			for sl := range d.SliceSpos[t][b] {
				w := fmt.Sprintf("pass %d bunch %d slice %d", t, b, sl)
				sp.check(w, got.Spos[t][b][sl], d.SliceSpos[t][b][sl])
				wt.check(w, got.Weights[t][b][sl], d.SliceWeights[t][b][sl])
			}
		}
	}
	return append(append(bad, sp.bad...), wt.bad...)
}
