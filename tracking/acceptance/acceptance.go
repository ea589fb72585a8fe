// Package acceptance computes PyAT's dynamic and momentum acceptance
// (at.acceptance: get_acceptance, get_1d_acceptance,
// get_momentum_acceptance) with PyAT's definitions: the radial and
// cartesian grids and the recursive boundary search. Every grid, and every
// step of the recursive search, is tracked as one beam with tracking.Track,
// so that it uses all the cores (or the GPU) of the chosen backend.
package acceptance

import (
	"errors"
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/optics"
)

// GridMode is PyAT's GridMode: how the points tried are chosen.
type GridMode int

// The grid modes, with PyAT's values.
const (
	// Radial is a full (r, theta) grid.
	Radial GridMode = iota
	// Cartesian is a full (x, y) grid.
	Cartesian
	// Recursive is the radial recursive search.
	Recursive
	// Floodfill tracks the grid border, then the neighbours of the lost
	// points, inwards (from the exterior to the stable boundary).
	Floodfill
)

// String returns PyAT's name of the mode.
func (m GridMode) String() string {
	switch m {
	case Radial:
		return "RADIAL"
	case Cartesian:
		return "CARTESIAN"
	case Recursive:
		return "RECURSIVE"
	case Floodfill:
		return "FLOODFILL"
	}
	return fmt.Sprintf("GridMode(%d)", int(m))
}

// Options are PyAT's keyword arguments of get_acceptance.
type Options struct {
	// Turns is nturns (1024 when zero).
	Turns int
	// Refpts are the observation points, where the scan starts; nil means
	// the lattice entrance (PyAT's refpts=None). Acceptance takes one,
	// AcceptanceAt several.
	Refpts []int
	// Dp is PyAT's dp: the momentum deviation of the closed orbit (nil:
	// find_orbit's default). On a 6D lattice it is the 6D orbit with the
	// RF frequency shifted for dp (PyAT's find_orbit6(dp=dp)); the scan
	// itself tracks the lattice as given.
	Dp *float64
	// Offset, when not nil, replaces the closed orbit as the offset added
	// to every point (PyAT's offset).
	Offset *[6]float64
	// Bounds are PyAT's bounds, one (start, stop) pair per plane; nil
	// gives PyAT's defaults (radial/recursive ((1e-6, 1), (pi, 0)),
	// cartesian ((-1, 1), (0, 1))).
	Bounds [][2]float64
	// GridMode is the grid (Radial by default, as in PyAT).
	GridMode GridMode
	// Divider is the step divider of the recursive search (2 when zero).
	Divider float64
	// ShiftZero is added to all six coordinates of the grid points (PyAT's
	// shift_zero, 1e-6 when nil; not applied in the recursive search).
	ShiftZero *float64
	// Track are the tracking options (device, backend, threads);
	// Turns, Turn0 and Refpts are set by the scan.
	Track tracking.Options
	// Optics are the options of the closed-orbit search.
	Optics *optics.Options
	// Progress, when not nil, is called after every tracking call with
	// the number of calls done and the particles tracked by the last one.
	Progress func(call, particles int)
	// Tracker, when not nil, makes every tracking call of the scan in
	// place of tracking.Track; it must return what tracking.Track returns
	// (final coordinates and loss record). The MPI build passes
	// mpi.TrackShared, which spreads each call over the ranks; every rank
	// then runs the same scan.
	Tracker func(*tracking.Lattice, *tracking.Beam, tracking.Options) (*tracking.Result, error)
}

