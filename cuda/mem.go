//go:build cuda

package cuda

import (
	"fmt"
	"unsafe"

	"gorgonia.org/cu"
)

// Device memory helpers; on the worker only. Each names what it moves in
// its errors.

// alloc allocates size bytes (at least 8) of device memory.
func alloc(what string, size int64) (cu.DevicePtr, error) {
	size = max(size, 8)
	p, err := cu.MemAlloc(size)
	if err != nil {
		return 0, fmt.Errorf("cuda: allocate %s (%d bytes): %w", what, size, err)
	}
	return p, nil
}

// free releases p when not zero and zeroes it.
func free(p *cu.DevicePtr) error {
	if *p == 0 {
		return nil
	}
	err := cu.MemFree(*p)
	*p = 0
	if err != nil {
		return fmt.Errorf("cuda: free device memory: %w", err)
	}
	return nil
}

// htod copies size bytes from host memory to the device.
func htod(what string, dst cu.DevicePtr, src unsafe.Pointer, size int64) error {
	if size == 0 {
		return nil
	}
	if err := cu.MemcpyHtoD(dst, src, size); err != nil {
		return fmt.Errorf("cuda: copy %s to the GPU (%d bytes): %w", what, size, err)
	}
	return nil
}

// dtoh copies size bytes from the device to host memory.
func dtoh(what string, dst unsafe.Pointer, src cu.DevicePtr, size int64) error {
	if size == 0 {
		return nil
	}
	if err := cu.MemcpyDtoH(dst, src, size); err != nil {
		return fmt.Errorf("cuda: copy %s from the GPU (%d bytes): %w", what, size, err)
	}
	return nil
}

// f64s, u8s and i64s return the address of a slice's first element (nil
// for an empty slice), for the copies above.
func f64s(s []float64) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

func u8s(s []uint8) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

func i64s(s []int64) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

// offset returns p advanced by n bytes.
func offset(p cu.DevicePtr, n int64) cu.DevicePtr { return p + cu.DevicePtr(n) }

// devBuf is a device buffer kept from one use to the next and grown when
// a use needs more; on the worker only. Growing does not keep the
// contents.
type devBuf struct {
	p   cu.DevicePtr
	cap int64 // bytes
}

// grow makes the buffer hold at least size bytes and returns it; what
// names it in errors.
func (b *devBuf) grow(what string, size int64) (cu.DevicePtr, error) {
	if size <= b.cap {
		return b.p, nil
	}
	if err := b.release(); err != nil {
		return 0, err
	}
	p, err := alloc(what, size)
	if err != nil {
		return 0, err
	}
	b.p, b.cap = p, size
	return p, nil
}

// release frees the buffer.
func (b *devBuf) release() error {
	b.cap = 0
	return free(&b.p)
}
