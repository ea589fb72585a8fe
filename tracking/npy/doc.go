// Package npy reads and writes numpy's .npy files (numpy.lib.format), the
// format of gotrack's beams and outputs: Save and Write as numpy.save does,
// LoadFloat64 and ReadFloat64 for float arrays of either byte order and
// either memory order (as numpy.load), and Writer, which streams an array
// too large to hold in memory to disk as it is computed.
package npy
