package acceptance

import (
	"errors"
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// floodfill is PyAT's floodfill (Riemann et al., PRAB 27, 094002): the
// border of an n_x by n_y grid is tracked, then the 4-neighbours of every
// lost point, until no new point is queued. PyAT tracks the points one by
// one from a queue; the set tracked does not depend on the queue order, so
// here each wave of queued points is tracked as one beam. As in PyAT, the
// neighbours are the indices i±1 and i±n_y of the x-outer, y-inner grid
// (i±1 crosses from the top of a column to the bottom of the next).
func floodfill(lat *tracking.Lattice, pind, npoints []int, amp []float64, bounds [][2]float64,
	offset [6]float64, o *Options) (*Result, error) {
	if len(pind) != 2 {
		return nil, errors.New("acceptance: FLOODFILL needs two planes")
	}
	win := [4]float64{bounds[0][0] * amp[0], bounds[0][1] * amp[0], bounds[1][0] * amp[1], bounds[1][1] * amp[1]}
	res := &Result{Orbit: offset, Boundary: [][]float64{{}, {}}, Survived: [][]float64{{}, {}}, Tracked: [][]float64{{}, {}}}
	if win[0] == win[1] || win[2] == win[3] {
		return res, nil
	}
	nx, ny := int(int32(npoints[0])), int(int32(npoints[1]))
	if nx < 1 || ny < 1 {
		return res, nil
	}
	xv := linspace(math.Min(win[0], win[1]), math.Max(win[0], win[1]), nx)
	yv := linspace(math.Min(win[2], win[3]), math.Max(win[2], win[3]), ny)
	np := nx * ny
	px := make([]float64, np)
	py := make([]float64, np)
	for ix := 0; ix < nx; ix++ {
		for iy := 0; iy < ny; iy++ {
			px[ix*ny+iy], py[ix*ny+iy] = xv[ix], yv[iy]
		}
	}
	registered := make([]bool, np)
	tracked := make([]bool, np)
	lost := make([]bool, np)
	lturn := make([]int64, np)
	lelem := make([]int64, np)
	var queue []int
	push := func(i int) {
		if i >= 0 && i < np && !registered[i] {
			registered[i] = true
			queue = append(queue, i)
		}
	}
	// PyAT's initial queue: upper line, left side, lower line, right side.
	for i := 0; i < np; i += ny {
		push(i + ny - 1)
	}
	for i := 1; i < ny-1; i++ {
		push(i)
	}
	for i := 0; i < np; i += ny {
		push(i)
	}
	for i := (nx-1)*ny + 1; i < np-1; i++ {
		push(i)
	}
	for len(queue) > 0 {
		wave := queue
		queue = nil
		beam := tracking.NewBeam(len(wave))
		for n, i := range wave {
			for k := 0; k < 6; k++ {
				beam.Coords[k][n] = offset[k]
			}
			beam.Coords[pind[0]][n] = offset[pind[0]] + px[i]
			beam.Coords[pind[1]][n] = offset[pind[1]] + py[i]
		}
		tr, err := track(lat, beam, o.Turns, o)
		if err != nil {
			return nil, fmt.Errorf("acceptance: flood fill: %w", err)
		}
		res.Calls++
		if o.Progress != nil {
			o.Progress(res.Calls, len(wave))
		}
		for n, i := range wave {
			tracked[i] = true
			lost[i] = tr.Lost[n]
			lturn[i], lelem[i] = tr.LostTurn[n], tr.LostElement[n]
		}
		for _, i := range wave {
			if lost[i] {
				push(i + 1)
				push(i - 1)
				push(i + ny)
				push(i - ny)
			}
		}
	}
	var ang []float64
	for i := 0; i < np; i++ {
		if !tracked[i] {
			continue
		}
		res.Tracked[0] = append(res.Tracked[0], px[i])
		res.Tracked[1] = append(res.Tracked[1], py[i])
		res.SurvivedFlag = append(res.SurvivedFlag, !lost[i])
		res.LostTurn = append(res.LostTurn, lturn[i])
		res.LostElement = append(res.LostElement, lelem[i])
		if !lost[i] {
			res.Survived[0] = append(res.Survived[0], px[i])
			res.Survived[1] = append(res.Survived[1], py[i])
			ang = append(ang, math.Atan2(py[i], px[i]))
		}
	}
	for _, j := range argsort(ang) {
		res.Boundary[0] = append(res.Boundary[0], res.Survived[0][j])
		res.Boundary[1] = append(res.Boundary[1], res.Survived[1][j])
	}
	return res, nil
}
