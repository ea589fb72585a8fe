package selftest

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/refcase"
)

// maxListed is the number of mismatches a comparison keeps in full.
const maxListed = 8

// comparison accumulates the differences of one case from PyAT: the
// largest absolute and relative differences of the finite values and the
// mismatches beyond the tolerances.
type comparison struct {
	maxAbs, maxRel float64
	mismatches     int
	listed         []string
}

// fail records a mismatch described by format.
func (c *comparison) fail(format string, a ...any) {
	c.mismatches++
	if len(c.listed) < maxListed {
		c.listed = append(c.listed, fmt.Sprintf(format, a...))
	}
}

// value compares got with want within abs + rel*|want|; NaN matches NaN
// and an infinity itself.
func (c *comparison) value(where string, got, want, abs, rel float64) {
	if math.IsNaN(want) || math.IsNaN(got) || math.IsInf(want, 0) || math.IsInf(got, 0) {
		if !(math.IsNaN(want) && math.IsNaN(got)) && got != want {
			c.fail("%s: got %.17g, want %.17g", where, got, want)
		}
		return
	}
	d := math.Abs(got - want)
	c.maxAbs = math.Max(c.maxAbs, d)
	if want != 0 {
		c.maxRel = math.Max(c.maxRel, d/math.Abs(want))
	}
	if d > abs+rel*math.Abs(want) {
		c.fail("%s: got %.17g, want %.17g (diff %.3g)", where, got, want, got-want)
	}
}

// particle compares the six coordinates of a particle.
func (c *comparison) particle(where string, got, want [6]float64, abs, rel float64) {
	for k := range 6 {
		c.value(fmt.Sprintf("%s %s", where, tracking.CoordNames[k]), got[k], want[k], abs, rel)
	}
}

// final compares the final beam with want, particle by particle.
func (c *comparison) final(res *tracking.Result, want [][6]float64, abs, rel float64) {
	if res.Final == nil || res.Final.Len() != len(want) {
		c.fail("final beam of %d particles, want %d", beamLen(res), len(want))
		return
	}
	for i, w := range want {
		c.particle(fmt.Sprintf("particle %d", i), res.Final.Particle(i), w, abs, rel)
	}
}

// loss checks that the loss records are identical in islost, turn and
// element and that the coordinates at loss agree within abs + rel.
func (c *comparison) loss(res *tracking.Result, want Loss, abs, rel float64) {
	n := len(want.IsLost)
	if len(res.Lost) != n || len(res.LostTurn) != n || len(res.LostElement) != n || res.LostCoords == nil || res.LostCoords.Len() != n {
		c.fail("loss record of %d particles, want %d", len(res.Lost), n)
		return
	}
	for i := range n {
		if res.Lost[i] != want.IsLost[i] || res.LostTurn[i] != want.Turn[i] || res.LostElement[i] != want.Elem[i] {
			c.fail("particle %d: lost %v turn %d element %d, PyAT: lost %v turn %d element %d",
				i, res.Lost[i], res.LostTurn[i], res.LostElement[i], want.IsLost[i], want.Turn[i], want.Elem[i])
			continue
		}
		c.particle(fmt.Sprintf("particle %d at loss", i), res.LostCoords.Particle(i), want.Coord[i], abs, rel)
	}
}

// monitor compares the coordinates recorded at refpt index k after turn
// t with want (a particle each).
func (c *comparison) monitor(res *tracking.Result, t, k int, indices []int, want [][6]float64, abs, rel float64) {
	n := beamLen(res)
	if t >= res.Turns || k >= len(res.Refpts) || len(res.Monitor) < (res.Turns*len(res.Refpts)*n*6) {
		c.fail("no coordinates recorded at refpt %d after turn %d", k, t)
		return
	}
	for j, w := range want {
		i := j
		if indices != nil {
			i = indices[j]
		}
		if i >= n {
			c.fail("particle %d not in the result (%d particles)", i, n)
			continue
		}
		c.particle(fmt.Sprintf("turn %d refpt %d particle %d", t, res.Refpts[k], i), res.MonitorAt(t, k, i), w, abs, rel)
	}
}

// wake compares the turn history of wake element idx with want, each
// column [x, y, z, weight] relative to its largest magnitude. These
// differences are not among the largest ones reported, which are of
// coordinates.
func (c *comparison) wake(res *tracking.Result, idx int, want [][4]float64) {
	var got [][]float64
	found := false
	for _, w := range res.Wakes {
		if w.Element == idx {
			got, found = w.TurnHistory, true
		}
	}
	if !found || len(got) != len(want) {
		c.fail("element %d: wake history of %d rows, want %d", idx, len(got), len(want))
		return
	}
	for j, col := range []string{"x", "y", "z", "weight"} {
		scale := 0.0
		for _, r := range want {
			if !math.IsNaN(r[j]) && !math.IsInf(r[j], 0) {
				scale = math.Max(scale, math.Abs(r[j]))
			}
		}
		for i, r := range want {
			if len(got[i]) != 4 {
				c.fail("element %d wake history row %d has %d columns", idx, i, len(got[i]))
				return
			}
			g := got[i][j]
			if math.IsNaN(g) != math.IsNaN(r[j]) || math.Abs(g-r[j]) > refcase.CollectiveRel*scale {
				c.fail("element %d wake history %s row %d: got %.17g, want %.17g (scale %.3g)", idx, col, i, g, r[j], scale)
			}
		}
	}
}

func beamLen(res *tracking.Result) int {
	if res.Final == nil {
		return 0
	}
	return res.Final.Len()
}
