// Package differential keeps gotrack's two implementations of every
// passmethod in step: the Go engine (package host, device backend
// "cpu-go") and the CUDA C kernel source compiled by gcc (package
// kernels/cpu, device backend "cpu" in cgo builds, whose tiled integrators
// in tile.c it exercises too).
//
// Its tests (cgo only) draw random element records for every passmethod
// and every option AT's integrators read (fringe models, KickAngle,
// ByError, thin cavities, misalignments, apertures, FieldScaling,
// NumIntSteps, PolynomA/B up to MaxOrder 15), track random particles,
// some near the apertures and some at large amplitude, one pass through
// both backends, and require the coordinates to agree to
// 1e-13·(1+|x|) and the loss records to be identical. TestDifferential
// is seeded and short by default (GOTRACK_LONG_TESTS=1 draws many more
// cases); FuzzDifferential explores the same space from fuzzer seeds.
//
// scripts/kernel-coverage.sh runs these tests with the kernels built for
// gcov to measure the line coverage of kernels/*.cuh.
package differential
