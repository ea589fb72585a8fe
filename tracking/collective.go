package tracking

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// Collective passmethods: elements that need the whole beam. They run
// between segments (fences): the segment before finishes for every
// particle, the element computes from the whole distribution where the
// beam lives (device.Collective), and tracking resumes.
const (
	WakeFieldPass    = "WakeFieldPass"
	BeamMomentsPass  = "BeamMomentsPass"
	SliceMomentsPass = "SliceMomentsPass"
)

// isFence reports whether elements of this passmethod run between
// segments rather than in a backend's segment.
func isFence(passMethod string) bool {
	switch passMethod {
	case WakeFieldPass, BeamMomentsPass, SliceMomentsPass, ProgrammablePass:
		return true
	}
	return false
}

// ring is what collective elements need to know of the run: AT's
// Param->nbunch, bunch_currents, bunch_spos, beam_current, RingLength, and
// the part of the beam this process holds.
type ring struct {
	nbunch      int
	currents    []float64
	spos        []float64
	beamCurrent float64
	ringLength  float64
	turns       int // turns of this Track call (AT's num_turns)
	first       int // global index of this process's first particle
	total       int // particles of the whole beam, lost ones included
	ex          device.Exchange
}

// population returns AT's np_bunch: the number of particles of each bunch,
// lost ones included (particle i is in bunch i mod nbunch).
func (r *ring) population() []float64 {
	np := make([]float64, r.nbunch)
	for b := range np {
		c := r.total / r.nbunch
		if b < r.total%r.nbunch {
			c++
		}
		np[b] = float64(c)
	}
	return np
}

// collectiveOp is a compiled collective element.
type collectiveOp interface {
	// apply runs the element on the beam for pass turn (0-based within
	// the Track call).
	apply(beam device.Collective, r *ring, turn int) error
	// finish stores what the element computed into res and its lasting
	// state (a wake's turn history) back into the element's attributes.
	finish(el *Element, res *Result, index int)
}

// compileCollective compiles element i (a collective passmethod) for the
// ring r.
func compileCollective(el *Element, r *ring) (collectiveOp, error) {
	switch el.PassMethod {
	case WakeFieldPass:
		return compileWake(el, r)
	case BeamMomentsPass:
		return &beamMoments{}, nil
	case SliceMomentsPass:
		return compileSliceMoments(el, r)
	}
	return nil, fmt.Errorf("not a collective passmethod: %s", el.PassMethod)
}

// bounds sets AT's slicing bounds: ZCuts when given, else the extent of
// the live particles of each bunch, widened by 1e-12 when zero.
func bounds(beam device.Collective, r *ring, zcuts []float64, nslice int) (*device.Binning, error) {
	b := &device.Binning{NBunch: r.nbunch, First: r.first, NSlice: nslice,
		Lo: make([]float64, r.nbunch), Hi: make([]float64, r.nbunch), H: make([]float64, r.nbunch)}
	if zcuts != nil {
		for k := range b.Lo {
			b.Lo[k], b.Hi[k] = zcuts[0], zcuts[1]
		}
	} else {
		if err := beam.Extent(r.nbunch, r.first, b.Lo, b.Hi, r.ex); err != nil {
			return nil, err
		}
		for k := range b.Lo {
			if b.Lo[k] == b.Hi[k] {
				b.Lo[k] -= 1e-12
				b.Hi[k] += 1e-12
			}
		}
	}
	for k := range b.H {
		b.H[k] = (b.Hi[k] - b.Lo[k]) / float64(nslice)
	}
	return b, nil
}

// accumulate runs a whole-beam accumulation and returns, per bin, the
// particle count and the rounded sums of the terms.
func accumulate(beam device.Collective, b *device.Binning, terms []device.Term, ex device.Exchange) (counts []float64, sums [][]float64, err error) {
	stride := device.AccStride(len(terms))
	nb := b.Bins()
	buf := make([]int64, nb*stride)
	if err := beam.Accumulate(b, terms, buf, ex); err != nil {
		return nil, nil, err
	}
	counts = make([]float64, nb)
	sums = make([][]float64, nb)
	for i := 0; i < nb; i++ {
		row := buf[i*stride : (i+1)*stride]
		counts[i] = float64(row[0])
		sums[i] = make([]float64, len(terms))
		for j := range terms {
			sums[i][j] = device.AccFloat64(row[1+j*device.AccWords : 1+(j+1)*device.AccWords])
		}
	}
	return counts, sums, nil
}
