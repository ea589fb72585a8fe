//go:build !cuda

package main

import (
	"fmt"
	"io"
)

// listGPUs, in a build without the CUDA backend, says so on stderr and
// reports what the gotrack-cuda beside this binary lists; it fails when
// there is no gotrack-cuda or when it cannot use a GPU.
func listGPUs(stdout, stderr io.Writer) error {
	path, err := gpuHandoff.beside()
	if err != nil {
		return fmt.Errorf("gpus: this gotrack has no CUDA backend and %w", err)
	}
	out, err := probeCUDA(path, gpuHandoff.timeout)
	if err != nil {
		return fmt.Errorf("gpus: this gotrack has no CUDA backend; %w", err)
	}
	fmt.Fprintf(stderr, "gotrack: this gotrack has no CUDA backend; %s reports:\n", path)
	_, err = io.WriteString(stdout, out)
	return err
}
