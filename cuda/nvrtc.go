//go:build cuda || nvrtc

package cuda

// A minimal binding of NVRTC, the CUDA runtime compiler, loaded with
// dlopen when the first programmable element is compiled: the binary has
// no NEEDED entry for libnvrtc, so that gotrack-cuda starts on hosts with
// any CUDA release from 11.2 to 13 (whose NVRTC sonames differ) or with
// none, as long as no programmable element is used. Only the nine entry
// points compilePushPTX needs are resolved; their C signatures are those of
// nvrtc.h, stable since CUDA 11.2 (nvrtc.h itself is not needed to build).

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

enum {
	GT_NVRTC_CREATE,
	GT_NVRTC_COMPILE,
	GT_NVRTC_LOG_SIZE,
	GT_NVRTC_LOG,
	GT_NVRTC_PTX_SIZE,
	GT_NVRTC_PTX,
	GT_NVRTC_DESTROY,
	GT_NVRTC_ERROR_STRING,
	GT_NVRTC_VERSION,
	GT_NVRTC_NFN
};

// gt_nvrtc holds the resolved entry points, in the order above.
typedef struct {
	void *fn[GT_NVRTC_NFN];
} gt_nvrtc;

typedef void *gt_nvrtc_prog; // nvrtcProgram

static void *gt_dlopen(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }

static const char *gt_dlerror(void) { return dlerror(); }

static void *gt_dlsym(void *h, const char *name) { return dlsym(h, name); }

static int gt_nvrtc_create(const gt_nvrtc *f, gt_nvrtc_prog *p, const char *src, const char *name)
{
	return ((int (*)(gt_nvrtc_prog *, const char *, const char *, int, const char *const *, const char *const *))
		f->fn[GT_NVRTC_CREATE])(p, src, name, 0, NULL, NULL);
}

static int gt_nvrtc_compile(const gt_nvrtc *f, gt_nvrtc_prog p, int n, char **opts)
{
	return ((int (*)(gt_nvrtc_prog, int, const char *const *))f->fn[GT_NVRTC_COMPILE])(p, n, (const char *const *)opts);
}

static int gt_nvrtc_log_size(const gt_nvrtc *f, gt_nvrtc_prog p, size_t *n)
{
	return ((int (*)(gt_nvrtc_prog, size_t *))f->fn[GT_NVRTC_LOG_SIZE])(p, n);
}

static int gt_nvrtc_log(const gt_nvrtc *f, gt_nvrtc_prog p, char *buf)
{
	return ((int (*)(gt_nvrtc_prog, char *))f->fn[GT_NVRTC_LOG])(p, buf);
}

static int gt_nvrtc_ptx_size(const gt_nvrtc *f, gt_nvrtc_prog p, size_t *n)
{
	return ((int (*)(gt_nvrtc_prog, size_t *))f->fn[GT_NVRTC_PTX_SIZE])(p, n);
}

static int gt_nvrtc_ptx(const gt_nvrtc *f, gt_nvrtc_prog p, char *buf)
{
	return ((int (*)(gt_nvrtc_prog, char *))f->fn[GT_NVRTC_PTX])(p, buf);
}

static int gt_nvrtc_destroy(const gt_nvrtc *f, gt_nvrtc_prog *p)
{
	return ((int (*)(gt_nvrtc_prog *))f->fn[GT_NVRTC_DESTROY])(p);
}

static const char *gt_nvrtc_error_string(const gt_nvrtc *f, int r)
{
	return ((const char *(*)(int))f->fn[GT_NVRTC_ERROR_STRING])(r);
}

static int gt_nvrtc_version(const gt_nvrtc *f, int *major, int *minor)
{
	return ((int (*)(int *, int *))f->fn[GT_NVRTC_VERSION])(major, minor);
}
*/
import "C"

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"unsafe"
)

// nvrtcEnv names the environment variable holding the path of the NVRTC
// library to use instead of searching for it by soname.
const nvrtcEnv = "GOTRACK_NVRTC"

// nvrtcSonames are the NVRTC libraries searched for, newest first: CUDA
// 13, 12, 11.2 to 11.8 (which all ship libnvrtc.so.11.2), and the
// unversioned development link.
var nvrtcSonames = []string{"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"}

