//go:build cuda

package cuda

import (
	"errors"
	"fmt"

	"gorgonia.org/cu"
)

// DeviceInfo describes one GPU the CUDA driver makes visible to this
// process.
type DeviceInfo struct {
	// Ordinal is the GPU's number for Open and device.Config.GPU.
	Ordinal int
	// Name is the GPU's product name.
	Name string
	// Major and Minor are the GPU's compute capability.
	Major, Minor int
	// SMs is the number of streaming multiprocessors.
	SMs int
	// TotalMem is the GPU's memory in bytes.
	TotalMem int64
}

// String describes the GPU on one line: ordinal, name, compute capability,
// multiprocessors and memory.
func (d DeviceInfo) String() string {
	return fmt.Sprintf("GPU %d: %s, compute capability %d.%d, %d SMs, %.1f GiB",
		d.Ordinal, d.Name, d.Major, d.Minor, d.SMs, float64(d.TotalMem)/(1<<30))
}

// Devices lists the GPUs the CUDA driver makes visible to this process
// (those CUDA_VISIBLE_DEVICES leaves). It only queries the driver: no
// context is created and no module loaded. It fails when the driver
// cannot be queried or sees no GPU.
func Devices() ([]DeviceInfo, error) {
	n, err := cu.NumDevices()
	if err != nil {
		return nil, fmt.Errorf("cuda: count GPUs: %w", err)
	}
	if n == 0 {
		return nil, errors.New("cuda: the driver sees no GPU (check CUDA_VISIBLE_DEVICES and the container's device access)")
	}
	out := make([]DeviceInfo, n)
	for i := range out {
		d, err := cu.GetDevice(i)
		if err != nil {
			return nil, fmt.Errorf("cuda: GPU %d: %w", i, err)
		}
		info := DeviceInfo{Ordinal: i}
		if info.Name, err = d.Name(); err != nil {
			return nil, fmt.Errorf("cuda: GPU %d: name: %w", i, err)
		}
		if info.Major, info.Minor, err = d.ComputeCapability(); err != nil {
			return nil, fmt.Errorf("cuda: GPU %d (%s): compute capability: %w", i, info.Name, err)
		}
		if info.SMs, err = d.Attribute(cu.MultiprocessorCount); err != nil {
			return nil, fmt.Errorf("cuda: GPU %d (%s): multiprocessor count: %w", i, info.Name, err)
		}
		if info.TotalMem, err = d.TotalMem(); err != nil {
			return nil, fmt.Errorf("cuda: GPU %d (%s): memory size: %w", i, info.Name, err)
		}
		out[i] = info
	}
	return out, nil
}
