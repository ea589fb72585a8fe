package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// LinData is PyAT's linopt6 record at one refpt (the fields this package
// computes), all at the entrance of the element.
type LinData struct {
	// Refpt is the element index (len(Elements): the end of the lattice).
	Refpt int
	// SPos is the position [m] (PyAT's s_pos).
	SPos float64
	// ClosedOrbit is the closed orbit (closed_orbit).
	ClosedOrbit Vec6
	// Dispersion is (eta_x, eta_x', eta_y, eta_y') (dispersion): from the
	// mode matrix R_3 in 6D, from orbits at ±DPStep/2 in 4D.
	Dispersion [4]float64
	// Alpha and Beta are the Twiss functions of modes 1 and 2 (alpha,
	// beta [m]).
	Alpha, Beta [2]float64
	// Mu is the phase advance of each mode from the start [rad] (mu): 2
	// values in 4D, 3 in 6D, unwrapped as PyAT unwraps them.
	Mu []float64
	// M is the transfer matrix from the start (4×4 or 6×6; M).
	M [][]float64
	// A is the normalising matrix (A) and R the mode matrices (R).
	A [][]float64
	R [][][]float64
}

// RingData is PyAT's linopt6 ring record.
type RingData struct {
	// Tune is the fractional tune of each mode of the lattice (one
	// period: the periodicity is not applied).
	Tune []float64
	// Chromaticity is dTune/ddelta of each mode (nil unless asked).
	Chromaticity []float64
	// DampingTime is each mode's damping time [s] (6D only: L/c over
	// -log|lambda|; nil in 4D, where PyAT gives NaN).
	DampingTime []float64
}

// Linopt is what Linopt6 returns: PyAT's (elemdata0, ringdata, elemdata).
type Linopt struct {
	Elem0 LinData
	Ring  RingData
	Elem  []LinData
}

// SPos returns PyAT's get_s_pos at each refpt: the left-to-right sum of
// the lengths of the elements before it.
func SPos(lat *tracking.Lattice, refpts []int) []float64 {
	out := make([]float64, len(refpts))
	s, k := 0.0, 0
	for i := 0; i <= len(lat.Elements) && k < len(refpts); i++ {
		for k < len(refpts) && refpts[k] == i {
			out[k] = s
			k++
		}
		if i < len(lat.Elements) {
			s += lat.Elements[i].Length()
		}
	}
	return out
}

// Linopt6 is PyAT's linopt6(ring, refpts, get_chrom): linear optics at the
// refpts by the eigenvector method (Wolski's mode matrices), for 4D and 6D
// lattices, coupled or not. The closed orbit is FindOrbit4 at dp = 0 (4D)
// or FindOrbit6 (6D); the transfer matrices FindM44 or FindM66 in one
// tracking of all refpts. With getChrom the chromaticities are computed
// as PyAT does (4D: orbits at ±DPStep/2; 6D: the RF frequency moved by
// ±DPStep/2 times the slip factor).
func Linopt6(lat *tracking.Lattice, refpts []int, getChrom bool, opt *Options) (*Linopt, error) {
	l, err := linopt6(lat, refpts, getChrom, opt)
	if err != nil {
		return nil, fmt.Errorf("linopt6: %w", err)
	}
	return l, nil
}