// nvrtcSymbols are the entry points resolved, in the order of the
// GT_NVRTC_* indices above.
var nvrtcSymbols = [C.GT_NVRTC_NFN]string{
	"nvrtcCreateProgram", "nvrtcCompileProgram", "nvrtcGetProgramLogSize", "nvrtcGetProgramLog",
	"nvrtcGetPTXSize", "nvrtcGetPTX", "nvrtcDestroyProgram", "nvrtcGetErrorString", "nvrtcVersion",
}

// nvrtcInstallHint ends the error of a failed search.
const nvrtcInstallHint = "install the CUDA runtime compiler, e.g. the distribution's cuda-nvrtc-12-<minor> (or libnvrtc12) package or pip's nvidia-cuda-nvrtc-cu12, " +
	"or set " + nvrtcEnv + " to the path of a libnvrtc.so"

// nvrtcLib is an opened NVRTC library.
type nvrtcLib struct {
	fns          *C.gt_nvrtc // C memory, never freed (the library stays loaded)
	path         string      // what was passed to dlopen
	major, minor int         // nvrtcVersion
}

// String names the library and its version, for error messages.
func (l *nvrtcLib) String() string {
	return fmt.Sprintf("NVRTC %d.%d (%s)", l.major, l.minor, l.path)
}

// nvrtcError is a status other than NVRTC_SUCCESS returned by an NVRTC
// call.
type nvrtcError struct {
	code int
	text string // nvrtcGetErrorString's
}

func (e *nvrtcError) Error() string { return e.text }

// Is matches NVRTC errors by code, so that errors.Is(err,
// errNVRTCInvalidOption) holds for any library's NVRTC_ERROR_INVALID_OPTION.
func (e *nvrtcError) Is(target error) bool {
	t, ok := target.(*nvrtcError)
	return ok && t.code == e.code
}

// errNVRTCInvalidOption is NVRTC_ERROR_INVALID_OPTION, returned by
// nvrtcCompileProgram for an option (here: an architecture) this NVRTC
// does not know.
var errNVRTCInvalidOption = &nvrtcError{code: 5, text: "NVRTC_ERROR_INVALID_OPTION"}

// status converts an NVRTC result to an error (nil for NVRTC_SUCCESS).
func (l *nvrtcLib) status(r C.int) error {
	if r == 0 {
		return nil
	}
	text := fmt.Sprintf("NVRTC error %d", int(r))
	if s := C.gt_nvrtc_error_string(l.fns, r); s != nil {
		text = C.GoString(s)
	}
	return &nvrtcError{code: int(r), text: text}
}

var (
	// nvrtcLibMu guards nvrtcCur and nvrtcCurEnv.
	nvrtcLibMu sync.Mutex
	// nvrtcCur is the library opened for the value nvrtcCurEnv of
	// GOTRACK_NVRTC ("" for the soname search).
	nvrtcCur    *nvrtcLib
	nvrtcCurEnv string
)

// loadNVRTC returns the NVRTC library, opening it on first use (and again
// when GOTRACK_NVRTC changed since). When GOTRACK_NVRTC is set, that path
// is the only one tried: a library named explicitly is not silently
// replaced by another release found on the search path. Otherwise the
// sonames are tried in order. A failure is not remembered: a later call
// searches again.
func loadNVRTC() (*nvrtcLib, error) {
	env := os.Getenv(nvrtcEnv)
	nvrtcLibMu.Lock()
	defer nvrtcLibMu.Unlock()
	if nvrtcCur != nil && nvrtcCurEnv == env {
		return nvrtcCur, nil
	}
	cands := nvrtcSonames
	if env != "" {
		cands = []string{env}
	}
	var tried []string
	for _, c := range cands {
		l, err := openNVRTC(c)
		if err == nil {
			nvrtcCur, nvrtcCurEnv = l, env
			return l, nil
		}
		tried = append(tried, err.Error())
	}
	where := "tried " + strings.Join(tried, "; ")
	if env != "" {
		where = fmt.Sprintf("%s=%s: %s", nvrtcEnv, env, strings.Join(tried, "; "))
	}
	return nil, fmt.Errorf("NVRTC not found: %s (%s)", where, nvrtcInstallHint)
}

