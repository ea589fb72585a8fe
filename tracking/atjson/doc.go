// Package atjson reads and writes AT lattices in PyAT's JSON format
// ("atjson": 1, what PyAT's Lattice.save writes and load_lattice reads):
// LoadLattice, ReadLattice and ParseLattice read one into a
// tracking.Lattice, SaveLattice and WriteLattice write one back, with
// floats in Python's repr form so that a round trip is exact. Malformed
// input gives a *tracking.ElementError (or an error naming the file),
// never a panic.
package atjson
