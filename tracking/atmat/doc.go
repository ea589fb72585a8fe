// Package atmat reads AT lattices from MATLAB .mat files (level 5, as
// saved by MATLAB with -v6 or -v7) the way PyAT's at.load_mat does: the
// variable holding the lattice, the element class inferred by PyAT's
// find_class, the attribute conversions of PyAT's element classes, and
// the ring properties (name, energy, particle, periodicity, harmonic
// number) taken from a RingParam element, the RF cavities and the
// dipoles. The result is the same tracking.Lattice that tracking/atjson
// reads from the JSON file PyAT writes for that lattice.
//
// The MAT-specific part is here (the MAT values and their conversions,
// find_class, the variable and element in errors); the element
// construction and the ring properties, shared with the .m reader, are
// in tracking/internal/pyatelem. The MAT decoder itself is in
// internal/mat5 and uses only the standard
// library. MAT 7.3 (HDF5) files are not supported.
package atmat
