/* driver.c: a CPU stand-in for the CUDA driver (libcuda.so.1).
 *
 * It implements the driver API entry points that gorgonia.org/cu and
 * gotrack's cuda package call, on the host: one emulated device (compute
 * capability 9.0, 132 multiprocessors), device memory that is host memory
 * with an allocation table that refuses what a GPU refuses, modules that
 * hold the kernels compiled into this library from kernels/segment.cu and
 * kernels/elements.cu (or, for programmable elements, from the shared
 * object the NVRTC stand-in built), and a synchronous cuLaunchKernel that
 * runs those kernels block by block over a few OS threads. Every other
 * entry point a binary references is a stub (stubs.c, generated at build
 * time) that reports the call and returns CUDA_ERROR_NOT_SUPPORTED.
 *
 * It is for testing the host-side logic of the GPU backend (transfers,
 * batching, compaction, launches, error paths), not GPU numerics or
 * speed: see README.md. */
#define _GNU_SOURCE
#include <cuda.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "dialect.h"

/* The emulated device. */
#define SI_NAME "gotrack CPU stand-in (sm_90)"
#define SI_MAJOR 9
#define SI_MINOR 0
#define SI_SMS 132
#define SI_THREADS_PER_SM 2048
#define SI_REGS_PER_SM 65536
#define SI_BLOCKS_PER_SM 32
#define SI_WARP 32
#define SI_MAX_BLOCK 1024
#define SI_SHARED_PER_BLOCK GT_STANDIN_SHARED_BYTES
#define SI_SHARED_PER_SM (228 * 1024)
#define SI_DEFAULT_MEMORY (8ULL << 30)
#define SI_DRIVER_VERSION 12020

/* Kernel tables compiled into this library (kernels_*.c). */
extern const gt_standin_kernel gt_standin_segment_kernels[];
extern const gt_standin_kernel gt_standin_elements_kernels[];

/* The thread coordinates the dialect declares (dialect.h). */
__thread gt_dim3 threadIdx, blockIdx, blockDim, gridDim;

static int initialized;
static unsigned long long memory_limit = SI_DEFAULT_MEMORY;
/* verbose: GOTRACK_STANDIN_VERBOSE; 1 explains refusals, 2 also traces
 * allocations and launches. */
static int verbose;

/* si_log prints a diagnostic of the stand-in on stderr when
 * GOTRACK_STANDIN_VERBOSE is set. */
