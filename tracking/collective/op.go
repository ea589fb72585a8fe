package collective

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// Op is a compiled collective element.
type Op interface {
	// Apply runs the element on the beam for pass turn (0-based within
	// the Track call).
	Apply(beam device.Collective, r *Ring, turn int) error
	// Finish stores what the element computed into res, as element index
	// of the lattice, and its lasting state (a wake's turn history) back
	// into the element's attributes.
	Finish(el Element, index int, res *Results)
}

// Compile compiles a collective element of passmethod passMethod (one of
// PassMethods) for the ring r. Errors about one attribute are
// *AttrError.
func Compile(passMethod string, el Element, r *Ring) (Op, error) {
	a := attrs{el: el, passMethod: passMethod}
	switch passMethod {
	case WakeFieldPass:
		return compileWake(a, r)
	case BeamMomentsPass:
		return &beamMoments{}, nil
	case SliceMomentsPass:
		return compileSliceMoments(a, r)
	}
	return nil, fmt.Errorf("not a collective passmethod: %s", passMethod)
}