func linopt6(lat *tracking.Lattice, refpts []int, getChrom bool, opt *Options) (*Linopt, error) {
	if err := checkRefpts(refpts, len(lat.Elements)); err != nil {
		return nil, err
	}
	is6 := lat.Is6D()
	orb, err := FindOrbit(lat, nil, opt)
	if err != nil {
		return nil, err
	}
	orbit := orb.Orbit0
	var mt dense
	var ms []dense
	if is6 {
		m, st, err := FindM66(lat, refpts, &orbit, opt)
		if err != nil {
			return nil, err
		}
		mt = toDense6(m)
		for _, x := range st {
			ms = append(ms, toDense6(x))
		}
	} else {
		m, st, err := FindM44(lat, 0, refpts, &orbit, opt)
		if err != nil {
			return nil, err
		}
		mt = toDense4(m)
		for _, x := range st {
			ms = append(ms, toDense4(x))
		}
	}
	a0, vps, err := aMatrix(mt)
	if err != nil {
		return nil, err
	}
	astd := standardize(a0)
	out := &Linopt{Ring: RingData{Tune: tunesOf(vps)}}
	fill := func(d *LinData, ai dense) error {
		mu, rs, err := rMatrices(ai)
		if err != nil {
			return err
		}
		d.Mu = mu
		d.A = ai
		d.R = make([][][]float64, len(rs))
		for k, r := range rs {
			d.R[k] = r
		}
		d.Beta = [2]float64{rs[0][0][0], rs[1][2][2]}
		d.Alpha = [2]float64{-rs[0][1][0], -rs[1][3][2]}
		if is6 {
			for i := 0; i < 4; i++ {
				d.Dispersion[i] = rs[2][i][4] / rs[2][4][4]
			}
		}
		return nil
	}
	if err := fill(&out.Elem0, astd); err != nil {
		return nil, err
	}
	out.Elem0.M = identity(len(mt))
	out.Elem0.ClosedOrbit = orbit
	out.Elem = make([]LinData, len(refpts))
	for k := range refpts {
		d := &out.Elem[k]
		d.Refpt = refpts[k]
		d.M = ms[k]
		if err := fill(d, ms[k].mul(astd)); err != nil {
			return nil, fmt.Errorf("refpt %d: %w", refpts[k], err)
		}
	}
	// closed orbit at the refpts
	co, err := orbitAt(lat, orbit, refpts, opt, "closed orbit")
	if err != nil {
		return nil, err
	}
	spos := SPos(lat, refpts)
	for k := range refpts {
		out.Elem[k].ClosedOrbit = co.At[k]
		out.Elem[k].SPos = spos[k]
	}
	h := opt.dpStep()
	if is6 {
		length := lat.Length()
		out.Ring.DampingTime = make([]float64, len(vps))
		for i, v := range vps {
			out.Ring.DampingTime[i] = length / tracking.C0 / -math.Log(cmplxAbs(v))
		}
	} else {
		out.Elem0.M = mt
		out.Elem0.SPos = lat.Length()
		up, err := orbitDPGuess(lat, orbit, orbit[4]+0.5*h, refpts, opt)
		if err != nil {
			return nil, err
		}
		dn, err := orbitDPGuess(lat, orbit, orbit[4]-0.5*h, refpts, opt)
		if err != nil {
			return nil, err
		}
		for i := 0; i < 4; i++ {
			out.Elem0.Dispersion[i] = (up.Orbit0[i] - dn.Orbit0[i]) / h
			for k := range refpts {
				out.Elem[k].Dispersion[i] = (up.At[k][i] - dn.At[k][i]) / h
			}
		}
		if getChrom {
			tu, err := tunesAt(lat, up.Orbit0, opt)
			if err != nil {
				return nil, err
			}
			td, err := tunesAt(lat, dn.Orbit0, opt)
			if err != nil {
				return nil, err
			}
			dp := up.Orbit0[4] - dn.Orbit0[4]
			out.Ring.Chromaticity = make([]float64, len(tu))
			for i := range tu {
				out.Ring.Chromaticity[i] = (tu[i] - td[i]) / dp
			}
		}
	}
	if getChrom && is6 {
		rgup, rgdn, err := shiftedRings(lat, opt)
		if err != nil {
			return nil, err
		}
		oup, err := orbit6From(rgup, &orbit, opt)
		if err != nil {
			return nil, err
		}
		odn, err := orbit6From(rgdn, &orbit, opt)
		if err != nil {
			return nil, err
		}
		tu, err := tunesAt(rgup, oup, opt)
		if err != nil {
			return nil, err
		}
		td, err := tunesAt(rgdn, odn, opt)
		if err != nil {
			return nil, err
		}
		dp := oup[4] - odn[4]
		out.Ring.Chromaticity = make([]float64, len(tu))
		for i := range tu {
			out.Ring.Chromaticity[i] = (tu[i] - td[i]) / dp
		}
	}
	unwrap(out.Elem)
	return out, nil
}

