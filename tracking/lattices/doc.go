// Package lattices holds gotrack's built-in lattice, embedded in the
// binary: one cell of the ESRF-EBS hybrid multi-bend achromat (Default),
// and the full ring of 32 cells (DefaultRing). It is what gotrack tracks
// when no lattice file is given.
package lattices
