package kernels

// The kernels are two modules: segment (segment.cu: the fused gt_segment
// and the whole-beam kernels) and elements (elements.cu: gt_elem_<Method>,
// loaded only when used). For each, genptx.sh writes the PTX for
// compute_80 and compute_90 under ptx/ (nvcc -ptx -fmad=false
// --std=c++14, in a fixed environment so that the output is reproducible),
// and genfatbin.sh assembles it with ptxas into sm_80 and sm_90 machine
// code and packs that and the compute_90 PTX into fatbin/<module>.fatbin,
// which the CUDA backend loads (see Fatbin in ptx.go). CI regenerates all of it
// and fails when it differs from the committed files.

//go:generate sh genptx.sh segment compute_80 ptx/segment_sm80.ptx
//go:generate sh genptx.sh segment compute_90 ptx/segment_sm90.ptx
//go:generate sh genptx.sh elements compute_80 ptx/elements_sm80.ptx
//go:generate sh genptx.sh elements compute_90 ptx/elements_sm90.ptx
//go:generate sh genfatbin.sh segment
//go:generate sh genfatbin.sh elements
