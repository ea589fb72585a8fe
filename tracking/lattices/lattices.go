package lattices

import (
	_ "embed"
	"fmt"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// hmbaJSON is one cell of the ESRF-EBS hybrid multi-bend achromat (PyAT's
// machine_data/hmba.mat, saved in AT JSON format).
//
//go:embed hmba.json
var hmbaJSON []byte

// DefaultFile is the name the embedded default lattice is read under; it
// is the File of Default and DefaultRing.
const DefaultFile = "(embedded) lattices/hmba.json"

// Default returns a fresh copy of gotrack's built-in lattice: one cell of
// the ESRF-EBS hybrid multi-bend achromat (HMBA) storage ring, 121
// elements at 6 GeV with periodicity 32, as PyAT loads it.
func Default() *tracking.Lattice {
	lat, err := atjson.ParseLattice(hmbaJSON, DefaultFile)
	if err != nil {
		// The file is embedded and read by the package's test: this is a
		// build that broke the embedded file, not user input.
		panic(fmt.Sprintf("lattices: embedded default lattice: %v", err))
	}
	return lat
}

// DefaultRing returns the full ESRF-EBS ring: the 32 cells of Default one
// after the other (3872 elements, 843.977 m, periodicity 1).
func DefaultRing() *tracking.Lattice {
	cell := Default()
	ring, err := cell.Repeat(cell.Periodicity)
	if err != nil {
		panic(fmt.Sprintf("lattices: embedded default ring: %v", err)) // 32 cells of 121 elements
	}
	return ring
}
