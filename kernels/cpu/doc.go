// Package cpu is gotrack's default CPU backend in builds with cgo: it
// compiles the CUDA C source of every passmethod (package kernels) with the
// host C compiler (C99, -O3, no FMA contraction, no fast-math) and
// registers it with package device as the backend "cpu", priority 0.
// Because the passmethods are AT's C code operation for operation, built
// with the same libm, the results are PyAT's bit for bit.
//
// As the Go engine (package host, registered as "cpu-go"), it cuts the
// beam into tiles that goroutines take from a shared counter; a C call
// tracks a tile through one pass element by element (tile.c), one dispatch
// per element per tile, each particle through the same operations as in
// the kernels' per-particle loop. Its beams implement device.Collective
// through the gcc build of kernels/collective.cuh, device.HostView (the
// beam is host memory), and the backend device.PushCompiler (programmable
// elements in CUDA C, compiled by the host C compiler at run time).
//
// Without cgo the package is empty, and package host registers the Go
// engine as "cpu" too. Import it for its side effect:
//
//	import _ "github.com/gotrack/gotrack/kernels/cpu"
package cpu
