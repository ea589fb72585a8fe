//go:build mpi

package mpi

// The MPI calls gompi lacks (Gatherv, Scatterv, Allreduce in place, also on
// device pointers, error returns, the CUDA-awareness query), on raw buffers
// of MPI_COMM_WORLD.

/*
#cgo pkg-config: ompi
#include <stdint.h>
#include <stdlib.h>
#include <mpi.h>
#if defined(__has_include)
#  if __has_include(<mpi-ext.h>)
#    include <mpi-ext.h>
#  endif
#endif

enum { GT_DOUBLE, GT_INT64, GT_BYTE };
enum { GT_SUM, GT_MAX, GT_MIN };

static MPI_Datatype gt_type(int t) {
	switch (t) {
	case GT_DOUBLE: return MPI_DOUBLE;
	case GT_INT64: return MPI_INT64_T;
	default: return MPI_BYTE;
	}
}

// gt_init initialises MPI when needed (calls serialized, from any thread:
// goroutines move between threads) and makes errors on MPI_COMM_WORLD
// return instead of aborting.
static int gt_init(int *provided) {
	int flag = 0;
	*provided = -1;
	MPI_Initialized(&flag);
	if (!flag) {
		int rc = MPI_Init_thread(NULL, NULL, MPI_THREAD_SERIALIZED, provided);
		if (rc != MPI_SUCCESS) return rc;
	}
	return MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
}

static int gt_finalized(void) { int f = 0; MPI_Finalized(&f); return f; }

static int gt_gatherv(void *send, int scount, void *recv, int *counts, int *displs, int t, int root) {
	return MPI_Gatherv(send, scount, gt_type(t), recv, counts, displs, gt_type(t), root, MPI_COMM_WORLD);
}

static int gt_scatterv(void *send, int *counts, int *displs, void *recv, int rcount, int t, int root) {
	return MPI_Scatterv(send, counts, displs, gt_type(t), recv, rcount, gt_type(t), root, MPI_COMM_WORLD);
}

static MPI_Op gt_op(int op) {
	switch (op) {
	case GT_MAX: return MPI_MAX;
	case GT_MIN: return MPI_MIN;
	default: return MPI_SUM;
	}
}

static int gt_allreduce(void *buf, int count, int t, int op) {
	return MPI_Allreduce(MPI_IN_PLACE, buf, count, gt_type(t), gt_op(op), MPI_COMM_WORLD);
}

// gt_allreduce_addr is gt_allreduce on a buffer given by its address, which
// may be GPU memory (a CUDA-aware MPI reads and writes it there). The
// address travels as an integer: Go never holds it as a pointer.
static int gt_allreduce_addr(uintptr_t buf, int count, int t, int op) {
	return MPI_Allreduce(MPI_IN_PLACE, (void *)buf, count, gt_type(t), gt_op(op), MPI_COMM_WORLD);
}

static int gt_bcast(void *buf, int count, int t, int root) {
	return MPI_Bcast(buf, count, gt_type(t), root, MPI_COMM_WORLD);
}

static void gt_error_string(int code, char *buf, int *len) {
	if (MPI_Error_string(code, buf, len) != MPI_SUCCESS) *len = 0;
}

static int gt_ibarrier(MPI_Request *req) { return MPI_Ibarrier(MPI_COMM_WORLD, req); }

static int gt_test(MPI_Request *req, int *done) { return MPI_Test(req, done, MPI_STATUS_IGNORE); }

static void gt_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

// gt_cuda_aware: -1 when this MPI has no CUDA extension (no mpi-ext.h or
// no MPIX_CUDA_AWARE_SUPPORT), else MPIX_Query_cuda_support() at run time.
static int gt_cuda_aware(int *compiled) {
#if defined(MPIX_CUDA_AWARE_SUPPORT)
	*compiled = MPIX_CUDA_AWARE_SUPPORT;
	return MPIX_Query_cuda_support();
#else
	*compiled = 0;
	return -1;
#endif
}
*/
import "C"

import (
	"fmt"
	"math"
	"time"
	"unsafe"
)

// MPI element types and operations of the C helpers.
const (
	tDouble = C.GT_DOUBLE
	tInt64  = C.GT_INT64
	tByte   = C.GT_BYTE
	opSum   = C.GT_SUM
	opMax   = C.GT_MAX
	opMin   = C.GT_MIN
)

// mpiError turns an MPI return code into an error naming the call, with
// the library's message (MPI_Error_string); nil for MPI_SUCCESS.
func mpiError(call string, rc C.int) error {
	if rc == C.MPI_SUCCESS {
		return nil
	}
	buf := make([]byte, C.MPI_MAX_ERROR_STRING)
	var n C.int
	C.gt_error_string(rc, (*C.char)(unsafe.Pointer(&buf[0])), &n)
	msg := string(buf[:max(int(n), 0)])
	if msg == "" {
		msg = "unknown MPI error"
	}
	return fmt.Errorf("mpi: %s: %s (code %d)", call, msg, int(rc))
}

