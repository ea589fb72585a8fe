package device

// Params are the ring-wide quantities AT passes to every integrator
// (its struct parameters).
type Params struct {
	Energy     float64 // reference energy [eV]
	RestEnergy float64 // particle rest energy [eV]; 0 for PyAT's 'relativistic'
	Charge     float64 // particle charge [e]
	RingLength float64 // sum of element lengths, left to right [m]
	T0         float64 // revolution time RingLength/c [s] (AT uses c even for beta < 1)
	Seed       uint64  // random-number seed of the run (device/rng's key)
	First      int64   // index in the whole beam of the beam's particle 0 (an MPI rank's first particle)
}

// Segment is a maximal run [Start, End) of plan elements that treat
// particles independently. The segments of a plan cover it in order; the
// element at the End of every segment but the last runs between segments
// (a collective or programmable element), so a segment may be empty.
type Segment struct {
	Start, End int
}

// Plan is a compiled lattice: the flat element table, the coefficient pool
// its records point into, the segments, and the ring parameters.
type Plan struct {
	Elements []Element
	Pool     []float64
	Segments []Segment
	Params   Params
}
