package tracking

import (
	"time"

	"github.com/gotrack/gotrack/tracking/collective"
)

// Result is what a tracking run returns, in PyAT's terms.
type Result struct {
	// Final is the beam at the end of the last turn; lost particles read
	// (NaN, 0, 0, 0, 0, 0).
	Final *Beam
	// Lost, LostTurn, LostElement and LostCoords are PyAT's loss record
	// (islost, turn, elem, coord): zero for particles not lost.
	Lost        []bool
	LostTurn    []int64
	LostElement []int64
	LostCoords  *Beam
	// Refpts are the observation points, sorted; Monitor holds the
	// coordinates there, row-major with shape (turns, len(Refpts), N, 6).
	Refpts  []int
	Monitor []float64
	// Turns is the number of turns tracked: Options.Turns, or fewer when
	// Options.Stop stopped the run.
	Turns int
	// Interrupted is whether Options.Stop stopped the run before its last
	// turn.
	Interrupted bool
	// Device describes the backend that ran.
	Device string
	// Threads is the number of CPU goroutines used (0 for other devices).
	Threads int
	// Wall is the time spent tracking (compile, upload and download
	// included).
	Wall time.Duration
	// Moments, when Options.Moments is set, holds one row of
	// len(MomentColumns) values per turn: the beam moments at the end of
	// the turn (see MomentColumns).
	Moments []float64
	// Results hold what the collective elements computed, in lattice
	// order: Wakes, BeamMoments and SliceMoments.
	collective.Results
}

// NumLost returns the number of lost particles.
func (r *Result) NumLost() int {
	n := 0
	for _, l := range r.Lost {
		if l {
			n++
		}
	}
	return n
}

// MonitorAt returns the coordinates of particle i at refpt index k of turn
// t (0-based).
func (r *Result) MonitorAt(t, k, i int) [6]float64 {
	n := r.Final.Len()
	base := ((t*len(r.Refpts)+k)*n + i) * 6
	var p [6]float64
	copy(p[:], r.Monitor[base:base+6])
	return p
}
