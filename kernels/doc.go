// Package kernels holds gotrack's CUDA C sources and the PTX compiled from
// them.
//
// The passmethods are written once, in a C dialect that nvcc compiles for
// the GPU and gcc compiles for the CPU (kernels/cpu, the default CPU
// backend with cgo; kernels/harness runs the whole conformance suite
// through it): gotrack.h and element.h (the
// flat element record, identical to device.Element), one .cuh per
// passmethod family, passes.cuh (the dispatcher), collective.cuh (the
// whole-beam operations of device.Collective: kernels gt_extent,
// gt_accumulate and gt_kick, with fixed-point accumulators that give
// device.AccAdd's words), beam.cuh (the beam descriptor gt_beam and PyAT's
// loss rule), and the two modules: segment.cu (the fused segment kernel
// gt_segment and the whole-beam kernels) and elements.cu (one small kernel
// per passmethod, gt_elem_<Method>).
//
// "go generate ./kernels" runs nvcc for compute_80 and compute_90 and
// writes each module's PTX under ptx/, and ptxas assembles it into the fat
// binaries under fatbin/ (see generate.go); all are committed and
// embedded. Fatbin gives the CUDA backend a module's fat binary, PTX the
// PTX best suited to a device. No fast-math; FMA contraction is disabled
// (-fmad=false) because the CPU side does not fuse.
package kernels
