//go:build mpi

package mpi

import (
	"fmt"
	"io"
	"sync"
)

// Reducer sums buffers over all ranks, in place, for collective elements
// (beam moments, wakes): after the call every rank holds the sum. It is
// collective: every rank calls it with buffers of the same length.
type Reducer interface {
	SumFloat64(buf []float64) error
	SumInt64(buf []int64) error
}

// hostReducer is the staged path: the buffers are in host memory
// (a GPU backend copies its device buffers there first) and reduced with
// MPI_Allreduce.
type hostReducer struct{}

func (hostReducer) SumFloat64(buf []float64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tDouble, opSum); err != nil {
		return fmt.Errorf("mpi: sum of %d float64: %w", len(buf), err)
	}
	return nil
}

func (hostReducer) SumInt64(buf []int64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tInt64, opSum); err != nil {
		return fmt.Errorf("mpi: sum of %d int64: %w", len(buf), err)
	}
	return nil
}

// CUDAAware reports whether the MPI library can take GPU device buffers:
// built with CUDA support (mpi-ext.h's MPIX_CUDA_AWARE_SUPPORT) and
// MPIX_Query_cuda_support() true at run time. It also returns a line
// saying why.
func CUDAAware() (bool, string) {
	compiled, query := cudaAware()
	switch {
	case query < 0:
		return false, "this MPI has no CUDA extension (no MPIX_CUDA_AWARE_SUPPORT in mpi-ext.h)"
	case !compiled:
		return false, fmt.Sprintf("this MPI was built without CUDA support (MPIX_CUDA_AWARE_SUPPORT 0, MPIX_Query_cuda_support() = %d)", query)
	case query == 0:
		return false, "this MPI was built CUDA-aware but MPIX_Query_cuda_support() = 0 at run time"
	}
	return true, "MPIX_Query_cuda_support() = 1"
}

var reportOnce sync.Once

// NewReducer returns the reducer for this job. The first call writes to
// w, on rank 0 only, which path the reductions take. Only the staged path
// exists so far: buffers reduced in host memory (a GPU backend stages its
// device buffers through the host), whether or not the MPI library is
// CUDA-aware.
func NewReducer(w io.Writer) Reducer {
	reportOnce.Do(func() {
		if w == nil || Rank() != 0 {
			return
		}
		aware, why := CUDAAware()
		if aware {
			fmt.Fprintf(w, "gotrack: MPI reductions staged through host memory (the MPI is CUDA-aware: %s; device buffers are not passed to it yet)\n", why)
		} else {
			fmt.Fprintf(w, "gotrack: MPI reductions staged through host memory (%s)\n", why)
		}
	})
	return hostReducer{}
}
