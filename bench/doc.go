// Command bench measures gotrack's tracking speed in the units of PyAT's
// reference figures (particle-turns/s and particle-element passes/s) and
// prints a Markdown report with PyAT's numbers for the same case beside
// gotrack's.
//
//	go run ./bench                  # the CPU matrix, about two minutes on 2 cores
//	go run ./bench -quick           # fewer cases, for a smoke test
//	go run ./bench -out REPORT.md   # also write the report to a file
//
// The PyAT column is PyAT 0.8.1.dev32 measured with at.lattice_pass (C
// passmethods, gcc 12, plain and OpenMP builds) on a 2-core AMD EPYC VM,
// the kind gotrack's CI runs on. Compare only figures taken on the same
// machine kind.
//
// Beside it: bench/gpu (the GPU, build tag cuda), bench/mpi (weak scaling,
// build tag mpi) and bench/equilibrium (quantum excitation on hmba_6d and
// its lumped model against the linear theory, the envelope equilibrium and
// PyAT's own runs).
package main
