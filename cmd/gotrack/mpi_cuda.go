//go:build mpi && cuda

package main

import (
	"fmt"

	"github.com/gotrack/gotrack/cuda"
)

// visibleGPUs returns the number of GPUs this process sees, among which
// each MPI rank picks its own (mpi.GPU).
func visibleGPUs() (int, error) {
	n, err := cuda.DeviceCount()
	if err != nil {
		return 0, fmt.Errorf("choose this rank's GPU: %w", err)
	}
	return n, nil
}

// gpuBuild is whether this MPI build has the CUDA backend.
const gpuBuild = true
