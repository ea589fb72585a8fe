//go:build cgo

package cpu

import (
	"fmt"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

const testdata = "../../testdata"

// TestPyATBits requires the "cpu" backend to give PyAT's lattice_pass
// results bit for bit (no tolerance; a NaN matches a NaN): on every element
// case the final coordinates and the coordinates at loss (and, in a subtest
// "turns", every coordinate of its multi-turn run from its first turn number
// when it has one: trackingtest.TrackTurns), on every ring
// case (1, 10 and 256 turns, element by element) every coordinate of every
// turn at every refpt and the coordinates at loss; the loss flags, turns
// and elements exactly.
func TestPyATBits(t *testing.T) {
	trackingtest.EachElementCase(t, testdata, func(t *testing.T, c *trackingtest.ElementCase, lat *tracking.Lattice) {
		res, err := tracking.Track(lat, trackingtest.InputBeam(c.Input), tracking.Options{Turns: 1, Device: Name})
		if err != nil {
			t.Fatal(err)
		}
		var s trackingtest.BitTally
		for i, want := range c.LatticePass.Output {
			for k := 0; k < 6; k++ {
				s.Add(fmt.Sprintf("particle %d %s", i, tracking.CoordNames[k]), res.Final.Coords[k][i], float64(want[k]))
			}
		}
		lossBits(t, &s, res, c.LatticePass.Loss)
		s.Report(t)
		if c.Turns != nil {
			t.Run("turns", func(t *testing.T) {
				var s trackingtest.BitTally
				trackingtest.TrackTurns(t, c, trackingtest.Registered(Name), s.Add)
				s.Report(t)
			})
		}
	})
	trackingtest.EachRingCase(t, testdata, func(t *testing.T, _ string, c *trackingtest.RingCase, lat *tracking.Lattice) {
		res, err := tracking.Track(lat, trackingtest.InputBeam(c.Input), tracking.Options{Turns: c.NTurns, Refpts: c.Refpts, Device: Name})
		if err != nil {
			t.Fatal(err)
		}
		var s trackingtest.BitTally
		for turn, byRef := range c.Output {
			for k, parts := range byRef {
				for i, want := range parts {
					got := res.MonitorAt(turn, k, i)
					for q := 0; q < 6; q++ {
						s.Add(fmt.Sprintf("turn %d refpt %d particle %d %s", turn, c.Refpts[k], i, tracking.CoordNames[q]), got[q], float64(want[q]))
					}
				}
			}
		}
		lossBits(t, &s, res, c.Loss)
		s.Report(t)
		t.Logf("%d values, %d particles, %d turns, %d refpts: identical bits", s.Values(), res.Final.Len(), c.NTurns, len(c.Refpts))
	})
}

// lossBits checks the loss record: flags, turns and elements exactly,
// the coordinates at loss into s.
func lossBits(t *testing.T, s *trackingtest.BitTally, res *tracking.Result, want trackingtest.Loss) {
	t.Helper()
	for i, l := range want.IsLost {
		if res.Lost[i] != l {
			t.Errorf("particle %d: lost %v, PyAT %v", i, res.Lost[i], l)
			continue
		}
		if !l {
			continue
		}
		if res.LostTurn[i] != want.Turn[i] || res.LostElement[i] != want.Elem[i] {
			t.Errorf("particle %d: lost at turn %d element %d, PyAT turn %d element %d", i, res.LostTurn[i], res.LostElement[i], want.Turn[i], want.Elem[i])
		}
		for k := 0; k < 6; k++ {
			s.Add(fmt.Sprintf("particle %d %s at loss", i, tracking.CoordNames[k]), res.LostCoords.Coords[k][i], float64(want.Coord[i][k]))
		}
	}
}
