//go:build cuda

// Package cuda is gotrack's GPU backend, registered with package device
// as "cuda" (priority 10, above the CPU backend). It is compiled only with
// the build tag cuda and is the only package that imports
// gorgonia.org/cu.
//
// The backend runs the kernels of package kernels: their PTX, chosen for
// the GPU's compute capability, is loaded once per process and GPU (the
// driver JIT-compiles it for the device). The beam lives in GPU memory as
// the kernels' structure of arrays; Program.Run launches the fused
// kernel gt_segment over all particles, one thread each, 256 per block.
//
// All driver calls run on one goroutine locked to its OS thread, on which
// the GPU's primary context is current; the exported methods may be called
// from any goroutine.
//
// Beams implement device.Collective (collective.go): extents, fixed-point
// sums and wake kicks run as kernels on the particles in GPU memory, and
// only their small inputs and results cross the bus; accumulators are
// combined in GPU memory when the exchange is a CUDA-aware
// device.DeviceExchange.
//
// Beams that do not fit in free GPU memory (with the monitor buffer of a
// run) are tracked in batches that do, one after the other, and merged.
// Long runs are cut into launches of a bounded amount of work; between
// launches, when more than half of the particles on the GPU are lost, the
// live ones are gathered so that later launches do not spend threads on
// lost particles. Neither changes any result: every particle sees the same
// operations in the same order.
//
// Importing this package needs a CUDA driver at run time: gorgonia.org/cu
// calls cuInit in its package initialisation and ends the process when no
// GPU is usable. That is why the default gotrack binary does not import
// it, and hands over to a separately built gotrack-cuda when a GPU is
// present (see cmd/gotrack).
package cuda