// unwrap is PyAT's unwrap of mu along the refpts: a drop of more than
// 1e-3 rad from one refpt to the next (from 0 before the first) counts a
// turn of 2 pi.
func unwrap(ds []LinData) {
	if len(ds) == 0 {
		return
	}
	n := len(ds[0].Mu)
	prev := make([]float64, n)
	jumps := make([]float64, n)
	for k := range ds {
		for i := 0; i < n; i++ {
			raw := ds[k].Mu[i]
			if raw-prev[i] < -1e-3 {
				jumps[i]++
			}
			prev[i] = raw
			ds[k].Mu[i] = raw + jumps[i]*2*math.Pi
		}
	}
}

func cmplxAbs(v complex128) float64 { return math.Hypot(real(v), imag(v)) }

func identity(n int) dense {
	m := newDense(n)
	for i := range m {
		m[i][i] = 1
	}
	return m
}

func toDense4(m Mat44) dense {
	d := newDense(4)
	for i := range m {
		copy(d[i], m[i][:])
	}
	return d
}

func toDense6(m Mat66) dense {
	d := newDense(6)
	for i := range m {
		copy(d[i], m[i][:])
	}
	return d
}

// orbitDPGuess is find_orbit4(ring, refpts, guess=guess, dp=dp).
func orbitDPGuess(lat *tracking.Lattice, guess Vec6, dp float64, refpts []int, opt *Options) (*Orbit, error) {
	ref := guess
	ref[4] = dp
	o, err := orbitDPFrom(lat, ref, opt)
	if err != nil {
		return nil, fmt.Errorf("find_orbit4 at dp %g: %w", dp, err)
	}
	return orbitAt(lat, o, refpts, opt, "find_orbit4")
}

// orbit6From is find_orbit6(ring, guess=guess) (guess nil: PyAT's own).
func orbit6From(lat *tracking.Lattice, guess *Vec6, opt *Options) (Vec6, error) {
	o, err := orbit6Guess(lat, guess, opt)
	if err != nil {
		return o, fmt.Errorf("find_orbit6: %w", err)
	}
	return o, nil
}

// tunesAt is PyAT's _tunes(ring, orbit=orbit): the fractional tunes of
// FindM44 (4D) or FindM66 (6D) around orbit.
func tunesAt(lat *tracking.Lattice, orbit Vec6, opt *Options) ([]float64, error) {
	var mt dense
	if lat.Is6D() {
		m, _, err := FindM66(lat, nil, &orbit, opt)
		if err != nil {
			return nil, err
		}
		mt = toDense6(m)
	} else {
		m, _, err := FindM44(lat, 0, nil, &orbit, opt)
		if err != nil {
			return nil, err
		}
		mt = toDense4(m)
	}
	_, vps, err := aMatrix(mt)
	if err != nil {
		return nil, err
	}
	return tunesOf(vps), nil
}

// shiftedRings returns copies of lat with the RF cavity frequencies times
// (1 ± DPStep slip/2), slip the slip factor of Disable6D(lat), as PyAT's
// linopt6 and get_chrom make them.
func shiftedRings(lat *tracking.Lattice, opt *Options) (up, dn *tracking.Lattice, err error) {
	eta, err := GetSlipFactor(Disable6D(lat), opt)
	if err != nil {
		return nil, nil, err
	}
	dff := opt.dpStep() * eta
	return scaleRF(lat, 1.0+0.5*dff), scaleRF(lat, 1.0-0.5*dff), nil
}

// scaleRF returns a copy of lat whose RF cavities have their Frequency
// multiplied by f.
func scaleRF(lat *tracking.Lattice, f float64) *tracking.Lattice {
	c := *lat
	c.Elements = append([]*tracking.Element(nil), lat.Elements...)
	for i, e := range c.Elements {
		if !tracking.IsRFCavity(e) {
			continue
		}
		if v, ok, err := e.Float("Frequency"); ok && err == nil {
			n := e.Clone()
			n.Set("Frequency", v*f)
			c.Elements[i] = n
		}
	}
	return &c
}
