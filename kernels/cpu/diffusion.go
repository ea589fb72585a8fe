//go:build cgo

package cpu

/*
#include "diffusion.h"
*/
import "C"

import (
	"fmt"
	"unsafe"

	"github.com/gotrack/gotrack/device"
)

// DiffusionMatrices implements device.DiffusionMatrices with the kernel
// source (diffusion.cuh's gt_element_diffusion) compiled by the host C
// compiler.
func (b *Backend) DiffusionMatrices(p *device.Plan, elements []int, orbits [][6]float64) ([]float64, error) {
	if err := device.CheckDiffusionRequest(p, elements, orbits); err != nil {
		return nil, fmt.Errorf("cpu: %w", err)
	}
	out := make([]float64, 36*len(elements))
	if len(elements) == 0 {
		return out, nil
	}
	if unsafe.Sizeof(p.Elements[0]) != unsafe.Sizeof(C.gt_element{}) {
		return nil, fmt.Errorf("cpu: device.Element is %d bytes, gt_element %d", unsafe.Sizeof(p.Elements[0]), unsafe.Sizeof(C.gt_element{}))
	}
	idx := make([]int64, len(elements))
	for k, i := range elements {
		if p.Elements[i].MaxOrder > C.GT_MAX_ORDER {
			return nil, fmt.Errorf("cpu: element %d: MaxOrder %d above the kernels' limit %d", i, p.Elements[i].MaxOrder, C.GT_MAX_ORDER)
		}
		idx[k] = int64(i)
	}
	orb := make([]float64, 6*len(orbits))
	for k := range orbits {
		copy(orb[6*k:], orbits[k][:])
	}
	pool := p.Pool
	if len(pool) == 0 {
		pool = []float64{0}
	}
	C.gt_diffusion_host((*C.gt_element)(unsafe.Pointer(&p.Elements[0])), (*C.double)(unsafe.Pointer(&pool[0])),
		C.int64_t(len(idx)), (*C.int64_t)(unsafe.Pointer(&idx[0])), (*C.double)(unsafe.Pointer(&orb[0])),
		(*C.double)(unsafe.Pointer(&out[0])))
	return out, nil
}
