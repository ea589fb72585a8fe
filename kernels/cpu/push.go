//go:build cgo

package cpu

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>
#include "push.cuh"

typedef void (*gt_push_host_fn)(const gt_push_beam *, const gt_params *, const double *, int64_t, int64_t, int64_t,
                                int64_t, int64_t);

// gt_push_call calls the gt_push_host entry of a loaded shared object.
static void gt_push_call(void *fn, const gt_push_beam *b, const gt_params *p, const double *values, int64_t nvalues,
                         int64_t turn, int64_t element, int64_t lo, int64_t hi) {
	((gt_push_host_fn)fn)(b, p, values, nvalues, turn, element, lo, hi);
}

*/
import "C"

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels"
)

// pushCFlags are the flags the host C compiler gets for a programmable
// element's code (besides -shared -fPIC and the output): C99 and -O2, as
// before, no FMA contraction, undefined symbols (a
// missing gotrack_push) refused at link time, and calls to gotrack_push
// bound within the object (several elements are loaded at once).
var pushCFlags = []string{"-std=c99", "-O2", "-ffp-contract=off", "-Werror=implicit-function-declaration", "-Wl,-z,defs", "-Wl,-Bsymbolic"}

// CompilePush implements device.PushCompiler for the CPU backend:
// the element's CUDA C is wrapped by kernels.PushSource, compiled by the
// host C compiler into a shared object and loaded (see CompilePushIn); the
// temporary directory is removed once the object is loaded.
func (b *Backend) CompilePush(name, src string) (device.Push, error) {
	dir, err := os.MkdirTemp("", "gotrack-push-")
	if err != nil {
		return nil, fmt.Errorf("cpu: programmable element %q: %w", name, err)
	}
	defer os.RemoveAll(dir)
	p, err := compilePush(dir, name, src)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// CompilePushIn compiles the user source src of the programmable element
// name (defining gotrack_push, see kernels.PushSource) with the host C
// compiler ($CC, else gcc; C99, -O2, -ffp-contract=off) into a shared object in dir,
// and loads it with dlopen. The returned Push applies it to beams of the
// CPU backend, on the beam's goroutines. A compile error returns
// an error holding the compiler's output.
func CompilePushIn(dir, name, src string) (device.Push, error) {
	return compilePush(dir, name, src)
}

var _ device.PushCompiler = (*Backend)(nil)

// push is a programmable element compiled by the host C compiler.
type push struct {
	name   string
	mu     sync.Mutex
	handle unsafe.Pointer // dlopen handle; nil once closed
	fn     unsafe.Pointer // gt_push_host
}

func compilePush(dir, name, src string) (*push, error) {
	unit := filepath.Join(dir, "push.c")
	so := filepath.Join(dir, "push.so")
	if err := os.WriteFile(unit, []byte(kernels.PushSource(name, src)), 0o644); err != nil {
		return nil, fmt.Errorf("cpu: programmable element %q: write source: %w", name, err)
	}
	cc := []string{"gcc"}
	if f := strings.Fields(os.Getenv("CC")); len(f) > 0 {
		cc = f
	}
	args := append(append(cc[1:len(cc):len(cc)], pushCFlags...), "-fPIC", "-shared", "-o", so, unit, "-lm")
	cmd := exec.Command(cc[0], args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("cpu: compile programmable element %q (its source must define %s) with %s: %w; compiler output:\n%s",
			name, kernels.PushSignature, strings.Join(append(cc[:1:1], args...), " "), err, log.String())
	}
	cso := C.CString(so)
	defer C.free(unsafe.Pointer(cso))
	h := C.dlopen(cso, C.RTLD_NOW|C.RTLD_LOCAL)
	if h == nil {
		return nil, fmt.Errorf("cpu: programmable element %q: dlopen %s: %s", name, so, C.GoString(C.dlerror()))
	}
	csym := C.CString(kernels.PushHostFunc)
	defer C.free(unsafe.Pointer(csym))
	fn := C.dlsym(h, csym)
	if fn == nil {
		err := fmt.Errorf("cpu: programmable element %q: %s not found in %s: %s", name, kernels.PushHostFunc, so, C.GoString(C.dlerror()))
		C.dlclose(h)
		return nil, err
	}
	return &push{name: name, handle: h, fn: fn}, nil
}

// Apply runs the element on every live particle of beam (a beam of the
// CPU backend), over chunks of particles on several goroutines.
func (p *push) Apply(db device.Beam, ctx device.PushContext) error {
	hb, ok := db.(*beam)
	if !ok {
		return fmt.Errorf("cpu: programmable element %q: beam of type %T is not a kernel-source beam", p.name, db)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.handle == nil {
		return fmt.Errorf("cpu: programmable element %q: used after Close", p.name)
	}
	n := hb.n
	if n == 0 {
		return nil
	}
	cb, release, err := hb.descriptor()
	if err != nil {
		return err
	}
	defer release()
	pp := ctx.Params
	params := cParams(pp)
	var values *C.double
	if len(ctx.Values) > 0 {
		values = (*C.double)(unsafe.Pointer(&ctx.Values[0]))
	}
	nv, turn, elem := C.int64_t(len(ctx.Values)), C.int64_t(ctx.Turn), C.int64_t(ctx.Element)
	hb.each(hb.ranges(), func(_, lo, hi int) {
		C.gt_push_call(p.fn, (*C.gt_push_beam)(unsafe.Pointer(cb)), &params, values, nv, turn, elem, C.int64_t(lo), C.int64_t(hi))
	})
	return nil
}

// Close unloads the shared object. Later calls do nothing.
func (p *push) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.handle == nil {
		return nil
	}
	rc := C.dlclose(p.handle)
	p.handle, p.fn = nil, nil
	if rc != 0 {
		return fmt.Errorf("cpu: programmable element %q: dlclose: %s", p.name, C.GoString(C.dlerror()))
	}
	return nil
}
