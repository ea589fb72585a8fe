/* dialect.h: the CUDA dialect for gcc, force-included (gcc -include) when
 * the driver stand-in compiles gotrack's kernels (kernels/segment.cu,
 * kernels/elements.cu) and programmable elements (the NVRTC stand-in) as
 * C with -DGT_CUDA_DIALECT.
 *
 * It gives the kernels what nvcc would: the thread coordinates threadIdx,
 * blockIdx, blockDim and gridDim (thread-local variables of libcuda.so.1
 * that the stand-in's cuLaunchKernel sets before running each thread of a
 * block), __syncthreads (a switch to the next fiber of the block),
 * per-block dynamic shared memory of 48 KiB, and the atomics that
 * kernels/collective.cuh uses. It also declares the kernel table that each
 * compiled unit exports, so that cuLaunchKernel can call a kernel given
 * its name and an array of pointers to 8-byte arguments. */
#ifndef GT_STANDIN_DIALECT_H
#define GT_STANDIN_DIALECT_H

#include <stdint.h>

/* gt_dim3 is CUDA's dim3/uint3. */
typedef struct {
    unsigned int x, y, z;
} gt_dim3;

/* The coordinates of the running thread; defined in libcuda.so.1. */
extern __thread gt_dim3 threadIdx, blockIdx, blockDim, gridDim;

/* gt_standin_syncthreads is the barrier of a block: it returns once every
 * thread of the block has reached it. Defined in libcuda.so.1. */
void gt_standin_syncthreads(void);
#define __syncthreads() gt_standin_syncthreads()

/* Dynamic shared memory: one 48 KiB buffer per OS thread; the blocks of a
 * launch run on OS threads one after the other, and the threads of a
 * block on the same OS thread, so each block has it to itself. */
#define GT_STANDIN_SHARED_BYTES (48 * 1024)
#define GT_DIALECT_DYNAMIC_SHARED(type, name) \
    static __thread type name[GT_STANDIN_SHARED_BYTES / sizeof(type)] __attribute__((aligned(16)))

/* Atomics: blocks run in parallel on several OS threads. */
static inline unsigned long long atomicAdd(unsigned long long *p, unsigned long long v)
{
    return __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

static inline long long atomicMin(long long *p, long long v)
{
    long long old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (v < old && !__atomic_compare_exchange_n(p, &old, v, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    return old;
}

static inline long long atomicMax(long long *p, long long v)
{
    long long old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (v > old && !__atomic_compare_exchange_n(p, &old, v, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    return old;
}

static inline long long __double_as_longlong(double x)
{
    union {
        double d;
        long long l;
    } u;
    u.d = x;
    return u.l;
}

static inline double __longlong_as_double(long long x)
{
    union {
        double d;
        long long l;
    } u;
    u.l = x;
    return u.d;
}

/* __clzll: leading zero bits of a 64-bit word; 64 for zero (CUDA's
 * definition; gcc's builtin is undefined for zero). */
static inline int __clzll(long long x) { return x ? __builtin_clzll((unsigned long long)x) : 64; }

/* gt_standin_kernel is one entry of a compiled unit's kernel table: the
 * kernel's name, its number of (8-byte) arguments, its launch bound
 * (GT_BOUNDS: most threads per block), the registers per thread the GPU
 * build uses (for the occupancy queries), whether it calls __syncthreads
 * (its threads then run as fibers), and the wrapper that calls it with
 * args[i] pointing at argument i. A table ends with a null name. */
typedef struct {
    const char *name;
    int nargs;
    int max_threads;
    int regs;
    int needs_sync;
    void (*call)(void **args);
} gt_standin_kernel;

/* GT_STANDIN_ARG(type, i) reads argument i of a wrapper's args. */
#define GT_STANDIN_ARG(type, i) (*(type *)args[i])

#endif
