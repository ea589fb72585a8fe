package optics

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/gotrack/gotrack/tracking"
)

// EnvelopeOptions are the options of OhmiEnvelope and EnvelopeParameters.
type EnvelopeOptions struct {
	// Orbit is the 6D closed orbit at the entrance of the lattice (PyAT's
	// orbit argument); nil: FindOrbit6.
	Orbit *Vec6
	// Options choose the backend and the finite-difference steps (PyAT's
	// XYStep for the element matrices, XYStep and DPStep for the one-turn
	// matrix).
	Options
}

// EnvelopePoint is PyAT's ENVELOPE_DTYPE record at one point of the
// lattice.
type EnvelopePoint struct {
	R66     [6][6]float64 // equilibrium beam matrix
	R44     [4][4]float64 // betatron beam matrix at delta = 0 (NaN without equilibrium)
	M66     [6][6]float64 // transfer matrix from the start of the lattice
	Orbit6  [6]float64    // closed orbit
	EmitXY  [2]float64    // betatron emittances projected on (x, x') and (y, y')
	EmitXYZ [3]float64    // emittances of r66 projected on (x, x'), (y, y'), (delta, ct)
}

// Envelope is the result of OhmiEnvelope: PyAT's (emit0, beamdata, emit).
type Envelope struct {
	// Start is the envelope at the entrance of the lattice (emit0); its
	// M66 is the one-turn matrix.
	Start EnvelopePoint
	// Tunes, DampingRates and ModeEmittances are those of the three
	// normal modes of the lattice as given (one cell when it has a
	// periodicity), in PyAT's mode order (beamdata).
	Tunes          [3]float64
	DampingRates   [3]float64
	ModeEmittances [3]float64
	// Refpts are the observation points and At the envelope at each.
	Refpts []int
	At     []EnvelopePoint
}

// OhmiEnvelope computes the equilibrium beam envelope of a radiating
// lattice with Ohmi's formalism, as PyAT's at.ohmi_envelope: the
// diffusion matrices of the radiating elements (device.DiffusionMatrices)
// cumulated around the closed orbit with each element's transfer matrix,
// then the beam matrix R solving R = M·R·Mᵀ + B, M the one-turn matrix
// and B the cumulated diffusion; at each refpt (indices 0..len(elements))
// R is propagated from the start. The lattice is taken as given (one cell
// for a periodic one, as PyAT does).
func OhmiEnvelope(lat *tracking.Lattice, refpts []int, opt *EnvelopeOptions) (*Envelope, error) {
	if opt == nil {
		opt = &EnvelopeOptions{}
	}
	if !lat.Is6D() {
		return nil, fmt.Errorf("ohmi_envelope: the lattice does not radiate (not 6D)")
	}
	n := len(lat.Elements)
	refpts, err := sortedRefpts(refpts, n)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: %w", err)
	}
	var orbit0 Vec6
	if opt.Orbit != nil {
		orbit0 = *opt.Orbit
	} else {
		o, err := FindOrbit6(lat, nil, &opt.Options)
		if err != nil {
			return nil, fmt.Errorf("ohmi_envelope: %w", err)
		}
		orbit0 = o.Orbit0
	}
	run, err := newEnvRunner(lat, &opt.Options)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: %w", err)
	}
	defer run.close()
	orbs, err := run.orbits(orbit0)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: orbit: %w", err)
	}
	cum, err := run.cumulatedDiffusion(orbs)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: %w", err)
	}
	mring, ms, err := FindM66(lat, refpts, &orbs[0], &opt.Options)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: one-turn matrix: %w", err)
	}
	rr, err := solveLyapunov(mring, cum[n])
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: %w", err)
	}
	env := &Envelope{Refpts: append([]int(nil), refpts...)}
	env.Start = envelopePoint(rr, mring, orbs[0])
	env.Tunes, env.DampingRates, env.ModeEmittances, err = modeData(mring, rr)
	if err != nil {
		return nil, fmt.Errorf("ohmi_envelope: %w", err)
	}
	env.At = make([]EnvelopePoint, len(refpts))
	for k, r := range refpts {
		sig := add66(mul66(mul66(ms[k], rr), transpose66(ms[k])), cum[r])
		env.At[k] = envelopePoint(sig, ms[k], orbs[r])
	}
	return env, nil
}

