package optics

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking"
)

// Mat44 is a 4×4 matrix, Mat44[i][j] row i, column j.
type Mat44 = [4][4]float64

// Mat66 is a 6×6 matrix, Mat66[i][j] row i, column j.
type Mat66 = [6][6]float64

// FindM44 is PyAT's find_m44(ring, dp, refpts): the 4×4 one-turn matrix
// around the 4D closed orbit at dp (FindOrbit4) by central differences of
// ±XYStep/2 (8 particles tracked together), and the transfer matrices
// from the start to each refpt. orbit, when not nil, replaces the orbit
// search (PyAT's orbit= argument).
func FindM44(lat *tracking.Lattice, dp float64, refpts []int, orbit *Vec6, opt *Options) (Mat44, []Mat44, error) {
	var o Vec6
	if orbit != nil {
		o = *orbit
	} else {
		r, err := FindOrbit4(lat, dp, nil, opt)
		if err != nil {
			return Mat44{}, nil, fmt.Errorf("find_m44: %w", err)
		}
		o = r.Orbit0
	}
	if err := checkRefpts(refpts, len(lat.Elements)); err != nil {
		return Mat44{}, nil, fmt.Errorf("find_m44: %w", err)
	}
	h := opt.xyStep()
	parts := make([]Vec6, 8)
	for j := 0; j < 4; j++ {
		parts[j], parts[j+4] = o, o
		parts[j][j] += 0.5 * h
		parts[j+4][j] += -0.5 * h
	}
	out, mon, err := trackOnce(lat, parts, refpts, opt)
	if err != nil {
		return Mat44{}, nil, fmt.Errorf("find_m44: %w", err)
	}
	m := func(p []Vec6) Mat44 {
		var r Mat44
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				r[i][j] = (p[j][i] - p[j+4][i]) / h
			}
		}
		return r
	}
	stack := make([]Mat44, len(refpts))
	for k := range refpts {
		stack[k] = m(mon[k])
	}
	return m(out), stack, nil
}

// FindM66 is PyAT's find_m66(ring, refpts): the 6×6 one-turn matrix
// around the closed orbit (FindOrbit6 for a 6D lattice, FindOrbit4 at
// dp = 0 otherwise) by central differences of ±XYStep/2 transversely and
// ±DPStep/2 in delta and ct (12 particles tracked together), and the
// transfer matrices from the start to each refpt. orbit, when not nil,
// replaces the orbit search.
func FindM66(lat *tracking.Lattice, refpts []int, orbit *Vec6, opt *Options) (Mat66, []Mat66, error) {
	var o Vec6
	if orbit != nil {
		o = *orbit
	} else {
		r, err := FindOrbit(lat, nil, opt)
		if err != nil {
			return Mat66{}, nil, fmt.Errorf("find_m66: %w", err)
		}
		o = r.Orbit0
	}
	if err := checkRefpts(refpts, len(lat.Elements)); err != nil {
		return Mat66{}, nil, fmt.Errorf("find_m66: %w", err)
	}
	hx, hp := opt.xyStep(), opt.dpStep()
	scaling := Vec6{hx, hx, hx, hx, hp, hp}
	parts := make([]Vec6, 12)
	for j := 0; j < 6; j++ {
		parts[j], parts[j+6] = o, o
		parts[j][j] += 0.5 * scaling[j]
		parts[j+6][j] += -0.5 * scaling[j]
	}
	out, mon, err := trackOnce(lat, parts, refpts, opt)
	if err != nil {
		return Mat66{}, nil, fmt.Errorf("find_m66: %w", err)
	}
	m := func(p []Vec6) Mat66 {
		var r Mat66
		for i := 0; i < 6; i++ {
			for j := 0; j < 6; j++ {
				r[i][j] = (p[j][i] - p[j+6][i]) / scaling[j]
			}
		}
		return r
	}
	stack := make([]Mat66, len(refpts))
	for k := range refpts {
		stack[k] = m(mon[k])
	}
	return m(out), stack, nil
}
