package tracking

import (
	_ "embed"
	"fmt"
)

// hmbaJSON is one cell of the ESRF-EBS hybrid multi-bend achromat (PyAT's
// machine_data/hmba.mat, saved in AT JSON format).
//
//go:embed lattices/hmba.json
var hmbaJSON []byte

// DefaultLatticeFile is the name the embedded default lattice is read
// under; it is the File of DefaultLattice and DefaultRing.
const DefaultLatticeFile = "(embedded) lattices/hmba.json"

// DefaultLattice returns a fresh copy of gotrack's built-in lattice: one
// cell of the ESRF-EBS hybrid multi-bend achromat (HMBA) storage ring, 121
// elements at 6 GeV with periodicity 32, as PyAT loads it.
func DefaultLattice() *Lattice {
	lat, err := ParseLattice(hmbaJSON, DefaultLatticeFile)
	if err != nil {
		panic(fmt.Sprintf("tracking: embedded default lattice: %v", err))
	}
	return lat
}

// DefaultRing returns the full ESRF-EBS ring: the 32 cells of
// DefaultLattice one after the other (3872 elements, 843.977 m,
// periodicity 1).
func DefaultRing() *Lattice {
	cell := DefaultLattice()
	return cell.Repeat(cell.Periodicity)
}
