package kernels

// The PTX of segment.cu for each compute capability gotrack targets,
// committed under ptx/ and embedded (see ptx.go). genptx.sh runs nvcc with
// -ptx -fmad=false --std=c++14 in a fixed environment so that the output
// is reproducible; CI regenerates it and fails when it differs from the
// committed files.

//go:generate sh genptx.sh compute_80 ptx/segment_sm80.ptx
//go:generate sh genptx.sh compute_90 ptx/segment_sm90.ptx