// QuantDiffMat is PyAT's at.quantdiffmat: the diffusion matrix of the
// radiating elements cumulated over the lattice around the closed orbit
// (opt.Orbit, or FindOrbit6), B(end) of OhmiEnvelope's cumulation.
func QuantDiffMat(lat *tracking.Lattice, opt *EnvelopeOptions) (Mat66, error) {
	if opt == nil {
		opt = &EnvelopeOptions{}
	}
	var orbit0 Vec6
	if opt.Orbit != nil {
		orbit0 = *opt.Orbit
	} else {
		o, err := FindOrbit6(lat, nil, &opt.Options)
		if err != nil {
			return Mat66{}, fmt.Errorf("quantdiffmat: %w", err)
		}
		orbit0 = o.Orbit0
	}
	run, err := newEnvRunner(lat, &opt.Options)
	if err != nil {
		return Mat66{}, fmt.Errorf("quantdiffmat: %w", err)
	}
	defer run.close()
	orbs, err := run.orbits(orbit0)
	if err != nil {
		return Mat66{}, fmt.Errorf("quantdiffmat: orbit: %w", err)
	}
	cum, err := run.cumulatedDiffusion(orbs)
	if err != nil {
		return Mat66{}, fmt.Errorf("quantdiffmat: %w", err)
	}
	return cum[len(cum)-1], nil
}

// sortedRefpts returns the refpts sorted, without duplicates, checked to
// lie in 0..n (PyAT's get_uint32_index).
func sortedRefpts(refpts []int, n int) ([]int, error) {
	r := append([]int(nil), refpts...)
	sort.Ints(r)
	out := r[:0]
	for k, v := range r {
		if v < 0 || v > n {
			return nil, fmt.Errorf("refpt %d outside 0..%d", v, n)
		}
		if k == 0 || v != r[k-1] {
			out = append(out, v)
		}
	}
	return out, nil
}

// envelopePoint fills a record from the beam matrix r66 (PyAT's process):
// the projected emittances, and the betatron matrix r44 at delta = 0
// (NaN without an equilibrium emittance, uncoupled when the vertical one
// is below 1e-13).
func envelopePoint(r66, m66 [6][6]float64, orbit [6]float64) EnvelopePoint {
	p := EnvelopePoint{R66: r66, M66: m66, Orbit6: orbit}
	e3 := [3]float64{det2(r66, 0, 1), det2(r66, 2, 3), det2(r66, 5, 4)}
	for i, v := range e3 {
		p.EmitXYZ[i] = math.Sqrt(math.Max(v, 0))
	}
	nan := func() {
		for i := range p.R44 {
			for j := range p.R44[i] {
				p.R44[i][j] = math.NaN()
			}
		}
	}
	switch {
	case p.EmitXYZ[0] < 1e-13:
		nan()
	case p.EmitXYZ[1] < 1e-13:
		// no vertical size: the (x, x') block of the (x, x', delta, ct)
		// beam matrix
		if b, err := projectedBlock(r66, []int{0, 1, 4, 5}, 2); err != nil {
			nan()
		} else {
			fillR44(&p.R44, b, 2)
		}
	default:
		if b, err := projectedBlock(r66, seq6, 4); err != nil {
			nan()
		} else {
			fillR44(&p.R44, b, 4)
		}
	}
	for q := 0; q < 2; q++ {
		d := p.R44[2*q][2*q]*p.R44[2*q+1][2*q+1] - p.R44[2*q][2*q+1]*p.R44[2*q+1][2*q]
		p.EmitXY[q] = math.Sqrt(math.Max(d, 0))
		if math.IsNaN(d) {
			p.EmitXY[q] = math.NaN()
		}
	}
	return p
}

// projectedBlock returns the beam matrix of the first n coordinates of idx
// at zero momentum deviation, as PyAT's ohmi_envelope computes r44: the
// inverse of the leading n×n block of the inverse of r66 restricted to idx.
func projectedBlock(r66 [6][6]float64, idx []int, n int) (*mat.Dense, error) {
	minv, err := inverse(subDense(r66, idx, idx))
	if err != nil {
		return nil, err
	}
	return inverse(mat.DenseCopyOf(minv.Slice(0, n, 0, n)))
}

// fillR44 copies the n×n matrix b into the top-left block of r44.
func fillR44(r44 *[4][4]float64, b *mat.Dense, n int) {
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			r44[i][j] = b.At(i, j)
		}
	}
}
