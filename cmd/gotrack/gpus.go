package main

import (
	"io"

	"github.com/spf13/cobra"
)

// newGPUsCmd returns the gpus command: it initialises the CUDA driver and
// lists the GPUs this gotrack can use, one line each, exiting non-zero
// with the reason when there is none. The default gotrack hands track over
// to gotrack-cuda only after "gotrack-cuda gpus" succeeds. listGPUs is
// defined by gpus_cuda.go or gpus_nocuda.go.
func newGPUsCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "gpus",
		Short: "List the GPUs this gotrack can use (exit status 1 and the reason when none)",
		Long: `gpus initialises the CUDA driver and prints one line per GPU: ordinal,
name, compute capability, multiprocessors and memory. It exits with status
1, printing the reason, when no GPU is usable. A gotrack without a CUDA
backend runs the gotrack-cuda beside it, if any, and reports what it says.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return listGPUs(stdout, stderr)
		},
	}
}
