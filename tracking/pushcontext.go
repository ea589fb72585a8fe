package tracking

import "github.com/gotrack/gotrack/device"

// PushContext is what a Go programmable element receives.
type PushContext struct {
	// Turn and Element locate the pass (Element is the lattice index).
	Turn, Element int
	// Lattice is the lattice being tracked.
	Lattice *Lattice
	// Coords are the beam's coordinates, Coords[k][i] coordinate k of
	// particle i; Lost marks lost particles, which the push must leave
	// alone. Particles the push sends beyond PyAT's limits are marked lost
	// at this element after it returns.
	Coords [6][]float64
	Lost   []bool
	// Params are the ring parameters (energy, particle, RingLength, T0).
	Params device.Params
	// Values are the element's user parameters.
	Values []float64
}
