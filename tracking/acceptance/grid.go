package acceptance

import (
	"fmt"
	"math"
	"sort"

	"github.com/gotrack/gotrack/tracking"
)

// gridScan is PyAT's grid_boundary_search for the RADIAL and CARTESIAN
// grids: the grid plus orbit plus shift_zero is first projected to the
// lattice entrance (one pass through elements obs..end, no loss record),
// then tracked nturns turns as one beam; survived = not lost.
func gridScan(lat *tracking.Lattice, mode GridMode, pind, npoints []int, amp []float64, bounds [][2]float64,
	obs int, orbit [6]float64, shift float64, o *Options) (*Result, error) {
	nd := len(pind)
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = int(int32(npoints[i]))
		if shape[i] <= 0 {
			return nil, fmt.Errorf("acceptance: npoints must be positive, got %d", npoints[i])
		}
	}
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
	case nd == 2:
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
	n := len(g[0])
	var off [6]float64
	for k := range off {
		off[k] = orbit[k] + shift
	}
	beam := tracking.NewBeam(n)
	for i := 0; i < n; i++ {
		var p [6]float64
		for j, k := range pind {
			p[k] = g[j][i]
		}
		for k := 0; k < 6; k++ {
			beam.Coords[k][i] = p[k] + off[k]
		}
	}
	start := obs
	if start < 0 {
		start = 0
	}
	proj, err := track(from(lat, start), beam, 1, o)
	if err != nil {
		return nil, fmt.Errorf("acceptance: projection to the lattice entrance: %w", err)
	}
	if o.Progress != nil {
		o.Progress(1, n)
	}
	tr, err := track(lat, proj.Final, o.Turns, o)
	if err != nil {
		return nil, fmt.Errorf("acceptance: grid tracking: %w", err)
	}
	if o.Progress != nil {
		o.Progress(2, n)
	}
	res := &Result{Orbit: off, Calls: 2, Tracked: [][]float64{g[0], g[1]}}
	res.SurvivedFlag = make([]bool, n)
	res.LostTurn = tr.LostTurn
	res.LostElement = tr.LostElement
	res.Survived = [][]float64{{}, {}}
	anySurvived := false
	for i := 0; i < n; i++ {
		res.SurvivedFlag[i] = !tr.Lost[i] && !math.IsNaN(proj.Final.Coords[0][i])
		if res.SurvivedFlag[i] {
			anySurvived = true
			res.Survived[0] = append(res.Survived[0], g[0][i])
			res.Survived[1] = append(res.Survived[1], g[1][i])
		}
	}
	switch {
	case !anySurvived && nd == 1:
		res.Boundary = [][]float64{{0, 0}}
	case !anySurvived:
		res.Boundary = [][]float64{{0}, {0}}
	case mode == Radial:
		res.Boundary = radialBoundary(res.SurvivedFlag, g)
	case nd == 1:
		res.Boundary = [][]float64{vectorBoundary(res.SurvivedFlag, g)}
	default:
		res.Boundary = gridBoundary(res.SurvivedFlag, g, shape)
	}
	return res, nil
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
