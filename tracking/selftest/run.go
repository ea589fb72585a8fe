// Package selftest is gotrack's self-test: a short set of PyAT reference
// cases, embedded in the binary (element cases of several passmethod
// families, one ring case, one collective wake case), tracked on a backend
// and compared with PyAT at the conformance suite's tolerances. It is what
// "gotrack selftest" runs on a new machine; the full suite is package
// trackingtest with the repository's testdata.
package selftest

import (
	"fmt"
	"time"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/refcase"
)

// The case groups, in the order Run reports them.
const (
	GroupElements   = "elements"
	GroupRing       = "ring"
	GroupCollective = "collective"
)

// TrackFunc tracks a beam through a lattice: tracking.Track, or a
// function that spreads the beam over MPI ranks.
type TrackFunc func(*tracking.Lattice, *tracking.Beam, tracking.Options) (*tracking.Result, error)

// GroupResult is how a backend did on one group of cases.
type GroupResult struct {
	// Backend is the backend's name ("cpu", "cuda", "mpi:4"), Device
	// what the last tracking reported (tracking.Result.Device).
	Backend string `json:"backend"`
	Device  string `json:"device"`
	Group   string `json:"group"`
	// Cases is the number of cases run, Failed of those that differ
	// from PyAT beyond the tolerances or failed to track.
	Cases  int `json:"cases"`
	Failed int `json:"failed"`
	// MaxAbs and MaxRel are the largest |gotrack - PyAT| and
	// |gotrack - PyAT|/|PyAT| over the finite coordinates compared.
	MaxAbs float64 `json:"max_abs_diff"`
	MaxRel float64 `json:"max_rel_diff"`
	// ParticleTurns and WallS are the work and the tracking time of the
	// group (tracking.Result.Wall summed), Rate their ratio.
	ParticleTurns int64   `json:"particle_turns"`
	WallS         float64 `json:"wall_s"`
	Rate          float64 `json:"particle_turns_per_s"`
	// Failures describes the first mismatches of the failed cases.
	Failures []string `json:"failures,omitempty"`
}

// Pass reports whether every case of the group agreed with PyAT.
func (g GroupResult) Pass() bool { return g.Failed == 0 && g.Cases > 0 }

// Run tracks every case of s with track, on the backend that opt names
// (opt.Turns and opt.Refpts are set per case), and compares with PyAT.
// backend labels the results. Load the suite anew for each Run: tracking
// changes the state of the wake elements.
func Run(s *Suite, backend string, track TrackFunc, opt tracking.Options) []GroupResult {
	groups := []struct {
		name  string
		cases []*Case
		check func(c *Case, res *tracking.Result, cmp *comparison)
	}{
		{GroupElements, s.Elements, checkElement},
		{GroupRing, s.Ring, checkRing},
		{GroupCollective, s.Collective, checkCollective},
	}
	var out []GroupResult
	for _, g := range groups {
		r := GroupResult{Backend: backend, Group: g.name}
		for _, c := range g.cases {
			r.Cases++
			o := opt
			o.Turns = c.Turns
			o.Refpts = c.Refpts
			if g.name == GroupCollective {
				o.Refpts = []int{len(c.Lattice.Elements)}
			}
			start := time.Now()
			res, err := track(c.Lattice, c.Input, o)
			if err != nil {
				r.Failed++
				r.Failures = append(r.Failures, fmt.Sprintf("%s: %v", c.Name, err))
				continue
			}
			if res == nil {
				r.Failed++
				r.Failures = append(r.Failures, fmt.Sprintf("%s: no result", c.Name))
				continue
			}
			wall := res.Wall
			if wall <= 0 {
				wall = time.Since(start)
			}
			r.WallS += wall.Seconds()
			r.ParticleTurns += int64(c.Input.Len()) * int64(c.Turns)
			r.Device = res.Device
			var cmp comparison
			g.check(c, res, &cmp)
			r.MaxAbs = max(r.MaxAbs, cmp.maxAbs)
			r.MaxRel = max(r.MaxRel, cmp.maxRel)
			if cmp.mismatches > 0 {
				r.Failed++
				r.Failures = append(r.Failures, fmt.Sprintf("%s: %d mismatches with PyAT", c.Name, cmp.mismatches))
				for _, m := range cmp.listed {
					r.Failures = append(r.Failures, "  "+m)
				}
			}
		}
		if r.WallS > 0 {
			r.Rate = float64(r.ParticleTurns) / r.WallS
		}
		out = append(out, r)
	}
	return out
}

// checkElement compares the beam after one pass and the loss record with
// PyAT's lattice_pass at the element tolerances.
func checkElement(c *Case, res *tracking.Result, cmp *comparison) {
	cmp.final(res, c.Final, refcase.ElementAbs, refcase.ElementRel)
	cmp.loss(res, c.Loss, refcase.ElementAbs, refcase.ElementRel)
}

// checkRing compares every coordinate of every turn at every refpt within
// refcase.RingAbs, and the loss record.
func checkRing(c *Case, res *tracking.Result, cmp *comparison) {
	for t, byRef := range c.Output {
		for k, parts := range byRef {
			cmp.monitor(res, t, k, nil, parts, refcase.RingAbs, 0)
		}
	}
	cmp.loss(res, c.Loss, refcase.RingAbs, 0)
}

// checkCollective compares the final beam, the recorded particles after
// every turn, the loss record and the wake histories at the collective
// tolerances.
func checkCollective(c *Case, res *tracking.Result, cmp *comparison) {
	cmp.final(res, c.Final, refcase.CollectiveAbs, refcase.CollectiveCoordRel)
	for t, parts := range c.SubsetPerTurn {
		cmp.monitor(res, t, 0, c.SubsetIndices, parts, refcase.CollectiveAbs, refcase.CollectiveCoordRel)
	}
	cmp.loss(res, c.Loss, refcase.CollectiveAbs, refcase.CollectiveCoordRel)
	for idx, hist := range c.Wakes {
		cmp.wake(res, idx, hist)
	}
}
