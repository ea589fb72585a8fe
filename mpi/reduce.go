//go:build mpi

package mpi

import (
	"fmt"
	"io"
	"sync"

	"github.com/gotrack/gotrack/device"
)

// Reducer is the one interface through which collective elements and
// diagnostics reduce across ranks, in place: exact integer sums (the
// fixed-point accumulators of device.AccAdd), minima and maxima, sums of
// GPU device buffers on a CUDA-aware MPI (device.DeviceExchange), and
// floating-point sums. All its methods are collective: every rank calls
// them with buffers of the same length, and after a call every rank holds
// the result.
type Reducer interface {
	device.DeviceExchange
	SumFloat64(buf []float64) error
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

// NewReducer returns the reducer of this job, an *Exchange. The first
// call writes to w, on rank 0 only, which path reductions of GPU buffers
// take: device buffers passed straight to MPI when the library is
// CUDA-aware (CUDAAware), else staged through host memory. Host buffers
// (the CPU backend) always go to MPI directly.
func NewReducer(w io.Writer) Reducer {
	ex := NewExchange()
	reportOnce.Do(func() {
		if w == nil || Rank() != 0 {
			return
		}
		fmt.Fprintln(w, "gotrack: "+reducePath(ex.DeviceAware()))
	})
	return ex
}

// reducePath says which path reductions take, and why.
func reducePath(aware bool) string {
	_, why := CUDAAware()
	if aware {
		return fmt.Sprintf("MPI reductions pass GPU device buffers straight to MPI (CUDA-aware MPI: %s)", why)
	}
	return fmt.Sprintf("MPI reductions of GPU buffers staged through host memory (not a CUDA-aware MPI: %s)", why)
}
