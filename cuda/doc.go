// Package cuda is gotrack's GPU backend, registered with package device
// as "cuda" (priority 10, above the CPU backend). The backend is compiled
// only with the build tag cuda and is the only package that imports
// gorgonia.org/cu; with the tag nvrtc (without cuda) the package holds
// just the run-time compilation of programmable elements, and without
// either tag only the pure choice of block sizes (blocksize.go), so that
// its tests run anywhere.
//
// # Kernels
//
// The backend runs the kernels of package kernels, in two modules. Open
// loads the segment module (the fused kernel gt_segment and the whole-beam
// kernels) as its fat binary: machine code for sm_80 and sm_90, so that
// A100s, H100s and their kin run it without JIT compilation, and the
// compute_90 PTX, which the driver JIT-compiles on newer GPUs. The
// elements module (gt_elem_<Method>, one kernel per passmethod) is loaded
// on the first per-element launch (RunElement, RunElements) only. With
// GOTRACK_CUDA_MODULE=ptx both are loaded from their PTX instead (the JIT
// path, for diagnosis and to measure it). Loads go through
// cuModuleLoadDataEx with the JIT's error and information logs, which a
// load error carries; each load's wall time is kept (ModuleLoadTimes, and
// Describe).
//
// The beam lives in GPU memory as the kernels' structure of arrays;
// Program.Run launches gt_segment over all particles, one thread each.
// Each kernel's block size is chosen once, from its maximum threads per
// block and the driver's occupancy figures (the most threads resident per
// multiprocessor, at most 256, the kernels' __launch_bounds__); a beam too
// small to give every multiprocessor a block of that size is launched in
// smaller blocks (multiples of 32) spread over the multiprocessors.
//
// # Programmable elements
//
// CompilePush compiles a programmable element's CUDA C with NVRTC, which
// the package opens with dlopen on first use (GOTRACK_NVRTC, else
// libnvrtc.so.13, .12, .11.2, .so): the binary does not need libnvrtc to
// start, and runs on hosts with any CUDA release from 11.2 on.
//
// # Threads
//
// All driver calls run on one goroutine locked to its OS thread, on which
// the GPU's primary context is current; the exported methods may be called
// from any goroutine.
//
// # Whole-beam operations
//
// Beams implement device.Collective (collective.go): extents, fixed-point
// sums and wake kicks run as kernels on the particles in GPU memory, and
// only their small inputs and results cross the bus; accumulators are
// combined in GPU memory when the exchange is a CUDA-aware
// device.DeviceExchange, called with the GPU's context current on its
// thread.
//
// # Memory
//
// A beam that fits in free GPU memory lives there between runs. Beams that
// do not fit (with the monitor buffer of a run) are tracked in batches
// that do, one after the other, and merged. Long runs are cut into
// launches of a bounded amount of work; between launches, when more than
// half of the particles on the GPU are lost, the live ones are gathered so
// that later launches do not spend threads on lost particles. Neither
// changes any result: every particle sees the same operations in the same
// order. After a run that batched or compacted, a beam that fits is put
// back on the GPU whole and in order. A Program keeps its refpts and
// monitor buffers and its timing events from one run to the next, so that
// the per-turn runs between fences and hooks allocate and free no device
// memory.
//
// Importing this package with the tag cuda needs a CUDA driver at run
// time: gorgonia.org/cu calls cuInit in its package initialisation and
// ends the process when no GPU is usable. That is why the default gotrack
// binary does not import it, and hands over to a separately built
// gotrack-cuda when a GPU is present (see cmd/gotrack).
package cuda
