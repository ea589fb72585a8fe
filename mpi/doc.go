// Package mpi runs one tracking job over many MPI ranks.
//
// The beam is cut into contiguous slices, one per rank (the first N%K ranks
// one particle more, see Split); each rank tracks its slice with
// tracking.Track on its own backend (its GPU chosen from the node-local
// rank, see GPU), and the results are gathered on rank 0 in the input
// particle order, so that a run on K ranks gives the same numbers, bit for
// bit, as a run on one. Rank 0 also gets what each rank did (RankStat).
//
// Collective elements and diagnostics combine the ranks' partial results
// through an Exchange (the device.DeviceExchange that Track passes in
// tracking.Options): exact integer sums of fixed-point accumulators,
// minima and maxima, and on a CUDA-aware MPI sums of GPU device buffers.
//
// The MPI parts (Start, Track, Agree, Exchange, Reducer) need the build
// tag mpi, cgo and an MPI library (OpenMPI: libopenmpi-dev); this package
// is the only one in gotrack that imports github.com/sbromberger/gompi or
// MPI headers. Split, GPU and RankStat are plain Go and build without the
// tag.
package mpi
