//go:build mpi && !cuda

package main

// visibleGPUs returns 0: a build without CUDA uses no GPU, and every MPI
// rank keeps GPU ordinal 0 (which the CPU backend ignores).
func visibleGPUs() (int, error) { return 0, nil }

// gpuBuild is whether this MPI build has the CUDA backend.
const gpuBuild = false
