package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// eMass is the electron rest energy [eV] (scipy's CODATA 2018 value, as
// PyAT's e_mass): PyAT's gamma of a "relativistic" particle uses it.
const eMass = 510998.95

// gamma is PyAT's ring.gamma.
func gamma(lat *tracking.Lattice) float64 {
	m := lat.Particle.RestEnergy
	if m == 0 {
		m = eMass
	}
	return lat.Energy / m
}

// periodicity returns lat.Periodicity, at least 1.
func periodicity(lat *tracking.Lattice) int {
	if lat.Periodicity < 1 {
		return 1
	}
	return lat.Periodicity
}

// GetTune is PyAT's ring.get_tune() (method 'linopt'): the fractional
// tunes of the full ring, modf(P q) with P the periodicity and q the
// tunes of one period from the one-turn matrix (FindM44 at dp = 0 for a
// 4D lattice, FindM66 for a 6D one: 3 tunes).
func GetTune(lat *tracking.Lattice, opt *Options) ([]float64, error) {
	t, err := cellTunes(lat, opt)
	if err != nil {
		return nil, fmt.Errorf("get_tune: %w", err)
	}
	return fullTunes(lat, t), nil
}

func fullTunes(lat *tracking.Lattice, t []float64) []float64 {
	p := float64(periodicity(lat))
	out := make([]float64, len(t))
	for i, q := range t {
		_, out[i] = math.Modf(q * p)
	}
	return out
}

// cellTunes is PyAT's _tunes(ring) with its own closed orbit.
func cellTunes(lat *tracking.Lattice, opt *Options) ([]float64, error) {
	o, err := FindOrbit(lat, nil, opt)
	if err != nil {
		return nil, err
	}
	return tunesAt(lat, o.Orbit0, opt)
}

// GetChrom is PyAT's ring.get_chrom() (method 'linopt'): the
// chromaticities of the full ring (periodicity applied through GetTune).
// 4D: tunes at dp = ±DPStep/2 divided by DPStep. 6D: tunes of the
// lattice with the RF frequency moved by ±DPStep/2 times the slip factor,
// divided by the difference in delta of the two 6D closed orbits.
func GetChrom(lat *tracking.Lattice, opt *Options) ([]float64, error) {
	c, err := getChrom(lat, opt)
	if err != nil {
		return nil, fmt.Errorf("get_chrom: %w", err)
	}
	return c, nil
}

func getChrom(lat *tracking.Lattice, opt *Options) ([]float64, error) {
	h := opt.dpStep()
	var tu, td []float64
	step := h
	if lat.Is6D() {
		rgup, rgdn, err := shiftedRings(lat, opt)
		if err != nil {
			return nil, err
		}
		oup, err := orbit6From(rgup, nil, opt)
		if err != nil {
			return nil, err
		}
		odn, err := orbit6From(rgdn, nil, opt)
		if err != nil {
			return nil, err
		}
		if tu, err = tunesAt(rgup, oup, opt); err != nil {
			return nil, err
		}
		if td, err = tunesAt(rgdn, odn, opt); err != nil {
			return nil, err
		}
		step = oup[4] - odn[4]
	} else {
		for k, dp := range []float64{0.5 * h, -0.5 * h} {
			o, err := orbitDP(lat, dp, opt)
			if err != nil {
				return nil, fmt.Errorf("find_orbit4 at dp %g: %w", dp, err)
			}
			t, err := tunesAt(lat, o, opt)
			if err != nil {
				return nil, err
			}
			if k == 0 {
				tu = t
			} else {
				td = t
			}
		}
	}
	tu, td = fullTunes(lat, tu), fullTunes(lat, td)
	c := make([]float64, len(tu))
	for i := range c {
		c[i] = (tu[i] - td[i]) / step
	}
	return c, nil
}

// GetMCF is PyAT's get_mcf(ring) (fit_order 1, n_step 2): the momentum
// compaction factor from the path lengthening of the 4D closed orbits at
// dp = ±DPStep/2, tracked one turn, divided by the lattice length. The
// lattice should be 4D (Disable6D).
func GetMCF(lat *tracking.Lattice, opt *Options) (float64, error) {
	h := opt.dpStep()
	var parts []Vec6
	for _, dp := range []float64{-h / 2, h / 2} {
		o, err := orbitDP(lat, dp, opt)
		if err != nil {
			return 0, fmt.Errorf("get_mcf: find_orbit4 at dp %g: %w", dp, err)
		}
		parts = append(parts, o)
	}
	out, _, err := trackOnce(lat, parts, nil, opt)
	if err != nil {
		return 0, fmt.Errorf("get_mcf: %w", err)
	}
	slope := (out[1][5] - out[0][5]) / (out[1][4] - out[0][4])
	return slope / lat.Length(), nil
}

// GetSlipFactor is PyAT's get_slip_factor: 1/gamma^2 - GetMCF.
func GetSlipFactor(lat *tracking.Lattice, opt *Options) (float64, error) {
	a, err := GetMCF(lat, opt)
	if err != nil {
		return 0, err
	}
	g := gamma(lat)
	return 1.0/g/g - a, nil
}
