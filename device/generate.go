package device

// The files that follow from this package's ABI (Element, Params and
// Method) are generated from it, so that it is their single source:
// kernels/element.h (the C declarations) and cuda/launch_gen.go (a typed
// launcher for every GT_GLOBAL kernel of kernels/*.cu and *.cuh). CI
// regenerates them and fails when they differ from the committed files.

//go:generate go run ./internal/genabi -src . -header ../kernels/element.h -kernels ../kernels -launch ../cuda/launch_gen.go