// openNVRTC opens the library path and resolves the entry points. Its
// errors name path and what is missing.
func openNVRTC(path string) (*nvrtcLib, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	h := C.gt_dlopen(cpath)
	if h == nil {
		return nil, fmt.Errorf("%s (%s)", path, dlerror())
	}
	fns := (*C.gt_nvrtc)(C.calloc(1, C.size_t(unsafe.Sizeof(C.gt_nvrtc{}))))
	var missing []string
	for i, name := range nvrtcSymbols {
		cname := C.CString(name)
		fns.fn[i] = C.gt_dlsym(h, cname)
		C.free(unsafe.Pointer(cname))
		if fns.fn[i] == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		// The handle is not closed: dlclose of a library that is not
		// NVRTC (or an incomplete one) gains nothing and may run its
		// destructors.
		C.free(unsafe.Pointer(fns))
		return nil, fmt.Errorf("%s (loaded, but lacks %s: not an NVRTC library of CUDA 11.2 or later)", path, strings.Join(missing, ", "))
	}
	l := &nvrtcLib{fns: fns, path: path}
	var major, minor C.int
	if err := l.status(C.gt_nvrtc_version(fns, &major, &minor)); err != nil {
		C.free(unsafe.Pointer(fns))
		return nil, fmt.Errorf("%s (nvrtcVersion: %w)", path, err)
	}
	l.major, l.minor = int(major), int(minor)
	return l, nil
}

// dlerror returns and clears the dynamic loader's last error.
func dlerror() string {
	if s := C.gt_dlerror(); s != nil {
		return C.GoString(s)
	}
	return "unknown dlopen error"
}

// nvrtcMu serialises NVRTC compilations (NVRTC 11.x does not promise that
// concurrent compilations are safe).
var nvrtcMu sync.Mutex

// nvrtcCompile compiles unit, named name in diagnostics, with options and
// returns its PTX and NVRTC's log. A compile error is the *nvrtcError of
// nvrtcCompileProgram (wrapped), with the log returned beside it. The
// library is loaded on first use; its absence is an error naming what was
// tried.
func nvrtcCompile(name, unit string, options []string) (ptx, log string, err error) {
	l, err := loadNVRTC()
	if err != nil {
		return "", "", err
	}
	nvrtcMu.Lock()
	defer nvrtcMu.Unlock()
	csrc, cname := C.CString(unit), C.CString(name)
	defer C.free(unsafe.Pointer(csrc))
	defer C.free(unsafe.Pointer(cname))
	var prog C.gt_nvrtc_prog
	if err := l.status(C.gt_nvrtc_create(l.fns, &prog, csrc, cname)); err != nil {
		return "", "", fmt.Errorf("%v: create program: %w", l, err)
	}
	defer C.gt_nvrtc_destroy(l.fns, &prog)

	// The options as a C array of C strings.
	copts := (**C.char)(C.calloc(C.size_t(max(len(options), 1)), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
	defer C.free(unsafe.Pointer(copts))
	opts := unsafe.Slice(copts, max(len(options), 1))
	for i, o := range options {
		opts[i] = C.CString(o)
		defer C.free(unsafe.Pointer(opts[i]))
	}
	cerr := l.status(C.gt_nvrtc_compile(l.fns, prog, C.int(len(options)), copts))

	log, lerr := nvrtcText(l, prog, false)
	if lerr != nil {
		log = fmt.Sprintf("(no log: %v)", lerr)
	}
	if cerr != nil {
		return "", log, fmt.Errorf("%v: %w", l, cerr)
	}
	if ptx, err = nvrtcText(l, prog, true); err != nil {
		return "", log, fmt.Errorf("%v: get PTX: %w", l, err)
	}
	return ptx, log, nil
}

// nvrtcText reads a NUL-terminated text of prog, its PTX when ptx is set,
// else its log, without the NUL.
func nvrtcText(l *nvrtcLib, prog C.gt_nvrtc_prog, ptx bool) (string, error) {
	var n C.size_t
	var r C.int
	if ptx {
		r = C.gt_nvrtc_ptx_size(l.fns, prog, &n)
	} else {
		r = C.gt_nvrtc_log_size(l.fns, prog, &n)
	}
	if err := l.status(r); err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	buf := (*C.char)(C.malloc(n))
	defer C.free(unsafe.Pointer(buf))
	if ptx {
		r = C.gt_nvrtc_ptx(l.fns, prog, buf)
	} else {
		r = C.gt_nvrtc_log(l.fns, prog, buf)
	}
	if err := l.status(r); err != nil {
		return "", err
	}
	// The size NVRTC reports counts the terminating NUL.
	return strings.TrimRight(C.GoStringN(buf, C.int(n)), "\x00"), nil
}
