// Package device is the contract between gotrack's tracking engine and its
// backends (CPU, CUDA, and the multi-rank wrapper).
//
// It defines the flat element record shared bit for bit with the CUDA
// kernels (Element), the compiled lattice (Plan), the interfaces a backend
// implements (Backend, Program, Beam) and the registry through which
// backends make themselves known, the way database/sql drivers do.
//
// It also defines the whole-beam operations collective elements need
// (Collective: bunch extents, per-slice fixed-point sums, wake kicks), the
// exact accumulators behind them (AccAdd, AccFloat64), the Exchange that
// combines partial sums across processes, and the run-time compiled user
// elements of GPU backends (PushCompiler).
//
// Optional capabilities a backend may add are interfaces checked by type
// assertion: DiffusionMatrices (the quantum-excitation diffusion matrices
// of the radiating magnets, for the radiation equilibrium), implemented by
// the Go engine (host) and the kernel source on the CPU (kernels/cpu);
// package host's Diffusion computes them for any plan.
//
// The package imports the standard library only, so that every backend and
// the user-facing tracking package can depend on it.
package device
