// Package madx reads MAD-X lattice files and builds the AT lattice that
// PyAT's at.load_madx builds from them (pyat/at/load/madx.py).
//
// See the full description of the subset and of the deviations from PyAT
// below (work in progress).
package madx
