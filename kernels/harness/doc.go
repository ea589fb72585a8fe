// Package harness compiles gotrack's CUDA C passmethods and fused segment
// kernel with the host C compiler (cgo, gcc), CUDA qualifiers mapped away,
// and registers them as the device backend "kernels-gcc". The conformance
// suite then runs through the kernel source on machines without a GPU.
// Its beams implement device.Collective through the gcc build of
// kernels/collective.cuh, checked bit for bit against the contract by
// device/collectivetest.
//
// The backend has a negative priority: "auto" never picks it. It is meant
// for tests.
package harness
