package acceptance

import (
	"fmt"
	"math"
	"sort"

	"github.com/gotrack/gotrack/tracking"
)

// gridScan is PyAT's grid_boundary_search for the RADIAL and CARTESIAN
// grids: at each observation point obs[k], the grid plus orbits[k] plus
// shift_zero is first projected to the lattice entrance (one pass through
// elements obs..end, no loss record); then the projected grids of all the
// points are tracked nturns turns as one beam; survived = not lost.
func gridScan(lat *tracking.Lattice, mode GridMode, pind, npoints []int, amp []float64, bounds [][2]float64,
	obs []int, orbits [][6]float64, shift float64, o *Options) ([]*Result, error) {
	nd := len(pind)
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = int(int32(npoints[i]))
		if shape[i] <= 0 {
			return nil, fmt.Errorf("acceptance: npoints must be positive, got %d", npoints[i])
		}
	}
	g := gridPoints(mode, shape, amp, bounds)
	n := len(g[0])
	res := make([]*Result, len(obs))
	all := tracking.NewBeam(n * len(obs))
	for k, ob := range obs {
		var off [6]float64
		for c := range off {
			off[c] = orbits[k][c] + shift
		}
		beam := tracking.NewBeam(n)
		for i := 0; i < n; i++ {
			var p [6]float64
			for j, c := range pind {
				p[c] = g[j][i]
			}
			for c := 0; c < 6; c++ {
				beam.Coords[c][i] = p[c] + off[c]
			}
		}
		proj, err := track(from(lat, max(ob, 0)), beam, 1, o)
		if err != nil {
			if len(obs) > 1 {
				return nil, fmt.Errorf("acceptance: projection from refpt %d to the lattice entrance: %w", ob, err)
			}
			return nil, fmt.Errorf("acceptance: projection to the lattice entrance: %w", err)
		}
		if o.Progress != nil {
			o.Progress(k+1, n)
		}
		for c := range all.Coords {
			copy(all.Coords[c][k*n:], proj.Final.Coords[c])
		}
		res[k] = &Result{Orbit: off, Calls: len(obs) + 1, Tracked: [][]float64{g[0], g[1]}}
	}
	// A particle lost in the projection arrives as NaN: it counts as lost.
	projLost := make([]bool, all.Len())
	for i, x := range all.Coords[0] {
		projLost[i] = math.IsNaN(x)
	}
	tr, err := track(lat, all, o.Turns, o)
	if err != nil {
		return nil, fmt.Errorf("acceptance: grid tracking: %w", err)
	}
	if o.Progress != nil {
		o.Progress(len(obs)+1, len(obs)*n)
	}
	for k, r := range res {
		lo := k * n
		r.LostTurn = tr.LostTurn[lo : lo+n : lo+n]
		r.LostElement = tr.LostElement[lo : lo+n : lo+n]
		r.SurvivedFlag = make([]bool, n)
		r.Survived = [][]float64{{}, {}}
		anySurvived := false
		for i := 0; i < n; i++ {
			r.SurvivedFlag[i] = !tr.Lost[lo+i] && !projLost[lo+i]
			if r.SurvivedFlag[i] {
				anySurvived = true
				r.Survived[0] = append(r.Survived[0], g[0][i])
				r.Survived[1] = append(r.Survived[1], g[1][i])
			}
		}
		switch {
		case !anySurvived && nd == 1:
			r.Boundary = [][]float64{{0, 0}}
		case !anySurvived:
			r.Boundary = [][]float64{{0}, {0}}
		case mode == Radial:
			r.Boundary = radialBoundary(r.SurvivedFlag, g)
		case nd == 1:
			r.Boundary = [][]float64{vectorBoundary(r.SurvivedFlag, g)}
		default:
			r.Boundary = gridBoundary(r.SurvivedFlag, g, shape)
		}
	}
	return res, nil
}

// gridPoints are the points of PyAT's grid in the scanned planes, in
// PyAT's order: radial (r inner, theta outer), cartesian (x inner, y
// outer), or a 1-D line with the second row zero.
func gridPoints(mode GridMode, shape []int, amp []float64, bounds [][2]float64) [2][]float64 {
	var g [2][]float64
	switch {
	case mode == Radial:
		r := linspace(bounds[0][0], bounds[0][1], shape[0])
		th := linspace(bounds[1][0], bounds[1][1], shape[1])
		for _, t := range th {
			c, s := math.Cos(t), math.Sin(t)
			for _, ri := range r {
				g[0] = append(g[0], float64(amp[0]*c)*ri)
				g[1] = append(g[1], float64(amp[1]*s)*ri)
			}
		}
	case len(shape) == 2:
		x := linspace(bounds[0][0], bounds[0][1], shape[0])
		y := linspace(bounds[1][0], bounds[1][1], shape[1])
		for _, yj := range y {
			for _, xi := range x {
				g[0] = append(g[0], xi*amp[0])
				g[1] = append(g[1], yj*amp[1])
			}
		}
	default:
		for _, xi := range linspace(bounds[0][0], bounds[0][1], shape[0]) {
			g[0] = append(g[0], xi*amp[0])
			g[1] = append(g[1], 0)
		}
	}
	return g
}

// searchBnd is PyAT's search_bnd: the last point before the first lost
// one after the first point (the first point itself, lost or not, when
// that is all there is).
func searchBnd(m []bool, x, y []float64) (float64, float64) {
	bx, by := 0.0, 0.0
	for j := range m {
		bx, by = x[j], y[j]
		if !m[j] && j > 0 {
			return x[j-1], y[j-1]
		}
	}
	return bx, by
}

// radialBoundary is PyAT's radial_boundary: per angle (arctan2(x, y)
// rounded to 8 decimals, ascending), searchBnd along the radius.
func radialBoundary(mask []bool, g [2][]float64) [][]float64 {
	ang := make([]float64, len(mask))
	for i := range ang {
		ang[i] = round(math.Atan2(g[0][i], g[1][i]), 8)
	}
	u := uniqueSorted(ang)
	b := [][]float64{make([]float64, len(u)), make([]float64, len(u))}
	for k, a := range u {
		var m []bool
		var x, y []float64
		for i := range ang {
			if ang[i] == a {
				m = append(m, mask[i])
				x = append(x, g[0][i])
				y = append(y, g[1][i])
			}
		}
		b[0][k], b[1][k] = searchBnd(m, x, y)
	}
	return b
}

// vectorBoundary is PyAT's vector_boundary (1-D grids): [negative side,
// positive side].
func vectorBoundary(mask []bool, g [2][]float64) []float64 {
	var mp, mn []bool
	var xp, yp, xn, yn []float64
	for i := range mask {
		if g[0][i] >= 0 {
			mp = append(mp, mask[i])
			xp = append(xp, g[0][i])
			yp = append(yp, g[1][i])
		}
	}
	for i := len(mask) - 1; i >= 0; i-- {
		if g[0][i] <= 0 {
			mn = append(mn, mask[i])
			xn = append(xn, g[0][i])
			yn = append(yn, g[1][i])
		}
	}
	bp, _ := searchBnd(mp, xp, yp)
	bn, _ := searchBnd(mn, xn, yn)
	return []float64{bn, bp}
}

// uniqueSorted is numpy's unique: the distinct values, ascending.
func uniqueSorted(v []float64) []float64 {
	u := append([]float64(nil), v...)
	sort.Float64s(u)
	out := u[:0]
	for i, x := range u {
		if i == 0 || x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
