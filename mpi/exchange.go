//go:build mpi

package mpi

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// Exchange combines buffers over all ranks of MPI_COMM_WORLD, in place,
// with MPI_Allreduce: it is the device.DeviceExchange through which the
// collective elements and diagnostics of a beam split over ranks combine
// their partial results (see tracking.Options.Exchange). Every method is
// collective: all ranks call it, in the same order, with buffers of the
// same length, and after it every rank holds the combined values. Errors
// of the MPI library are returned (MPI_ERRORS_RETURN), never aborts.
//
// Integer sums are exact and do not depend on the order of the additions:
// fixed-point accumulators (device.AccAdd) summed with SumInt64 give the
// same words, bit for bit, on any number of ranks.
type Exchange struct {
	aware bool
}

var _ device.DeviceExchange = (*Exchange)(nil)

// NewExchange returns the exchange of this job. It queries once whether
// the MPI library takes GPU device buffers (CUDAAware).
func NewExchange() *Exchange {
	aware, _ := CUDAAware()
	return &Exchange{aware: aware}
}

// SumInt64 sums buf over all ranks (MPI_SUM on MPI_INT64_T).
func (e *Exchange) SumInt64(buf []int64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tInt64, opSum); err != nil {
		return fmt.Errorf("mpi: sum of %d int64: %w", len(buf), err)
	}
	return nil
}

// SumFloat64 sums buf over all ranks (MPI_SUM on MPI_DOUBLE). Unlike
// SumInt64, the result depends on the order in which MPI adds the ranks'
// values, hence on the number of ranks: collective elements use
// fixed-point accumulators and SumInt64 instead.
func (e *Exchange) SumFloat64(buf []float64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tDouble, opSum); err != nil {
		return fmt.Errorf("mpi: sum of %d float64: %w", len(buf), err)
	}
	return nil
}

// MinFloat64 sets each element of buf to its smallest value over all
// ranks (MPI_MIN on MPI_DOUBLE).
func (e *Exchange) MinFloat64(buf []float64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tDouble, opMin); err != nil {
		return fmt.Errorf("mpi: minimum of %d float64: %w", len(buf), err)
	}
	return nil
}

// MaxFloat64 sets each element of buf to its largest value over all
// ranks (MPI_MAX on MPI_DOUBLE).
func (e *Exchange) MaxFloat64(buf []float64) error {
	if err := needStarted(); err != nil {
		return err
	}
	if err := allreduce(ptr(buf), len(buf), tDouble, opMax); err != nil {
		return fmt.Errorf("mpi: maximum of %d float64: %w", len(buf), err)
	}
	return nil
}

// DeviceAware reports whether the MPI library takes GPU device buffers
// (CUDAAware when the exchange was made). When false, GPU backends copy
// their buffers to host memory and call SumInt64.
func (e *Exchange) DeviceAware() bool { return e.aware }

// errNotDeviceAware is returned by SumInt64Device on an MPI library that is
// not CUDA-aware, which would read a device address as host memory.
var errNotDeviceAware = errors.New("the MPI library is not CUDA-aware: stage device buffers through host memory (SumInt64)")

// SumInt64Device sums n int64 at device address ptr over all ranks, in
// place in GPU memory: the device buffer goes straight to MPI_Allreduce.
// It returns an error, without touching the buffer, when DeviceAware is
// false or n is negative.
func (e *Exchange) SumInt64Device(ptr uintptr, n int) error {
	if err := needStarted(); err != nil {
		return err
	}
	if !e.aware {
		return fmt.Errorf("mpi: sum of %d int64 in device memory: %w", n, errNotDeviceAware)
	}
	if err := allreduceAddr(ptr, n, tInt64, opSum); err != nil {
		return fmt.Errorf("mpi: sum of %d int64 in device memory: %w", n, err)
	}
	return nil
}
