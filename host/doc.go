// Package host is gotrack's CPU backend: AT's passmethods in pure Go, run in
// parallel over tiles of particles.
//
// Each passmethod family lives in its own file and registers its tile
// function with register in an init function. The engine (engine.go) cuts
// the beam into tiles that stay in cache, tracks each tile through a whole
// run of elements and turns, checks AT's loss rule after every element, and
// hands tiles to goroutines dynamically. Every particle's arithmetic is
// independent of the tiling and of the thread count, so results are
// bit-identical for any Threads and TileSize.
//
// Floating-point contraction: Go may fuse x*y+z into one FMA instruction
// (always on arm64, and on amd64 with GOAMD64=v3 or higher), which rounds
// once instead of twice and so departs from AT's C code compiled by gcc
// without FMA. Every floating-point product that feeds an addition or a
// subtraction in this package is therefore written float64(x*y), which
// the Go specification says forbids the fusion. Go's own math functions
// (Sin, Exp, ...) may still be fused on those targets: results then agree
// with PyAT within the conformance tolerances, not bit for bit with a
// GOAMD64=v1 build.
//
// Naming: the kernel source (package kernels) implements the same steps in
// C; a function here that has a C counterpart there is its Go name, and
// the C function is gt_ followed by that name in snake_case (an underscore
// before each upper-case letter, all in lower case, digits kept with their
// word): bndThinKick and gt_bnd_thin_kick, strRadKick and
// gt_str_rad_kick, fastDrift and gt_fast_drift, exYRot and gt_ex_y_rot. A
// method T.m corresponds to gt_<t>_<m> (quadFringe.atEntrance and
// gt_quad_fringe_at_entrance). The tile function of a passmethod
// (driftPass, ...) corresponds to gt_pass_<Method> (gt_pass_DriftPass).
//
// Importing the package registers the Go engine with package device as
// the backend "cpu-go" and, in builds without cgo, as "cpu" too; with cgo,
// "cpu" is the kernel source compiled by the host C compiler (package
// kernels/cpu), which gives PyAT's results bit for bit.
package host
