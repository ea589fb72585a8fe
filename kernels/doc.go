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
// element.h is generated from package device (go generate ./device, see
// device/generate.go): the record gt_element from device.Element, the
// passmethod numbers GT_<Method> and the X-macros GT_FOR_EACH_METHOD and
// GT_FOR_EACH_ELEMENT_FIELD from device.Method, gt_params from
// device.Params. The same generator parses the GT_GLOBAL kernel
// declarations of *.cu and *.cuh and writes a typed Go launcher for each
// into package cuda (cuda/launch_gen.go). Edit package device, not
// element.h; after changing a kernel's parameters, run go generate
// ./device; CI fails when a generated file is stale.
//
// Naming: a C function that has a Go counterpart in package host (the Go
// engine's implementation of the same step) is named gt_ followed by the Go
// name in snake_case: an underscore before each upper-case letter, all in
// lower case, digits kept with their word (Go bndThinKick is
// gt_bnd_thin_kick, strRadKick gt_str_rad_kick, fastDrift gt_fast_drift,
// bendHxDrift6 gt_bend_hx_drift6, changePRef gt_change_p_ref). A Go method
// T.m is gt_<t>_<m> (quadFringe.atEntrance is gt_quad_fringe_at_entrance).
// The passmethods themselves are gt_pass_<Method> (AT's name, the
// device.Method), the kernels gt_<kernel> with the generated Go launcher
// launch<Kernel> in package cuda (gt_segment and launchSegment, gt_elem_<Method>
// and launchElem). C helpers without a Go counterpart keep a gt_ name of
// their own.
//
// "go generate ./kernels" runs nvcc for compute_80 and compute_90 and
// writes each module's PTX under ptx/, and ptxas assembles it into the fat
// binaries under fatbin/ (see generate.go); all are committed and
// embedded. Fatbin gives the CUDA backend a module's fat binary, PTX the
// PTX best suited to a device. No fast-math; FMA contraction is disabled
// (-fmad=false) because the CPU side does not fuse.
package kernels
