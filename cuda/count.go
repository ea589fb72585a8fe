//go:build cuda

package cuda

import (
	"fmt"

	"gorgonia.org/cu"
)

// DeviceCount returns the number of GPUs the CUDA driver makes visible to
// this process (those CUDA_VISIBLE_DEVICES leaves), the ordinals valid for
// Open and device.Config.GPU being 0..DeviceCount()-1. An MPI run picks
// each rank's GPU from it (mpi.GPU).
func DeviceCount() (int, error) {
	n, err := cu.NumDevices()
	if err != nil {
		return 0, fmt.Errorf("cuda: count GPUs: %w", err)
	}
	return n, nil
}
