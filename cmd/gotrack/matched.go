package main

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/optics"
)

// matchedSummary is what summary.json says of a matched beam.
type matchedSummary struct {
	// Source is "equilibrium" (the radiation equilibrium's beam matrix)
	// or "twiss" (the Twiss functions and the given sizes).
	Source string `json:"source"`
	// Sigma is the 6x6 beam matrix, rows first; Orbit the closed orbit
	// the beam is centred on.
	Sigma [][]float64 `json:"sigma66"`
	Orbit []float64   `json:"orbit"`
	// EmitX, EmitY, SigmaE and SigmaL are the sizes given (twiss only).
	EmitX  *float64 `json:"emit_x,omitempty"`
	EmitY  *float64 `json:"emit_y,omitempty"`
	SigmaE *float64 `json:"sigma_e,omitempty"`
	SigmaL *float64 `json:"sigma_l,omitempty"`
}

// matchedBeam is the matched beam matrix and the sizes that made it.
type matchedBeam struct {
	*optics.Matched
	sizes *optics.BeamSizes
}

func (m *matchedBeam) summary() *matchedSummary {
	s := &matchedSummary{Source: m.Source, Sigma: rows6(m.Sigma), Orbit: m.Orbit[:]}
	if z := m.sizes; z != nil {
		s.EmitX, s.EmitY, s.SigmaE, s.SigmaL = &z.EmitX, &z.EmitY, &z.SigmaE, &z.SigmaL
	}
	return s
}

// matchBeam computes the beam matrix matched to lat for --matched: the
// equilibrium of a radiating lattice, else the Twiss functions and the
// four sizes, which must all be given (sizeFlags counts those given). It
// also checks that the matrix is a covariance, so that drawing the beam
// (on one MPI rank only) cannot fail.
func matchBeam(lat *tracking.Lattice, f *trackFlags, sizeFlags int) (*matchedBeam, error) {
	var sizes *optics.BeamSizes
	if sizeFlags > 0 {
		if sizeFlags < 4 {
			return nil, fmt.Errorf("--matched: give all of --emit-x, --emit-y, --sigma-e and --sigma-l (%d of 4 given)", sizeFlags)
		}
		sizes = &f.sizes
	}
	m, err := optics.MatchedSigma(lat, sizes, &optics.Options{Device: matchDevice(f.device)})
	if err != nil {
		return nil, fmt.Errorf("--matched: %w", err)
	}
	if _, err := optics.GaussianBeamFrom(0, m.Sigma, m.Orbit, f.seed); err != nil {
		return nil, fmt.Errorf("--matched: %w", err)
	}
	return &matchedBeam{Matched: m, sizes: sizes}, nil
}

// matchDevice is the backend of the matching's few-particle tracking: the
// CPU default unless a CPU backend was named (a GPU gains nothing on 13
// particles).
func matchDevice(dev string) string {
	switch dev {
	case "cpu", "cpu-go":
		return dev
	}
	return ""
}
