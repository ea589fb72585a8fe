// Package mat5 decodes MATLAB level 5 MAT-files (the format MATLAB writes
// with save -v6 or -v7): the 128-byte header, little- and big-endian
// data, zlib-compressed variables, and miMATRIX arrays of the classes
// cell, struct, char, logical and every numeric class, real or complex,
// of any dimensions. Sparse arrays, objects and MAT 7.3 (HDF5) files are
// reported as unsupported.
//
// Every size read from the file is checked against the bytes that remain,
// so that a corrupted dimension gives an error rather than a large
// allocation, and bad input never panics.
package mat5
