//go:build mpi

package main

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/mpi"
	"github.com/gotrack/gotrack/tracking"
)

// mpiSelftest adds the MPI ranks to the selftest command when started by
// a launcher with more than one rank: every rank runs the cases, each
// tracked through all ranks with mpi.Track on the --device backend (each
// rank on the GPU of its node-local rank with -tags cuda,mpi); rank 0
// alone compares and reports. MPI is stopped by finish.
func mpiSelftest(dev string) ([]selftestBackend, bool, func(), error) {
	if !mpi.Launched() {
		return nil, true, nil, nil
	}
	if err := mpi.Start(); err != nil {
		return nil, false, nil, err
	}
	if mpi.Size() < 2 {
		return nil, true, mpi.Stop, nil
	}
	// Without a usable GPU the ranks track on the CPU, unless --device
	// cuda asks for it (every rank takes the same branch: dev is the
	// same everywhere).
	gpus, err := visibleGPUs()
	if dev == "cuda" {
		if err := mpi.Agree(err); err != nil {
			mpi.Stop()
			return nil, false, nil, fmt.Errorf("mpi: %w", err)
		}
	} else if err != nil {
		gpus = 0
	}
	track := func(lat *tracking.Lattice, beam *tracking.Beam, opt tracking.Options) (*tracking.Result, error) {
		res, _, err := mpi.Track(lat, beam, opt)
		return res, err
	}
	b := selftestBackend{
		name:  fmt.Sprintf("mpi:%d", mpi.Size()),
		opt:   tracking.Options{Device: dev, Backend: device.Config{GPU: mpi.GPU(gpus)}},
		track: track,
	}
	return []selftestBackend{b}, mpi.Rank() == 0, mpi.Stop, nil
}
