// Package latfile reads a lattice from any of the file formats gotrack
// knows, chosen by the file's extension as PyAT's load_lattice chooses,
// or forced: PyAT's JSON (.json, package atjson), MATLAB AT files (.mat,
// package atmat), AT's one-element-per-line text files (.m, package
// atm) and MAD-X sequences (.madx, .seq, package madx). A file whose
// extension says nothing is recognised by its first bytes.
package latfile