// Result is PyAT's (boundary, survived, tracked) triple, plus the survival
// flag of each tracked point.
type Result struct {
	// Boundary has one row per plane: in 1-D the two values (negative side,
	// positive side) in Boundary[0]; in 2-D the boundary points, as
	// PyAT returns them.
	Boundary [][]float64
	// Survived has one row per plane: the surviving points in tracking
	// order (grid order for the grid modes).
	Survived [][]float64
	// Tracked has one row per plane (two for a 1-D cartesian grid, the
	// second zero, as PyAT's meshgrid): every tracked point in tracking
	// order (grid order; flood fill: grid index order of the points
	// tracked), without the orbit offset and shift_zero.
	Tracked [][]float64
	// SurvivedFlag tells, for each tracked point, whether it survived.
	SurvivedFlag []bool
	// LostTurn and LostElement are the loss record of each tracked point
	// (zero for survivors).
	LostTurn    []int64
	LostElement []int64
	// Orbit is the offset added to the points (closed orbit or Offset;
	// shift_zero included in the grid modes).
	Orbit [6]float64
	// Calls is the number of tracking calls made. With several
	// observation points on a Radial or Cartesian grid, the calls are
	// shared: one projection per point and one call for all.
	Calls int
}

// planeIndex maps PyAT's plane names to coordinate indices.
func planeIndex(p string) (int, error) {
	switch p {
	case "x", "h":
		return 0, nil
	case "px", "xp":
		return 1, nil
	case "y", "v":
		return 2, nil
	case "py", "yp":
		return 3, nil
	case "dp", "delta":
		return 4, nil
	case "ct":
		return 5, nil
	}
	return 0, fmt.Errorf("unknown plane %q", p)
}