// ptr returns the address of a slice's first element, nil for an empty
// slice (MPI never reads a zero count).
func ptr[T any](s []T) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

// cint converts a count to C int, failing beyond MPI's 2^31-1.
func cint(n int, what string) (C.int, error) {
	if n < 0 || n > math.MaxInt32 {
		return 0, fmt.Errorf("mpi: %s: count %d outside MPI's int range", what, n)
	}
	return C.int(n), nil
}

func cints(v []int, what string) ([]C.int, error) {
	out := make([]C.int, len(v))
	for i, x := range v {
		c, err := cint(x, what)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func cInit() error {
	var provided C.int
	if err := mpiError("MPI_Init_thread", C.gt_init(&provided)); err != nil {
		return err
	}
	if provided >= 0 && provided < C.MPI_THREAD_SERIALIZED {
		return fmt.Errorf("mpi: MPI_Init_thread: the library provides thread level %d, want MPI_THREAD_SERIALIZED (%d)", int(provided), int(C.MPI_THREAD_SERIALIZED))
	}
	return nil
}

func cFinalized() bool { return C.gt_finalized() != 0 }

// gatherv gathers count elements of type t at send from every rank into
// recv on root, rank r's at displs[r] (in elements).
func gatherv(send unsafe.Pointer, count int, recv unsafe.Pointer, counts, displs []int, t C.int, root int) error {
	sc, err := cint(count, "MPI_Gatherv")
	if err != nil {
		return err
	}
	var cc, cd []C.int
	if counts != nil {
		if cc, err = cints(counts, "MPI_Gatherv"); err != nil {
			return err
		}
		if cd, err = cints(displs, "MPI_Gatherv"); err != nil {
			return err
		}
	}
	return mpiError("MPI_Gatherv", C.gt_gatherv(send, sc, recv, (*C.int)(ptr(cc)), (*C.int)(ptr(cd)), t, C.int(root)))
}

// scatterv is the inverse of gatherv: rank r receives count elements from
// root's send at displs[r].
func scatterv(send unsafe.Pointer, counts, displs []int, recv unsafe.Pointer, count int, t C.int, root int) error {
	rc, err := cint(count, "MPI_Scatterv")
	if err != nil {
		return err
	}
	var cc, cd []C.int
	if counts != nil {
		if cc, err = cints(counts, "MPI_Scatterv"); err != nil {
			return err
		}
		if cd, err = cints(displs, "MPI_Scatterv"); err != nil {
			return err
		}
	}
	return mpiError("MPI_Scatterv", C.gt_scatterv(send, (*C.int)(ptr(cc)), (*C.int)(ptr(cd)), recv, rc, t, C.int(root)))
}

// allreduce reduces count elements at buf in place over all ranks.
func allreduce(buf unsafe.Pointer, count int, t, op C.int) error {
	c, err := cint(count, "MPI_Allreduce")
	if err != nil {
		return err
	}
	if c == 0 {
		return nil
	}
	return mpiError("MPI_Allreduce", C.gt_allreduce(buf, c, t, op))
}

// allreduceAddr is allreduce on the buffer at address addr, which may be
// GPU memory when the MPI library is CUDA-aware (the caller checks).
func allreduceAddr(addr uintptr, count int, t, op C.int) error {
	c, err := cint(count, "MPI_Allreduce")
	if err != nil {
		return err
	}
	if c == 0 {
		return nil
	}
	return mpiError("MPI_Allreduce", C.gt_allreduce_addr(C.uintptr_t(addr), c, t, op))
}

// bcast broadcasts count elements at buf from root.
func bcast(buf unsafe.Pointer, count int, t C.int, root int) error {
	c, err := cint(count, "MPI_Bcast")
	if err != nil {
		return err
	}
	return mpiError("MPI_Bcast", C.gt_bcast(buf, c, t, C.int(root)))
}

func cAbort(code int) { C.gt_abort(C.int(code)) }

// cudaAware reports whether the MPI library was built CUDA-aware
// (MPIX_CUDA_AWARE_SUPPORT) and, at run time, MPIX_Query_cuda_support():
// 1 or 0, or -1 when the library has no such query.
func cudaAware() (compiled bool, query int) {
	var c C.int
	q := C.gt_cuda_aware(&c)
	return c != 0, int(q)
}

// sleepyBarrier is MPI_Ibarrier polled with MPI_Test every poll, sleeping
// in between rather than spinning as a blocking MPI call does.
func sleepyBarrier(poll time.Duration) error {
	req := (*C.MPI_Request)(C.malloc(C.size_t(unsafe.Sizeof(C.MPI_Request(nil)))))
	defer C.free(unsafe.Pointer(req))
	if err := mpiError("MPI_Ibarrier", C.gt_ibarrier(req)); err != nil {
		return err
	}
	for {
		var done C.int
		if err := mpiError("MPI_Test", C.gt_test(req, &done)); err != nil {
			return err
		}
		if done != 0 {
			return nil
		}
		time.Sleep(poll)
	}
}
