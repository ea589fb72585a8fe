// Package harness holds tests of the kernel source compiled by the host C
// compiler, through the CPU backend of package kernels/cpu ("cpu" in cgo
// builds): the conformance suite, agreement with the Go engine ("cpu-go"),
// the C layout of the element record, the whole-beam operations and the
// programmable elements. It has no code of its own.
package harness
