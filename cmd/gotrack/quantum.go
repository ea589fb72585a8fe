package main

import (
	"fmt"
	"io"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/optics"
)

// quantumSummary is summary.json's "quantum": how --quantum added quantum
// excitation.
type quantumSummary struct {
	// Method is the passmethod of the element added ("QuantDiffPass").
	Method string `json:"method"`
	// Element is its index in the lattice tracked (the last).
	Element int `json:"element"`
	// Lmatp is its 6x6 lower-triangular kick matrix, rows first: the
	// factor of the ring's quantum diffusion matrix.
	Lmatp [][]float64 `json:"lmatp"`
}

// radiateLattice applies --radiation and --quantum to lat: --radiation
// turns a 4D lattice 6D as PyAT's enable_6d does (a 6D one is left as it
// is, with a note); --quantum then appends the diffusion element of PyAT's
// gen_quantdiff_elem, computed on the closed orbit of the radiating
// lattice. Both are recorded in sum.
//
// gotrack adds quantum excitation as one QuantDiffPass element rather than
// by switching the magnets to their *QuantPass variants: the element
// gives each turn exactly the diffusion of the envelope computation
// (ohmi_envelope), so tracking converges to its equilibrium; it costs six
// normal deviates per particle per turn instead of a Poisson draw in every
// slice of every magnet, which keeps radiating runs as fast as classical
// ones on every backend. The *QuantPass magnets stay available in lattice
// files for the photon-by-photon model.
func radiateLattice(lat *tracking.Lattice, f *trackFlags, sum *summary, stderr io.Writer) (*tracking.Lattice, error) {
	if f.radiation {
		if lat.Is6D() {
			if !f.quiet {
				fmt.Fprintf(stderr, "gotrack: note: --radiation: the lattice is already 6D; left as it is\n")
			}
		} else {
			lat = optics.Enable6D(lat)
			sum.Radiation = true
		}
	}
	if !f.quantum {
		return lat, nil
	}
	if !optics.HasRadiation(lat) {
		return nil, fmt.Errorf("--quantum: the lattice has no radiating magnet, so no quantum excitation: add --radiation")
	}
	q, err := optics.WithQuantumDiffusion(lat, &optics.EnvelopeOptions{Options: optics.Options{Device: f.device, Backend: device.Config{Threads: f.threads}}})
	if err != nil {
		return nil, fmt.Errorf("--quantum: %w", err)
	}
	e := q.Elements[len(q.Elements)-1]
	v, _ := e.Get("Lmatp")
	sum.Quantum = &quantumSummary{Method: e.PassMethod, Element: len(q.Elements) - 1, Lmatp: v.([][]float64)}
	return q, nil
}
