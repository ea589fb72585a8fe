//go:build cuda

package main

import (
	"fmt"
	"io"

	"github.com/gotrack/gotrack/cuda"
	"github.com/gotrack/gotrack/kernels"
)

// listGPUs prints one line per GPU the driver sees; a GPU whose compute
// capability the kernels do not cover is listed as not usable. It fails
// when no GPU is usable.
func listGPUs(stdout, _ io.Writer) error {
	ds, err := cuda.Devices()
	if err != nil {
		return fmt.Errorf("gpus: %w", err)
	}
	usable := 0
	for _, d := range ds {
		if _, _, err := kernels.PTX(kernels.SegmentModule, d.Major, d.Minor); err != nil {
			fmt.Fprintf(stdout, "%v (not usable: %v)\n", d, err)
			continue
		}
		usable++
		fmt.Fprintln(stdout, d)
	}
	if usable == 0 {
		return fmt.Errorf("gpus: none of the %d GPU(s) is usable", len(ds))
	}
	return nil
}
