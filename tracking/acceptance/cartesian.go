package acceptance

import "math"

// gridBoundary is PyAT's grid_boundary for a 2-D cartesian grid: the
// survivors that belong to a pair along both axes (scipy binary_opening
// with 2x1 and 1x2 structures), of which those with a 4-neighbour outside
// that set or on the grid edge (binary_dilation of the complement, border
// 1), ordered by nearestOrder.
func gridBoundary(mask []bool, g [2][]float64, shape []int) [][]float64 {
	nx, ny := shape[0], shape[1]
	at := func(m []bool, j, i int) bool {
		if j < 0 || j >= ny || i < 0 || i >= nx {
			return false
		}
		return m[j*nx+i]
	}
	open := make([]bool, len(mask))
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			if !at(mask, j, i) {
				continue
			}
			v := at(mask, j-1, i) || at(mask, j+1, i)
			h := at(mask, j, i-1) || at(mask, j, i+1)
			open[j*nx+i] = v && h
		}
	}
	// outside reads the complement of open, with the border counted as
	// outside.
	outside := func(j, i int) bool {
		if j < 0 || j >= ny || i < 0 || i >= nx {
			return true
		}
		return !open[j*nx+i]
	}
	var pts [2][]float64
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			if !open[j*nx+i] {
				continue
			}
			if outside(j-1, i) || outside(j+1, i) || outside(j, i-1) || outside(j, i+1) {
				pts[0] = append(pts[0], g[0][j*nx+i])
				pts[1] = append(pts[1], g[1][j*nx+i])
			}
		}
	}
	return nearestOrder(pts)
}

// nearestOrder is PyAT's nearest_order: the farthest point of each
// distinct angle arctan2(x, y), by angle, then walked from neighbour to
// nearest neighbour on the grid normalised by its smallest spacings,
// closed when the ends are within 1.5 cells.
func nearestOrder(pts [2][]float64) [][]float64 {
	n := len(pts[0])
	if n == 0 {
		return [][]float64{{}, {}}
	}
	ang := make([]float64, n)
	norm := make([]float64, n)
	for i := 0; i < n; i++ {
		ang[i] = math.Atan2(pts[0][i], pts[1][i])
		norm[i] = math.Sqrt(pts[0][i]*pts[0][i] + pts[1][i]*pts[1][i])
	}
	u := uniqueSorted(ang)
	x := make([]float64, len(u))
	y := make([]float64, len(u))
	for k, a := range u {
		best := -1
		for i := 0; i < n; i++ {
			if ang[i] == a && (best < 0 || norm[i] > norm[best]) {
				best = i
			}
		}
		x[k], y[k] = pts[0][best], pts[1][best]
	}
	minDiff := func(v []float64) float64 {
		w := uniqueSorted(v)
		d := math.Inf(1)
		for i := 1; i < len(w); i++ {
			d = math.Min(d, w[i]-w[i-1])
		}
		return d
	}
	dx, dy := minDiff(x), minDiff(y)
	dist := func(a, b int) float64 {
		u, v := (x[a]-x[b])/dx, (y[a]-y[b])/dy
		return math.Sqrt(u*u + v*v)
	}
	m := len(x)
	order := []int{0}
	used := make([]bool, m)
	used[0] = true
	for i := 1; i < m; i++ {
		cur := order[len(order)-1]
		dd := make([]float64, m)
		for j := range dd {
			dd[j] = dist(j, cur)
		}
		idx := argsort(dd)
		next := -1
		for _, j := range idx {
			if used[j] {
				continue
			}
			if i > 3 {
				dir := sign(order[len(order)-1] - order[len(order)-2])
				if sign(j-cur) != dir {
					continue
				}
			}
			next = j
			break
		}
		if next >= 0 {
			order = append(order, next)
			used[next] = true
		}
	}
	if dist(order[0], order[len(order)-1]) < 1.5 {
		order = append(order, order[0])
	}
	b := [][]float64{make([]float64, len(order)), make([]float64, len(order))}
	for k, j := range order {
		b[0][k], b[1][k] = x[j], y[j]
	}
	return b
}

// sign is numpy's sign on integers.
func sign(v int) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
