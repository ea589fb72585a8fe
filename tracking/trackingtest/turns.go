package trackingtest

import (
	"fmt"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// TrackTurns runs the multi-turn run of an element case (its
// lattice_pass_turns block: the element and the rest of the ring, from
// AT's turn StartTurn) through the backend open opens, and hands every
// coordinate at every refpt of every turn, then every coordinate at loss,
// to cmp with PyAT's value and a description of where it is. The loss
// flags, turns (AT's absolute turn numbers) and elements must be PyAT's;
// differences there are reported on t.
func TrackTurns(t *testing.T, c *ElementCase, open device.Factory, cmp func(where string, got, want float64)) {
	t.Helper()
	lat, err := c.TurnsLattice()
	if err != nil {
		t.Fatal(err)
	}
	r := c.Turns
	res, err := tracking.Track(lat, InputBeam(c.Input), tracking.Options{
		Turns: r.Param.NTurns, Turn0: r.Param.StartTurn, Refpts: r.Refpts, Open: open})
	if err != nil {
		t.Fatal(err)
	}
	for turn, byRef := range r.Output {
		for k, parts := range byRef {
			for i, want := range parts {
				got := res.MonitorAt(turn, k, i)
				for q := 0; q < 6; q++ {
					cmp(fmt.Sprintf("turn %d refpt %d particle %d %s", r.Param.StartTurn+turn, r.Refpts[k], i, tracking.CoordNames[q]), got[q], float64(want[q]))
				}
			}
		}
	}
	for i, l := range r.Loss.IsLost {
		if res.Lost[i] != l || (l && (res.LostTurn[i] != r.Loss.Turn[i] || res.LostElement[i] != r.Loss.Elem[i])) {
			t.Errorf("particle %d: lost %v turn %d element %d, PyAT: lost %v turn %d element %d",
				i, res.Lost[i], res.LostTurn[i], res.LostElement[i], l, r.Loss.Turn[i], r.Loss.Elem[i])
			continue
		}
		if !l {
			continue
		}
		for q := 0; q < 6; q++ {
			cmp(fmt.Sprintf("particle %d %s at loss", i, tracking.CoordNames[q]), res.LostCoords.Coords[q][i], float64(r.Loss.Coord[i][q]))
		}
	}
	t.Logf("%d particles, turns %d..%d, refpts %v, %d lost", len(c.Input), r.Param.StartTurn, r.Param.StartTurn+r.Param.NTurns-1, r.Refpts, res.NumLost())
}

// elementTurns is the "turns" subtest of Elements: the case's multi-turn
// run within the element tolerances.
func elementTurns(t *testing.T, c *ElementCase, open device.Factory) {
	t.Helper()
	var bad []string
	TrackTurns(t, c, open, func(where string, got, want float64) {
		if !closeTo(got, want, ElementAbs, ElementRel) {
			bad = append(bad, fmt.Sprintf("%s: got %.17g, want %.17g (diff %.3g)", where, got, want, got-want))
		}
	})
	report(t, bad)
}