// Acceptance is PyAT's get_acceptance(ring, planes, npoints, amplitudes,
// ...) for one observation point (use_mp=False semantics, except that
// every grid, search step or flood wave is tracked as one beam):
//   - Radial / Cartesian: grid + orbit + shift_zero, one projection pass
//     through elements obs..end (no loss record), then Turns turns from
//     the lattice entrance; survived = not lost in the second call.
//   - Recursive: PyAT's recursive_boundary_search through the lattice
//     rotated to obs (ring.rotate(obs)), from the orbit at obs.
//   - Floodfill: PyAT's floodfill through ring.rotate(obs).
//
// A 1-D Radial scan is turned into Cartesian, as in PyAT. Several
// observation points need AcceptanceAt.
func Acceptance(lat *tracking.Lattice, planes []string, npoints []int, amplitudes []float64, opt *Options) (*Result, error) {
	if opt != nil && len(opt.Refpts) > 1 {
		return nil, errors.New("acceptance: several observation points: use AcceptanceAt")
	}
	rs, err := AcceptanceAt(lat, planes, npoints, amplitudes, opt)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// AcceptanceAt is Acceptance at each of the observation points
// opt.Refpts (the lattice entrance when empty), PyAT's get_acceptance
// with several refpts: one Result per point, in the order given. As in
// PyAT's grid_boundary_search, the Radial and Cartesian grids of all the
// points are tracked as one beam: each point's grid is projected to the
// lattice entrance, then all are tracked together, so that the scan of
// many starting points is one batch on every core or the GPU. The
// Recursive and Floodfill searches of the points run side by side,
// sharing the cores. Each Result is the one Acceptance gives that point
// alone, except Calls (see Result).
func AcceptanceAt(lat *tracking.Lattice, planes []string, npoints []int, amplitudes []float64, opt *Options) ([]*Result, error) {
	if opt == nil {
		opt = &Options{}
	}
	o := *opt
	if o.Turns == 0 {
		o.Turns = 1024
	}
	if o.Divider == 0 {
		o.Divider = 2
	}
	shift := 1e-6
	if o.ShiftZero != nil {
		shift = *o.ShiftZero
	}
	nd := len(planes)
	if nd < 1 || nd > 2 {
		return nil, errors.New("acceptance: planes can have 1 or 2 elements")
	}
	if len(npoints) != nd || len(amplitudes) != nd {
		return nil, fmt.Errorf("acceptance: npoints and amplitudes need %d elements", nd)
	}
	if o.Bounds != nil && len(o.Bounds) != nd {
		return nil, fmt.Errorf("acceptance: bounds need %d pairs", nd)
	}
	pind := make([]int, nd)
	for i, p := range planes {
		k, err := planeIndex(p)
		if err != nil {
			return nil, fmt.Errorf("acceptance: %w", err)
		}
		pind[i] = k
	}
	mode := o.GridMode
	if nd == 1 && mode == Radial {
		mode = Cartesian
	}
	bounds := o.Bounds
	switch mode {
	case Radial, Recursive:
		if bounds == nil {
			bounds = [][2]float64{{0, 1}, {math.Pi, 0}}
		} else {
			bounds = append([][2]float64(nil), bounds...)
		}
		for j := range bounds[0] {
			if bounds[0][j] == 0 {
				bounds[0][j] = 1e-6
			}
		}
	case Cartesian:
		if bounds == nil {
			bounds = make([][2]float64, nd)
			for p := range bounds {
				bounds[p] = [2]float64{float64(p - 1), 1}
			}
		}
	case Floodfill:
		if nd != 2 {
			return nil, errors.New("acceptance: FLOODFILL needs two planes")
		}
		if bounds == nil {
			bounds = [][2]float64{{-1, 1}, {0, 1}}
		}
	default:
		return nil, fmt.Errorf("acceptance: GridMode %d undefined", int(mode))
	}
	obs := []int{-1}
	if len(o.Refpts) > 0 {
		obs = o.Refpts
	}
	for _, k := range o.Refpts {
		if k < 0 || k >= len(lat.Elements) {
			return nil, fmt.Errorf("acceptance: refpt %d out of range 0..%d", k, len(lat.Elements)-1)
		}
	}
	orbits := make([][6]float64, len(obs))
	for i, k := range obs {
		var err error
		if mode == Floodfill {
			// PyAT: find_orbit(dp=dp or 0, refpts=obs or 0) on the ring,
			// tracking through ring.rotate(obs), offset = orbit + (0, 0,
			// 0, 0, dp or 0, 0) (dp counted twice off momentum, as PyAT
			// does), no shift_zero.
			dp := o.Dp
			if dp == nil && !lat.Is6D() {
				dp = new(float64)
			}
			orbits[i], err = closedOrbit(lat, dp, max(k, 0), o.Offset, o.Optics)
			if dp != nil {
				orbits[i][4] += *dp
			}
		} else {
			orbits[i], err = closedOrbit(lat, o.Dp, k, o.Offset, o.Optics)
		}
		if err != nil {
			if len(obs) > 1 {
				return nil, fmt.Errorf("acceptance: closed orbit at refpt %d: %w", k, err)
			}
			return nil, fmt.Errorf("acceptance: %w", err)
		}
	}
	switch mode {
	case Recursive:
		return sideBySide(len(obs), &o, func(i int, o *Options) (*Result, error) {
			return recursive(lat, pind, npoints, amplitudes, bounds, obs[i], orbits[i], o)
		})
	case Floodfill:
		return sideBySide(len(obs), &o, func(i int, o *Options) (*Result, error) {
			return floodfill(rotate(lat, max(obs[i], 0)), pind, npoints, amplitudes, bounds, orbits[i], o)
		})
	}
	return gridScan(lat, mode, pind, npoints, amplitudes, bounds, obs, orbits, shift, &o)
}

// Acceptance1D is PyAT's get_1d_acceptance(ring, plane, resolution,
// amplitude, ...) with use_mp=False: the recursive search with
// npoint = ceil(amplitude/resolution) and amplitude the first step.
// opt.GridMode is ignored (forced to Recursive, as PyAT does without
// multiprocessing). Several observation points need Acceptance1DAt.
func Acceptance1D(lat *tracking.Lattice, plane string, resolution, amplitude float64, opt *Options) (*Result, error) {
	if opt != nil && len(opt.Refpts) > 1 {
		return nil, errors.New("acceptance: several observation points: use Acceptance1DAt")
	}
	rs, err := Acceptance1DAt(lat, plane, resolution, amplitude, opt)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// Acceptance1DAt is Acceptance1D at each of the observation points
// opt.Refpts (PyAT's get_1d_acceptance with several refpts): one Result
// per point, the searches running side by side.
func Acceptance1DAt(lat *tracking.Lattice, plane string, resolution, amplitude float64, opt *Options) ([]*Result, error) {
	if resolution <= 0 || amplitude <= 0 {
		return nil, errors.New("acceptance: resolution and amplitude must be positive")
	}
	o := Options{}
	if opt != nil {
		o = *opt
	}
	o.GridMode = Recursive
	npoint := int(int32(math.Ceil(amplitude / resolution)))
	return AcceptanceAt(lat, []string{plane}, []int{npoint}, []float64{amplitude}, &o)
}

// MomentumAcceptance is PyAT's get_momentum_acceptance: Acceptance1D in
// the "dp" plane.
func MomentumAcceptance(lat *tracking.Lattice, resolution, amplitude float64, opt *Options) (*Result, error) {
	return Acceptance1D(lat, "dp", resolution, amplitude, opt)
}

// MomentumAcceptanceAt is MomentumAcceptance at each of the observation
// points opt.Refpts: Acceptance1DAt in the "dp" plane.
func MomentumAcceptanceAt(lat *tracking.Lattice, resolution, amplitude float64, opt *Options) ([]*Result, error) {
	return Acceptance1DAt(lat, "dp", resolution, amplitude, opt)
}

// closedOrbit is PyAT's set_ring_orbit: the offset given, or
// ring.find_orbit(dp=dp, refpts=obs) at obs (the entrance when obs < 0).
func closedOrbit(lat *tracking.Lattice, dp *float64, obs int, offset *[6]float64, oo *optics.Options) ([6]float64, error) {
	if offset != nil {
		return *offset, nil
	}
	var refpts []int
	if obs >= 0 {
		refpts = []int{obs}
	}
	var orb *optics.Orbit
	var err error
	if lat.Is6D() {
		if dp != nil {
			// PyAT's find_orbit6(dp=dp): the RF frequency shifted for dp.
			orb, err = optics.FindOrbit6Dp(lat, *dp, refpts, oo)
		} else {
			orb, err = optics.FindOrbit6(lat, refpts, oo)
		}
	} else {
		d := 0.0
		if dp != nil {
			d = *dp
		}
		orb, err = optics.FindOrbit4(lat, d, refpts, oo)
	}
	if err != nil {
		return [6]float64{}, err
	}
	if obs >= 0 {
		return [6]float64(orb.At[0]), nil
	}
	return [6]float64(orb.Orbit0), nil
}

// rotate is PyAT's ring.rotate(k): the lattice starting at element k.
func rotate(lat *tracking.Lattice, k int) *tracking.Lattice {
	if k <= 0 {
		return lat
	}
	r := *lat
	r.Elements = append(append([]*tracking.Element{}, lat.Elements[k:]...), lat.Elements[:k]...)
	return &r
}

// from is the lattice of elements k..end (PyAT's start_elem=k for one
// turn).
func from(lat *tracking.Lattice, k int) *tracking.Lattice {
	if k <= 0 {
		return lat
	}
	r := *lat
	r.Elements = append([]*tracking.Element{}, lat.Elements[k:]...)
	return &r
}

// track tracks the beam through lat for turns turns with the scan's
// tracking options.
func track(lat *tracking.Lattice, beam *tracking.Beam, turns int, o *Options) (*tracking.Result, error) {
	to := o.Track
	to.Turns = turns
	to.Turn0 = 0
	to.Refpts = nil
	to.MonitorTo = nil
	if o.Tracker != nil {
		return o.Tracker(lat, beam, to)
	}
	return tracking.Track(lat, beam, to)
}

// linspace is numpy's linspace(start, stop, n).
func linspace(start, stop float64, n int) []float64 {
	y := make([]float64, n)
	if n == 1 {
		y[0] = start
		return y
	}
	step := (stop - start) / float64(n-1)
	for i := range y {
		y[i] = float64(float64(i)*step) + start
	}
	y[n-1] = stop
	return y
}

// round is numpy's around(x, decimals): rint(x*10^d)/10^d.
func round(x float64, d int) float64 {
	s := math.Pow(10, float64(d))
	return math.RoundToEven(x*s) / s
}
