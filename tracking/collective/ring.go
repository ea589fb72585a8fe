package collective

import "github.com/gotrack/gotrack/device"

// Ring is what collective elements need to know of the run: AT's
// Param->nbunch, bunch_currents, bunch_spos, beam_current, RingLength, and
// the part of the beam this process holds.
type Ring struct {
	// NBunch is the number of bunches; particle i is in bunch i mod
	// NBunch.
	NBunch int
	// Currents and Spos are the current [A] and the s position [m] of
	// each bunch (tracking.Lattice.Bunches).
	Currents []float64
	Spos     []float64
	// BeamCurrent is the lattice's beam current [A].
	BeamCurrent float64
	// RingLength is the length of the ring [m].
	RingLength float64
	// Turns is the number of turns of the Track call (AT's num_turns).
	Turns int
	// First is the global index of this process's first particle.
	First int
	// Total is the number of particles of the whole beam, lost ones
	// included.
	Total int
	// Exchange combines partial sums across processes (nil for one
	// process).
	Exchange device.Exchange
}

// population returns AT's np_bunch: the number of particles of each bunch,
// lost ones included (particle i is in bunch i mod nbunch).
func (r *Ring) population() []float64 {
	np := make([]float64, r.NBunch)
	for b := range np {
		c := r.Total / r.NBunch
		if b < r.Total%r.NBunch {
			c++
		}
		np[b] = float64(c)
	}
	return np
}
