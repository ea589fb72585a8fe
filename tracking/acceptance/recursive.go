package acceptance

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// allClose is numpy's allclose(p, g, rtol=1e-9) (atol 1e-8) on the
// scanned planes.
func allClose(p, g []float64) bool {
	for j := range p {
		if !(math.Abs(p[j]-g[j]) <= 1e-8+1e-9*math.Abs(g[j])) {
			return false
		}
	}
	return true
}

// recursive is PyAT's recursive_boundary_search: along each angle, step
// out while the point survives; on a loss step back and divide the step,
// until the step factor is at most ftol. The points of one iteration (one
// per angle still searching, minus those already tracked) are tracked as
// one beam through ring.rotate(obs).
func recursive(lat *tracking.Lattice, pind, npoints []int, amp []float64, bounds [][2]float64,
	obs int, orbit [6]float64, o *Options) (*Result, error) {
	nd := len(pind)
	rtol := math.Inf(1)
	for i := range amp {
		shape := int32(npoints[i])
		if shape <= 0 {
			return nil, fmt.Errorf("acceptance: npoints must be positive, got %d", npoints[i])
		}
		rtol = math.Min(rtol, amp[i]/float64(shape))
	}
	ftol := math.Inf(1)
	for i := range amp {
		ftol = math.Min(ftol, rtol/amp[i])
	}
	var angles []float64
	if nd == 2 {
		angles = linspace(bounds[1][0], bounds[1][1], int(int32(npoints[1])))
	} else {
		angles = linspace(bounds[1][0], bounds[1][1], 2)
	}
	na := len(angles)
	// cs[j][i]: direction cosine of plane j along angle i, rounded to 9
	// decimals as PyAT does.
	cs := make([][]float64, nd)
	for j := range cs {
		cs[j] = make([]float64, na)
		for i, a := range angles {
			if j == 0 {
				cs[j][i] = round(math.Cos(a), 9)
			} else {
				cs[j][i] = round(math.Sin(a), 9)
			}
		}
	}
	ring := rotate(lat, obs)
	fact := make([]float64, na)
	survived := make([]bool, na)
	part := make([][]float64, na) // scanned-plane coordinates of each angle
	for i := range fact {
		fact[i] = 1
		survived[i] = true
		part[i] = make([]float64, nd)
	}
	res := &Result{Orbit: orbit}
	var grid, mask [][]float64
	any := func(b []bool) bool {
		for _, v := range b {
			if v {
				return true
			}
		}
		return false
	}
	for any(survived) {
		for j := 0; j < nd; j++ {
			for i := 0; i < na; i++ {
				if survived[i] {
					part[i][j] += float64(cs[j][i]*amp[j]) * fact[i]
				}
			}
		}
		istracked := make([]bool, na)
		var idx []int
		for i := range part {
			istracked[i] = true
			for _, g := range grid {
				if allClose(part[i], g) {
					istracked[i] = false
					break
				}
			}
			survived[i] = false
			for _, m := range mask {
				if allClose(part[i], m) {
					survived[i] = true
					break
				}
			}
			if istracked[i] {
				idx = append(idx, i)
			}
		}
		if len(idx) > 0 {
			beam := tracking.NewBeam(len(idx))
			for n, i := range idx {
				var p [6]float64
				for j, k := range pind {
					p[k] = part[i][j]
				}
				for k := 0; k < 6; k++ {
					beam.Coords[k][n] = p[k] + orbit[k]
				}
			}
			tr, err := track(ring, beam, o.Turns, o)
			if err != nil {
				return nil, fmt.Errorf("acceptance: recursive search: %w", err)
			}
			res.Calls++
			if o.Progress != nil {
				o.Progress(res.Calls, len(idx))
			}
			for n, i := range idx {
				survived[i] = !tr.Lost[n]
				grid = append(grid, append([]float64(nil), part[i]...))
				res.SurvivedFlag = append(res.SurvivedFlag, survived[i])
				res.LostTurn = append(res.LostTurn, tr.LostTurn[n])
				res.LostElement = append(res.LostElement, tr.LostElement[n])
				if survived[i] {
					mask = append(mask, append([]float64(nil), part[i]...))
				}
			}
		}
		for i := 0; i < na; i++ {
			if !survived[i] && fact[i] > ftol {
				f := math.Min(1, 2*fact[i])
				deltas := make([]float64, nd)
				over := false
				for j := range deltas {
					deltas[j] = float64(cs[j][i]*amp[j]) * f
					if math.Abs(deltas[j]) > math.Abs(part[i][j]) {
						over = true
					}
				}
				for j := range deltas {
					if over {
						part[i][j] = 0
					} else {
						part[i][j] -= deltas[j]
					}
				}
				survived[i] = true
				fact[i] *= 1 / o.Divider
			}
		}
	}
	for j := 0; j < nd; j++ {
		for i := 0; i < na; i++ {
			part[i][j] -= float64(cs[j][i]*amp[j]) * fact[i]
		}
	}
	res.Boundary = rows(part, nd)
	res.Survived = rows(mask, nd)
	res.Tracked = rows(grid, nd)
	return res, nil
}

// rows transposes a list of nd-vectors into nd rows.
func rows(pts [][]float64, nd int) [][]float64 {
	r := make([][]float64, nd)
	for j := range r {
		r[j] = make([]float64, len(pts))
		for i, p := range pts {
			r[j][i] = p[j]
		}
	}
	return r
}