static void si_log(const char *fmt, ...)
{
    if (!verbose) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("cuda-standin: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- Contexts: the primary context of device 0, current per OS thread. */

struct CUctx_st {
    int refs;
};

static struct CUctx_st primary;
static pthread_mutex_t ctx_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread CUcontext current;

#define NEED_INIT()                                         \
    do {                                                    \
        if (!initialized) return CUDA_ERROR_NOT_INITIALIZED; \
    } while (0)

#define NEED_CTX()                                            \
    do {                                                      \
        if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;  \
        if (current == NULL) return CUDA_ERROR_INVALID_CONTEXT; \
    } while (0)

/* parse_size reads a byte count with an optional K, M, G or T suffix. */
static unsigned long long parse_size(const char *s, unsigned long long def)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return def;
    switch (*end) {
    case 'k': case 'K': v <<= 10; break;
    case 'm': case 'M': v <<= 20; break;
    case 'g': case 'G': v <<= 30; break;
    case 't': case 'T': v <<= 40; break;
    }
    return v;
}

CUresult cuInit(unsigned int flags)
{
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    const char *m = getenv("GOTRACK_STANDIN_MEMORY");
    if (m && *m) memory_limit = parse_size(m, SI_DEFAULT_MEMORY);
    const char *v = getenv("GOTRACK_STANDIN_VERBOSE");
    verbose = v && *v ? atoi(v) : 0;
    if (v && *v && verbose == 0) verbose = 1;
    initialized = 1;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int *v)
{
    if (!v) return CUDA_ERROR_INVALID_VALUE;
    *v = SI_DRIVER_VERSION;
    return CUDA_SUCCESS;
}

static const struct {
    CUresult code;
    const char *name, *text;
} errors[] = {
    {CUDA_SUCCESS, "CUDA_SUCCESS", "no error"},
    {CUDA_ERROR_INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {CUDA_ERROR_OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {CUDA_ERROR_NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {CUDA_ERROR_INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {CUDA_ERROR_INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {CUDA_ERROR_INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {CUDA_ERROR_INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {CUDA_ERROR_NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {CUDA_ERROR_NOT_SUPPORTED, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
    {CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"},
    {CUDA_ERROR_INVALID_PTX, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {CUDA_ERROR_UNKNOWN, "CUDA_ERROR_UNKNOWN", "unknown error"},
};

CUresult cuGetErrorString(CUresult e, const char **s)
{
    if (!s) return CUDA_ERROR_INVALID_VALUE;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].code == e) {
            *s = errors[i].text;
            return CUDA_SUCCESS;
        }
    *s = NULL;
    return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuGetErrorName(CUresult e, const char **s)
{
    if (!s) return CUDA_ERROR_INVALID_VALUE;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].code == e) {
            *s = errors[i].name;
            return CUDA_SUCCESS;
        }
    *s = NULL;
    return CUDA_ERROR_INVALID_VALUE;
}

/* ---- The device. */

CUresult cuDeviceGetCount(int *n)
{
    NEED_INIT();
    if (!n) return CUDA_ERROR_INVALID_VALUE;
    *n = 1;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice *d, int ordinal)
{
    NEED_INIT();
    if (!d) return CUDA_ERROR_INVALID_VALUE;
    if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (!name || len <= 0) return CUDA_ERROR_INVALID_VALUE;
    snprintf(name, (size_t)len, "%s", SI_NAME);
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem(size_t *bytes, CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (!bytes) return CUDA_ERROR_INVALID_VALUE;
    *bytes = memory_limit;
    return CUDA_SUCCESS;
}

CUresult cuDeviceComputeCapability(int *major, int *minor, CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (!major || !minor) return CUDA_ERROR_INVALID_VALUE;
    *major = SI_MAJOR;
    *minor = SI_MINOR;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *v, CUdevice_attribute a, CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (!v || a <= 0 || a >= CU_DEVICE_ATTRIBUTE_MAX) return CUDA_ERROR_INVALID_VALUE;
    switch (a) {
    case CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK: *v = SI_MAX_BLOCK; break;
    case CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X: *v = 1024; break;
    case CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y: *v = 1024; break;
    case CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z: *v = 64; break;
    case CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X: *v = 2147483647; break;
    case CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y: *v = 65535; break;
    case CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z: *v = 65535; break;
    case CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK: *v = SI_SHARED_PER_BLOCK; break;
    case CU_DEVICE_ATTRIBUTE_TOTAL_CONSTANT_MEMORY: *v = 65536; break;
    case CU_DEVICE_ATTRIBUTE_WARP_SIZE: *v = SI_WARP; break;
    case CU_DEVICE_ATTRIBUTE_MAX_PITCH: *v = 2147483647; break;
    case CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_BLOCK: *v = SI_REGS_PER_SM; break;
    case CU_DEVICE_ATTRIBUTE_CLOCK_RATE: *v = 1980000; break;
    case CU_DEVICE_ATTRIBUTE_TEXTURE_ALIGNMENT: *v = 512; break;
    case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *v = SI_SMS; break;
    case CU_DEVICE_ATTRIBUTE_CAN_MAP_HOST_MEMORY: *v = 1; break;
    case CU_DEVICE_ATTRIBUTE_CONCURRENT_KERNELS: *v = 1; break;
    case CU_DEVICE_ATTRIBUTE_ECC_ENABLED: *v = 1; break;
    case CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE: *v = 2619000; break;
    case CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH: *v = 5120; break;
    case CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE: *v = 50 << 20; break;
    case CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR: *v = SI_THREADS_PER_SM; break;
    case CU_DEVICE_ATTRIBUTE_UNIFIED_ADDRESSING: *v = 1; break;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *v = SI_MAJOR; break;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *v = SI_MINOR; break;
    case CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR: *v = SI_SHARED_PER_SM; break;
    case CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_MULTIPROCESSOR: *v = SI_REGS_PER_SM; break;
    case CU_DEVICE_ATTRIBUTE_MANAGED_MEMORY: *v = 1; break;
    case CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN: *v = SI_SHARED_PER_SM - 1024; break;
    case CU_DEVICE_ATTRIBUTE_MAX_BLOCKS_PER_MULTIPROCESSOR: *v = SI_BLOCKS_PER_SM; break;
    default: *v = 0; break;
    }
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext *c, CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (!c) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&ctx_mu);
    primary.refs++;
    pthread_mutex_unlock(&ctx_mu);
    *c = &primary;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease(CUdevice d)
{
    NEED_INIT();
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    pthread_mutex_lock(&ctx_mu);
    CUresult r = primary.refs > 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT;
    if (primary.refs > 0) primary.refs--;
    pthread_mutex_unlock(&ctx_mu);
    return r;
}

CUresult cuCtxSetCurrent(CUcontext c)
{
    NEED_INIT();
    if (c != NULL && c != &primary) return CUDA_ERROR_INVALID_CONTEXT;
    current = c;
    return CUDA_SUCCESS;
}

CUresult cuCtxGetCurrent(CUcontext *c)
{
    NEED_INIT();
    if (!c) return CUDA_ERROR_INVALID_VALUE;
    *c = current;
    return CUDA_SUCCESS;
}

CUresult cuCtxGetDevice(CUdevice *d)
{
    NEED_CTX();
    if (!d) return CUDA_ERROR_INVALID_VALUE;
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize(void)
{
    NEED_CTX();
    return CUDA_SUCCESS; /* every launch and copy is synchronous */
}

CUresult cuStreamSynchronize(CUstream s)
{
    (void)s;
    NEED_CTX();
    return CUDA_SUCCESS;
}

/* ---- Device memory: host memory, with a table of the allocations. */

struct alloc {
    uintptr_t base;
    size_t size;
};

static pthread_mutex_t mem_mu = PTHREAD_MUTEX_INITIALIZER;
static struct alloc *allocs;
static size_t nallocs, capallocs;
static unsigned long long mem_used;

/* find_alloc returns the allocation holding byte p, or NULL; mem_mu held. */
static struct alloc *find_alloc(uintptr_t p)
{
    for (size_t i = 0; i < nallocs; i++)
        if (p >= allocs[i].base && p - allocs[i].base < allocs[i].size) return &allocs[i];
    return NULL;
}

/* check_range returns CUDA_SUCCESS when [p, p+n) lies in one allocation. */
static CUresult check_range(CUdeviceptr p, size_t n, const char *what)
{
    if (n == 0) return CUDA_SUCCESS;
    pthread_mutex_lock(&mem_mu);
    struct alloc *a = find_alloc((uintptr_t)p);
    CUresult r = CUDA_SUCCESS;
    if (!a) {
        r = CUDA_ERROR_INVALID_VALUE;
        si_log("%s: 0x%llx is not in device memory", what, (unsigned long long)p);
    } else if ((uintptr_t)p - a->base + n > a->size) {
        r = CUDA_ERROR_INVALID_VALUE;
        si_log("%s: %zu bytes at offset %zu cross the end of an allocation of %zu bytes", what, n,
               (size_t)((uintptr_t)p - a->base), a->size);
    }
    pthread_mutex_unlock(&mem_mu);
    return r;
}

CUresult cuMemAlloc(CUdeviceptr *dp, size_t size)
{
    NEED_CTX();
    if (!dp || size == 0) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&mem_mu);
    if (size > memory_limit - mem_used) {
        pthread_mutex_unlock(&mem_mu);
        si_log("cuMemAlloc: %zu bytes refused, %llu of %llu in use", size, mem_used, memory_limit);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    size_t rounded = (size + 255) & ~(size_t)255;
    void *p = aligned_alloc(256, rounded);
    if (!p) {
        pthread_mutex_unlock(&mem_mu);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    if (nallocs == capallocs) {
        size_t nc = capallocs ? 2 * capallocs : 64;
        struct alloc *na = realloc(allocs, nc * sizeof *na);
        if (!na) {
            pthread_mutex_unlock(&mem_mu);
            free(p);
            return CUDA_ERROR_OUT_OF_MEMORY;
        }
        allocs = na;
        capallocs = nc;
    }
    allocs[nallocs].base = (uintptr_t)p;
    allocs[nallocs].size = size;
    nallocs++;
    mem_used += size;
    pthread_mutex_unlock(&mem_mu);
    memset(p, 0xff, size); /* poison: every double reads as NaN */
    if (verbose >= 2) si_log("cuMemAlloc: %zu bytes at %p", size, p);
    *dp = (CUdeviceptr)(uintptr_t)p;
    return CUDA_SUCCESS;
}

CUresult cuMemFree(CUdeviceptr dp)
{
    NEED_CTX();
    if (dp == 0) return CUDA_SUCCESS;
    pthread_mutex_lock(&mem_mu);
    for (size_t i = 0; i < nallocs; i++)
        if (allocs[i].base == (uintptr_t)dp) {
            mem_used -= allocs[i].size;
            allocs[i] = allocs[--nallocs];
            pthread_mutex_unlock(&mem_mu);
            free((void *)(uintptr_t)dp);
            return CUDA_SUCCESS;
        }
    pthread_mutex_unlock(&mem_mu);
    si_log("cuMemFree: 0x%llx is not the base of an allocation", (unsigned long long)dp);
    return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuMemGetInfo(size_t *freeb, size_t *total)
{
    NEED_CTX();
    if (!freeb || !total) return CUDA_ERROR_INVALID_VALUE;
    pthread_mutex_lock(&mem_mu);
    *freeb = memory_limit - mem_used;
    *total = memory_limit;
    pthread_mutex_unlock(&mem_mu);
    return CUDA_SUCCESS;
}

CUresult cuMemGetAddressRange(CUdeviceptr *base, size_t *size, CUdeviceptr p)
{
    NEED_CTX();
    pthread_mutex_lock(&mem_mu);
    struct alloc *a = find_alloc((uintptr_t)p);
    if (a) {
        if (base) *base = a->base;
        if (size) *size = a->size;
    }
    pthread_mutex_unlock(&mem_mu);
    return a ? CUDA_SUCCESS : CUDA_ERROR_NOT_FOUND;
}

CUresult cuMemcpyHtoD(CUdeviceptr dst, const void *src, size_t n)
{
    NEED_CTX();
    if (n && !src) return CUDA_ERROR_INVALID_VALUE;
    CUresult r = check_range(dst, n, "cuMemcpyHtoD");
    if (r == CUDA_SUCCESS && n) memcpy((void *)(uintptr_t)dst, src, n);
    return r;
}

CUresult cuMemcpyDtoH(void *dst, CUdeviceptr src, size_t n)
{
    NEED_CTX();
    if (n && !dst) return CUDA_ERROR_INVALID_VALUE;
    CUresult r = check_range(src, n, "cuMemcpyDtoH");
    if (r == CUDA_SUCCESS && n) memcpy(dst, (const void *)(uintptr_t)src, n);
    return r;
}

CUresult cuMemcpyDtoD(CUdeviceptr dst, CUdeviceptr src, size_t n)
{
    NEED_CTX();
    CUresult r = check_range(dst, n, "cuMemcpyDtoD destination");
    if (r == CUDA_SUCCESS) r = check_range(src, n, "cuMemcpyDtoD source");
    if (r == CUDA_SUCCESS && n) memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
    return r;
}

CUresult cuMemcpy(CUdeviceptr dst, CUdeviceptr src, size_t n)
{
    return cuMemcpyDtoD(dst, src, n); /* unified addressing: both are device memory here */
}

/* memset_words fills n words of size bytes at dst with the word at v,
 * after the checks of cuMemsetD8/16/32: a context, alignment, the range. */
static CUresult memset_words(CUdeviceptr dst, const void *v, size_t size, size_t n, const char *what)
{
    NEED_CTX();
    if (dst % size) return CUDA_ERROR_INVALID_VALUE;
    CUresult r = check_range(dst, size * n, what);
    if (r != CUDA_SUCCESS) return r;
    unsigned char *p = (unsigned char *)(uintptr_t)dst;
    for (size_t i = 0; i < n; i++) memcpy(p + i * size, v, size);
    return CUDA_SUCCESS;
}

CUresult cuMemsetD8(CUdeviceptr dst, unsigned char v, size_t n) { return memset_words(dst, &v, 1, n, "cuMemsetD8"); }
CUresult cuMemsetD16(CUdeviceptr dst, unsigned short v, size_t n) { return memset_words(dst, &v, 2, n, "cuMemsetD16"); }
CUresult cuMemsetD32(CUdeviceptr dst, unsigned int v, size_t n) { return memset_words(dst, &v, 4, n, "cuMemsetD32"); }

/* Page-locked host memory is ordinary host memory here. */
CUresult cuMemAllocHost(void **p, size_t size)
{
    NEED_CTX();
    if (!p || size == 0) return CUDA_ERROR_INVALID_VALUE;
    *p = aligned_alloc(4096, (size + 4095) & ~(size_t)4095);
    return *p ? CUDA_SUCCESS : CUDA_ERROR_OUT_OF_MEMORY;
}

CUresult cuMemFreeHost(void *p)
{
    NEED_CTX();
    free(p);
    return CUDA_SUCCESS;
}

CUresult cuMemHostRegister(void *p, size_t size, unsigned int flags)
{
    (void)flags;
    NEED_CTX();
    if (!p || size == 0) return CUDA_ERROR_INVALID_VALUE;
    return CUDA_SUCCESS;
}

CUresult cuMemHostUnregister(void *p)
{
    NEED_CTX();
    if (!p) return CUDA_ERROR_INVALID_VALUE;
    return CUDA_SUCCESS;
}

/* ---- Modules and functions. */

struct CUfunc_st {
    const gt_standin_kernel *k;
    CUmodule mod;
};

struct CUmod_st {
    struct CUfunc_st *fns;
    int nfns;
    void *dl; /* programmable element's shared object, or NULL */
};

#define OBJECT_MARKER "// gotrack-standin-object: "

/* image_size returns the size of a fat binary or ELF image, or 0 when
 * image is neither (then it should be NUL-terminated PTX text). */
static size_t image_size(const unsigned char *im, int *kind)
{
    uint32_t magic;
    memcpy(&magic, im, 4);
    if (magic == 0xBA55ED50u) { /* fatbin: magic, version, header size, size */
        uint16_t hsize;
        uint64_t fsize;
        memcpy(&hsize, im + 6, 2);
        memcpy(&fsize, im + 8, 8);
        *kind = 1;
        return (size_t)hsize + (size_t)fsize;
    }
    if (memcmp(im, "\177ELF", 4) == 0 && im[4] == 2) { /* 64-bit ELF cubin */
        uint64_t shoff;
        uint16_t shentsize, shnum;
        memcpy(&shoff, im + 0x28, 8);
        memcpy(&shentsize, im + 0x3a, 2);
        memcpy(&shnum, im + 0x3c, 2);
        *kind = 2;
        return (size_t)shoff + (size_t)shentsize * shnum;
    }
    *kind = 0;
    return 0;
}

/* image_has reports whether the image of len bytes holds kernel name: as
 * a PTX entry (".entry name(") or a NUL-delimited ELF symbol name. */
static int image_has(const unsigned char *im, size_t len, const char *name, int binary)
{
    char pat[256];
    int n = snprintf(pat, sizeof pat, ".entry %s(", name);
    if (memmem(im, len, pat, (size_t)n)) return 1;
    if (binary) {
        n = snprintf(pat, sizeof pat, "%c%s%c", 0, name, 0);
        if (memmem(im, len, pat, (size_t)n + 1)) return 1;
    }
    return 0;
}

/* add_fn appends kernel k to module m. */
static int add_fn(CUmodule m, const gt_standin_kernel *k)
{
    struct CUfunc_st *f = realloc(m->fns, (size_t)(m->nfns + 1) * sizeof *f);
    if (!f) return 0;
    m->fns = f;
    f[m->nfns].k = k;
    f[m->nfns].mod = NULL; /* set once fns stops moving */
    m->nfns++;
    return 1;
}

/* load_object dlopens a programmable element's shared object named by the
 * NVRTC stand-in's marker line in the PTX and adds its kernels. */
static CUresult load_object(CUmodule m, const char *ptx, char *log, size_t logsz)
{
    const char *at = strstr(ptx, OBJECT_MARKER);
    if (!at) return CUDA_SUCCESS;
    at += strlen(OBJECT_MARKER);
    size_t n = strcspn(at, "\r\n");
    char path[4096];
    if (n >= sizeof path) n = sizeof path - 1;
    memcpy(path, at, n);
    path[n] = 0;
    m->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!m->dl) {
        snprintf(log, logsz, "gotrack CPU stand-in: cannot load the programmable element's object %s: %s", path,
                 dlerror());
        return CUDA_ERROR_INVALID_IMAGE;
    }
    const gt_standin_kernel *t = dlsym(m->dl, "gt_standin_kernels");
    if (!t) {
        snprintf(log, logsz, "gotrack CPU stand-in: %s has no gt_standin_kernels table", path);
        return CUDA_ERROR_INVALID_IMAGE;
    }
    for (; t->name; t++)
        if (!add_fn(m, t)) return CUDA_ERROR_OUT_OF_MEMORY;
    return CUDA_SUCCESS;
}

/* first_unknown_entry returns (in name) the first ".entry" of PTX text
 * that module m has no kernel for; 0 when there is none. */
static int first_unknown_entry(CUmodule m, const char *ptx, char *name, size_t namesz)
{
    for (const char *p = strstr(ptx, ".entry "); p; p = strstr(p + 1, ".entry ")) {
        const char *s = p + 7;
        size_t n = strcspn(s, "( \t\r\n");
        if (n == 0 || n >= namesz) continue;
        memcpy(name, s, n);
        name[n] = 0;
        int found = 0;
        for (int i = 0; i < m->nfns && !found; i++) found = strcmp(m->fns[i].k->name, name) == 0;
        if (!found) return 1;
    }
    return 0;
}

static void free_module(CUmodule m)
{
    if (!m) return;
    if (m->dl) dlclose(m->dl);
    free(m->fns);
    free(m);
}

/* load_module builds a module from image: the compiled-in kernels whose
 * names the image holds, plus a programmable element's object. */
static CUresult load_module(CUmodule *out, const void *image, char *errlog, size_t errsz, char *infolog, size_t infosz)
{
    char scratch[512];
    if (!errlog || errsz == 0) {
        errlog = scratch;
        errsz = sizeof scratch;
    }
    errlog[0] = 0;
    if (infolog && infosz) infolog[0] = 0;
    if (!out || !image) return CUDA_ERROR_INVALID_VALUE;
    const unsigned char *im = image;
    int kind;
    size_t len = image_size(im, &kind);
    if (kind == 0) {
        len = strlen(image);
        if (!strstr(image, ".version") || !strstr(image, ".target")) {
            snprintf(errlog, errsz,
                     "gotrack CPU stand-in: the image is neither PTX (no .version and .target directives), "
                     "a fat binary nor an ELF cubin");
            return CUDA_ERROR_INVALID_IMAGE;
        }
    }
    CUmodule m = calloc(1, sizeof *m);
    if (!m) return CUDA_ERROR_OUT_OF_MEMORY;
    const gt_standin_kernel *tables[] = {gt_standin_segment_kernels, gt_standin_elements_kernels};
    for (size_t t = 0; t < 2; t++)
        for (const gt_standin_kernel *k = tables[t]; k->name; k++)
            if (image_has(im, len, k->name, kind != 0) && !add_fn(m, k)) {
                free_module(m);
                return CUDA_ERROR_OUT_OF_MEMORY;
            }
    if (kind == 0) {
        CUresult r = load_object(m, image, errlog, errsz);
        if (r != CUDA_SUCCESS) {
            free_module(m);
            return r;
        }
        char name[256];
        if (first_unknown_entry(m, image, name, sizeof name)) {
            snprintf(errlog, errsz,
                     "gotrack CPU stand-in: the PTX defines kernel %s, which the stand-in has no host code for "
                     "(only the kernels of kernels/*.cu and programmable elements compiled through the NVRTC "
                     "stand-in run)",
                     name);
            free_module(m);
            return CUDA_ERROR_NOT_SUPPORTED;
        }
    }
    for (int i = 0; i < m->nfns; i++) m->fns[i].mod = m;
    if (infolog && infosz) {
        size_t off = (size_t)snprintf(infolog, infosz, "gotrack CPU stand-in: %s module of %zu bytes, %d kernel(s):",
                                      kind == 1 ? "fat binary" : kind == 2 ? "ELF" : "PTX", len, m->nfns);
        for (int i = 0; i < m->nfns && off < infosz; i++)
            off += (size_t)snprintf(infolog + off, infosz - off, " %s", m->fns[i].k->name);
    }
    si_log("loaded a module of %d kernel(s)", m->nfns);
    *out = m;
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule *m, const void *image)
{
    NEED_CTX();
    char log[1024];
    CUresult r = load_module(m, image, log, sizeof log, NULL, 0);
    if (r != CUDA_SUCCESS && log[0]) si_log("cuModuleLoadData: %s", log);
    return r;
}

CUresult cuModuleLoadDataEx(CUmodule *m, const void *image, unsigned int nopts, CUjit_option *opts, void **vals)
{
    NEED_CTX();
    if (nopts && (!opts || !vals)) return CUDA_ERROR_INVALID_VALUE;
    char *info = NULL, *err = NULL;
    size_t infosz = 0, errsz = 0;
    for (unsigned int i = 0; i < nopts; i++) switch (opts[i]) {
        case CU_JIT_INFO_LOG_BUFFER: info = vals[i]; break;
        case CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES: infosz = (size_t)(uintptr_t)vals[i]; break;
        case CU_JIT_ERROR_LOG_BUFFER: err = vals[i]; break;
        case CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES: errsz = (size_t)(uintptr_t)vals[i]; break;
        default: break; /* optimisation level, target, ...: nothing to do here */
        }
    if (!info) infosz = 0;
    if (!err) errsz = 0;
    char scratch[1024];
    CUresult r = load_module(m, image, errsz ? err : scratch, errsz ? errsz : sizeof scratch, info, infosz);
    if (r != CUDA_SUCCESS && !errsz && scratch[0]) si_log("cuModuleLoadDataEx: %s", scratch);
    /* OUT: the bytes of each log filled, NUL excluded. */
    for (unsigned int i = 0; i < nopts; i++) {
        if (opts[i] == CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES) vals[i] = (void *)(uintptr_t)(infosz ? strlen(info) : 0);
        if (opts[i] == CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES) vals[i] = (void *)(uintptr_t)(errsz ? strlen(err) : 0);
    }
    return r;
}

CUresult cuModuleUnload(CUmodule m)
{
    NEED_CTX();
    if (!m) return CUDA_ERROR_INVALID_HANDLE;
    free_module(m);
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name)
{
    NEED_CTX();
    if (!f || !name) return CUDA_ERROR_INVALID_VALUE;
    if (!m) return CUDA_ERROR_INVALID_HANDLE;
    for (int i = 0; i < m->nfns; i++)
        if (strcmp(m->fns[i].k->name, name) == 0) {
            *f = &m->fns[i];
            return CUDA_SUCCESS;
        }
    return CUDA_ERROR_NOT_FOUND;
}

CUresult cuFuncGetAttribute(int *v, CUfunction_attribute a, CUfunction f)
{
    NEED_CTX();
    if (!v) return CUDA_ERROR_INVALID_VALUE;
    if (!f) return CUDA_ERROR_INVALID_HANDLE;
    switch (a) {
    case CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK: *v = f->k->max_threads; break;
    case CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES: *v = 0; break;
    case CU_FUNC_ATTRIBUTE_CONST_SIZE_BYTES: *v = 0; break;
    case CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES: *v = 0; break;
    case CU_FUNC_ATTRIBUTE_NUM_REGS: *v = f->k->regs; break;
    case CU_FUNC_ATTRIBUTE_PTX_VERSION: *v = 10 * SI_MAJOR + SI_MINOR; break;
    case CU_FUNC_ATTRIBUTE_BINARY_VERSION: *v = 10 * SI_MAJOR + SI_MINOR; break;
    case CU_FUNC_ATTRIBUTE_CACHE_MODE_CA: *v = 0; break;
    case CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES: *v = SI_SHARED_PER_BLOCK; break;
    case CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT: *v = -1; break;
    default: return CUDA_ERROR_INVALID_VALUE;
    }
    return CUDA_SUCCESS;
}

CUresult cuFuncSetCacheConfig(CUfunction f, CUfunc_cache c)
{
    (void)c;
    NEED_CTX();
    return f ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

/* blocks_per_sm is the occupancy of kernel k in blocks of threads threads
 * with shared bytes of dynamic shared memory, by the rules of sm_90:
 * threads, registers (allocated per warp in units of 256) and shared
 * memory per multiprocessor, and at most 32 blocks. */
static int blocks_per_sm(const gt_standin_kernel *k, int threads, size_t shared)
{
    if (threads <= 0 || threads > k->max_threads || shared > SI_SHARED_PER_BLOCK) return 0;
    int warps = (threads + SI_WARP - 1) / SI_WARP;
    int by_threads = SI_THREADS_PER_SM / (warps * SI_WARP);
    int regs_per_warp = ((k->regs * SI_WARP + 255) / 256) * 256;
    int by_regs = (SI_REGS_PER_SM / regs_per_warp) / warps;
    int by_shared = shared ? (int)(SI_SHARED_PER_SM / (shared + 1024)) : SI_BLOCKS_PER_SM;
    int b = SI_BLOCKS_PER_SM;
    if (by_threads < b) b = by_threads;
    if (by_regs < b) b = by_regs;
    if (by_shared < b) b = by_shared;
    return b;
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *n, CUfunction f, int threads, size_t shared)
{
    NEED_CTX();
    if (!n) return CUDA_ERROR_INVALID_VALUE;
    if (!f) return CUDA_ERROR_INVALID_HANDLE;
    *n = blocks_per_sm(f->k, threads, shared);
    return CUDA_SUCCESS;
}

CUresult cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *n, CUfunction f, int threads, size_t shared,
                                                              unsigned int flags)
{
    (void)flags;
    return cuOccupancyMaxActiveBlocksPerMultiprocessor(n, f, threads, shared);
}

/* ---- Launches. */

/* launch is one kernel launch shared by the OS threads that run it. */
struct launch {
    const gt_standin_kernel *k;
    void **args;
    gt_dim3 grid, block;
    uint64_t nblocks, nthreads;
    uint64_t next; /* next block to run (atomic) */
};

#define FIBER_STACK (256 * 1024)

/* Per OS thread state of the fibers of a block (kernels that call
 * __syncthreads). */
static __thread ucontext_t fiber_sched;
static __thread ucontext_t *fibers;
static __thread char *fiber_stacks;
static __thread unsigned char *fiber_done;
static __thread int fiber_cap;
static __thread int fiber_cur = -1;
static __thread struct launch *fiber_launch;

void gt_standin_syncthreads(void)
{
    if (fiber_cur < 0) {
        if (blockDim.x * blockDim.y * blockDim.z == 1) return;
        fprintf(stderr, "cuda-standin: a kernel called __syncthreads but its table entry says it never does\n");
        abort();
    }
    swapcontext(&fibers[fiber_cur], &fiber_sched);
}

static void fiber_main(void)
{
    fiber_launch->k->call(fiber_launch->args);
    fiber_done[fiber_cur] = 1; /* returns to fiber_sched (uc_link) */
}

static void set_thread(const struct launch *L, uint64_t t)
{
    threadIdx.x = (unsigned)(t % L->block.x);
    threadIdx.y = (unsigned)(t / L->block.x % L->block.y);
    threadIdx.z = (unsigned)(t / ((uint64_t)L->block.x * L->block.y));
}

/* run_block runs every thread of block b. */
static int run_block(struct launch *L, uint64_t b)
{
    blockIdx.x = (unsigned)(b % L->grid.x);
    blockIdx.y = (unsigned)(b / L->grid.x % L->grid.y);
    blockIdx.z = (unsigned)(b / ((uint64_t)L->grid.x * L->grid.y));
    if (!L->k->needs_sync) {
        for (uint64_t t = 0; t < L->nthreads; t++) {
            set_thread(L, t);
            L->k->call(L->args);
        }
        return 0;
    }
    int n = (int)L->nthreads;
    if (n > fiber_cap) {
        free(fibers);
        free(fiber_stacks);
        free(fiber_done);
        fibers = malloc((size_t)n * sizeof *fibers);
        fiber_stacks = malloc((size_t)n * FIBER_STACK);
        fiber_done = malloc((size_t)n);
        if (!fibers || !fiber_stacks || !fiber_done) {
            fiber_cap = 0;
            return -1;
        }
        fiber_cap = n;
    }
    fiber_launch = L;
    for (int i = 0; i < n; i++) {
        getcontext(&fibers[i]);
        fibers[i].uc_stack.ss_sp = fiber_stacks + (size_t)i * FIBER_STACK;
        fibers[i].uc_stack.ss_size = FIBER_STACK;
        fibers[i].uc_link = &fiber_sched;
        makecontext(&fibers[i], fiber_main, 0);
        fiber_done[i] = 0;
    }
    /* Each round runs every unfinished thread up to its next barrier. */
    for (int left = n; left > 0;) {
        for (int i = 0; i < n; i++) {
            if (fiber_done[i]) continue;
            fiber_cur = i;
            set_thread(L, (uint64_t)i);
            swapcontext(&fiber_sched, &fibers[i]);
            if (fiber_done[i]) left--;
        }
    }
    fiber_cur = -1;
    return 0;
}

static void *run_blocks(void *arg)
{
    struct launch *L = arg;
    blockDim = L->block;
    gridDim = L->grid;
    for (;;) {
        uint64_t b = __atomic_fetch_add(&L->next, 1, __ATOMIC_RELAXED);
        if (b >= L->nblocks) break;
        if (run_block(L, b) != 0) {
            fprintf(stderr, "cuda-standin: out of memory for the fibers of a block\n");
            abort();
        }
    }
    return NULL;
}

static int nworkers(void)
{
    const char *s = getenv("GOTRACK_STANDIN_THREADS");
    long n = s && *s ? strtol(s, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > 64) n = 64;
    return (int)n;
}

CUresult cuLaunchKernel(CUfunction f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx,
                        unsigned int by, unsigned int bz, unsigned int shared, CUstream s, void **params,
                        void **extra)
{
    (void)s; /* one stream: every launch is synchronous */
    NEED_CTX();
    if (!f) return CUDA_ERROR_INVALID_HANDLE;
    const gt_standin_kernel *k = f->k;
    uint64_t threads = (uint64_t)bx * by * bz;
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 || bx > 1024 || by > 1024 || bz > 64 ||
        threads > SI_MAX_BLOCK || gx > 2147483647u || gy > 65535 || gz > 65535) {
        si_log("cuLaunchKernel %s: grid (%u,%u,%u) block (%u,%u,%u) over the device's limits", k->name, gx, gy, gz,
               bx, by, bz);
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (threads > (uint64_t)k->max_threads) {
        si_log("cuLaunchKernel %s: %llu threads per block, the kernel's bound is %d", k->name,
               (unsigned long long)threads, k->max_threads);
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (shared > SI_SHARED_PER_BLOCK) {
        si_log("cuLaunchKernel %s: %u bytes of dynamic shared memory, above %d", k->name, shared,
               SI_SHARED_PER_BLOCK);
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (extra) return CUDA_ERROR_NOT_SUPPORTED;
    if (k->nargs > 0 && !params) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0; i < k->nargs; i++)
        if (!params[i]) return CUDA_ERROR_INVALID_VALUE;
    struct launch L = {k, params, {gx, gy, gz}, {bx, by, bz}, (uint64_t)gx * gy * gz, threads, 0};
    /* The parameters are copied, as the driver does, so that the caller
     * may reuse its buffers once the call returns. */
    uint64_t vals[64];
    void *ptrs[64];
    if (k->nargs > 64) return CUDA_ERROR_NOT_SUPPORTED;
    for (int i = 0; i < k->nargs; i++) {
        memcpy(&vals[i], params[i], 8);
        ptrs[i] = &vals[i];
    }
    L.args = ptrs;
    if (verbose >= 2)
        si_log("cuLaunchKernel %s: grid (%u,%u,%u) block (%u,%u,%u) shared %u", k->name, gx, gy, gz, bx, by, bz, shared);
    int nw = nworkers();
    if ((uint64_t)nw > L.nblocks) nw = (int)L.nblocks;
    pthread_t tids[64];
    int started = 0;
    for (int i = 1; i < nw; i++) {
        if (pthread_create(&tids[started], NULL, run_blocks, &L) != 0) break;
        started++;
    }
    gt_dim3 sb = blockDim, sg = gridDim, st = threadIdx, sbi = blockIdx;
    run_blocks(&L);
    blockDim = sb, gridDim = sg, threadIdx = st, blockIdx = sbi;
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    return CUDA_SUCCESS;
}

/* ---- Events: host time, taken when recorded (launches are synchronous). */

struct CUevent_st {
    struct timespec t;
    int recorded;
};

CUresult cuEventCreate(CUevent *e, unsigned int flags)
{
    (void)flags;
    NEED_CTX();
    if (!e) return CUDA_ERROR_INVALID_VALUE;
    *e = calloc(1, sizeof **e);
    return *e ? CUDA_SUCCESS : CUDA_ERROR_OUT_OF_MEMORY;
}

CUresult cuEventRecord(CUevent e, CUstream s)
{
    (void)s;
    NEED_CTX();
    if (!e) return CUDA_ERROR_INVALID_HANDLE;
    clock_gettime(CLOCK_MONOTONIC, &e->t);
    e->recorded = 1;
    return CUDA_SUCCESS;
}

CUresult cuEventSynchronize(CUevent e)
{
    NEED_CTX();
    return e ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

CUresult cuEventQuery(CUevent e)
{
    NEED_CTX();
    return e ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

CUresult cuEventElapsedTime(float *ms, CUevent a, CUevent b)
{
    NEED_CTX();
    if (!ms) return CUDA_ERROR_INVALID_VALUE;
    if (!a || !b || !a->recorded || !b->recorded) return CUDA_ERROR_INVALID_HANDLE;
    *ms = (float)((double)(b->t.tv_sec - a->t.tv_sec) * 1e3 + (double)(b->t.tv_nsec - a->t.tv_nsec) / 1e6);
    return CUDA_SUCCESS;
}

CUresult cuEventDestroy(CUevent e)
{
    NEED_CTX();
    if (!e) return CUDA_ERROR_INVALID_HANDLE;
    free(e);
    return CUDA_SUCCESS;
}
