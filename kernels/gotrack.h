/* gotrack.h: what every passmethod family needs, for all three builds.
 *
 * - nvcc (__CUDACC__): GT_DEVICE marks device functions, GT_GLOBAL
 *   kernels; the kernels (GT_KERNELS) are compiled into the module.
 * - gcc with the CUDA dialect (GT_CUDA_DIALECT, the CPU stand-in for the
 *   CUDA driver in cuda/standin): the same kernels compile as C functions;
 *   the dialect header included first gives them threadIdx, blockIdx,
 *   blockDim, gridDim, __syncthreads, shared memory and atomics, and the
 *   stand-in's cuLaunchKernel runs them block by block.
 * - gcc alone (kernels/harness, the kernels-gcc test backend): plain
 *   C99, no kernels; the *_host functions loop over particles.
 *
 * No fast-math and no FMA contraction in any of them: nvcc runs with
 * -fmad=false, gcc with -ffp-contract=off, so that each product is
 * rounded as AT's C code and gotrack's Go backend round it. */
#ifndef GOTRACK_H
#define GOTRACK_H

#if defined(__CUDACC__) || defined(GT_CUDA_DIALECT)
#define GT_KERNELS 1
#endif

#ifdef __CUDACC__
#define GT_DEVICE __device__ static __forceinline__
#define GT_GLOBAL extern "C" __global__
/* GT_BOUNDS(threads, blocks): the kernel is launched with at most threads
 * per block and should fit blocks blocks per multiprocessor, which caps
 * its registers (65536 / (threads * blocks)). */
#define GT_BOUNDS(threads, blocks) __launch_bounds__(threads, blocks)
/* GT_DYNAMIC_SHARED declares the block's dynamic shared memory. */
#define GT_DYNAMIC_SHARED(type, name) extern __shared__ type name[]
#else
#include <math.h>
#include <stdint.h>
#define GT_DEVICE static inline
#define GT_GLOBAL
#define GT_BOUNDS(threads, blocks)
#ifdef GT_CUDA_DIALECT
#define GT_DYNAMIC_SHARED(type, name) GT_DIALECT_DYNAMIC_SHARED(type, name)
#endif
/* No FMA contraction on the host either (cgo does not accept
 * -ffp-contract=off as a flag). */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#endif

/* GT_THREADS_PER_BLOCK is the block size every kernel is built for (the
 * upper bound of GT_BOUNDS); launches use at most this many threads. */
#define GT_THREADS_PER_BLOCK 256
/* GT_MIN_BLOCKS is the number of blocks of GT_THREADS_PER_BLOCK threads
 * that the particle kernels must fit on one multiprocessor: 2 caps them at
 * 128 registers per thread. */
#define GT_MIN_BLOCKS 2

#include "element.h"

/* AT's constants (atconstants.h). */
#define GT_C0 2.99792458e8
#define GT_PI 3.14159265358979323846
#define GT_TWOPI (2.0 * GT_PI) /* AT: TWOPI = 2.0*M_PI */
#define GT_THIRD_ROOT_2 1.25992104989487316477

/* Highest MaxOrder the kernels accept (local coefficient copies are
 * sized by it); the kernel backends refuse larger ones when loading. */
#define GT_MAX_ORDER 15

GT_DEVICE int gt_isnan(double x) { return x != x; }

/* gt_arr returns the pool array at off, or 0 (NULL) when absent. */
GT_DEVICE const double *gt_arr(const double *pool, int32_t off)
{
    return off == GT_ABSENT ? 0 : pool + off;
}

/* AT's atlalib.c */
GT_DEVICE void gt_add_vec(double *r, const double *dr)
{
    for (int i = 0; i < 6; i++) r[i] += dr[i];
}

GT_DEVICE void gt_mul_mat(double *r, const double *A)
{
    double t[6];
    for (int i = 0; i < 6; i++) {
        t[i] = 0;
        for (int j = 0; j < 6; j++) t[i] += A[i + j * 6] * r[j];
    }
    for (int i = 0; i < 6; i++) r[i] = t[i];
}

GT_DEVICE void gt_drift6(double *r, double L)
{
    double p_norm = 1 / (1 + r[4]);
    double NormL = L * p_norm;
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * p_norm * (r[1] * r[1] + r[3] * r[3]) / 2;
}

GT_DEVICE void gt_change_p_ref(double *r, double scaling)
{
    r[1] /= scaling;
    r[3] /= scaling;
    r[4] = (r[4] + 1.0 - scaling) / scaling;
}

GT_DEVICE void gt_mark_lost(double *r) { r[5] = INFINITY; }

GT_DEVICE void gt_check_rect_ap(double *r, const double *lim)
{
    if (r[0] < lim[0] || r[0] > lim[1]) gt_mark_lost(r);
    else if (r[2] < lim[2] || r[2] > lim[3]) gt_mark_lost(r);
}

GT_DEVICE void gt_check_ell_ap(double *r, const double *ax)
{
    double xn = r[0] / ax[0];
    double yn = r[2] / ax[1];
    if ((xn * xn + yn * yn) >= 1) gt_mark_lost(r);
}

/* Entrance and exit sequences of AT's magnets: misalignment, apertures,
 * and (exit) the return from a scaled reference momentum. */
GT_DEVICE void gt_entrance_ops(double *r, const gt_element *e, const double *pool)
{
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *RA = gt_arr(pool, e->RApertures), *EA = gt_arr(pool, e->EApertures);
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    if (RA) gt_check_rect_ap(r, RA);
    if (EA) gt_check_ell_ap(r, EA);
}

GT_DEVICE void gt_exit_ops(double *r, const gt_element *e, const double *pool, double scaling)
{
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    const double *RA = gt_arr(pool, e->RApertures), *EA = gt_arr(pool, e->EApertures);
    if (RA) gt_check_rect_ap(r, RA);
    if (EA) gt_check_ell_ap(r, EA);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
    if (scaling != 1.0) gt_change_p_ref(r, 1.0 / scaling);
}

/* AT's driftkick.c: the 4th-order integrator's drift and thin kicks. */
#define GT_DRIFT1 (1.0 / (2.0 * (2.0 - GT_THIRD_ROOT_2)))
#define GT_DRIFT2 (0.5 - (1.0 / (2.0 * (2.0 - GT_THIRD_ROOT_2))))
#define GT_KICK1 (1.0 / (2.0 - GT_THIRD_ROOT_2))
#define GT_KICK2 (1.0 - 2.0 / (2.0 - GT_THIRD_ROOT_2))

GT_DEVICE void gt_fast_drift(double *r, double NormL)
{
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * (r[1] * r[1] + r[3] * r[3]) / (2 * (1 + r[4]));
}

GT_DEVICE void gt_str_thin_kick(double *r, const double *A, const double *B, double L, int max_order)
{
    double ReSum = B[max_order], ImSum = A[max_order], t;
    for (int i = max_order - 1; i >= 0; i--) {
        t = ReSum * r[0] - ImSum * r[2] + B[i];
        ImSum = ImSum * r[0] + ReSum * r[2] + A[i];
        ReSum = t;
    }
    r[1] -= L * ReSum;
    r[3] += L * ImSum;
}

GT_DEVICE void gt_bnd_thin_kick(double *r, const double *A, const double *B, double L, double irho, int max_order)
{
    double ReSum = B[max_order], ImSum = A[max_order], t;
    for (int i = max_order - 1; i >= 0; i--) {
        t = ReSum * r[0] - ImSum * r[2] + B[i];
        ImSum = ImSum * r[0] + ReSum * r[2] + A[i];
        ReSum = t;
    }
    r[1] -= L * (ReSum - (r[4] - r[0] * irho) * irho);
    r[3] += L * ImSum;
    r[5] += L * irho * r[0];
}

/* gt_polynoms returns the element's polynomials with AT's corrector terms
 * added when it has KickAngle: B[0] -= kick(KickAngle[0]), A[0] +=
 * kick(KickAngle[1]), kick being sin(angle)/Length for thick magnets and
 * the bare angle for thin ones. Without KickAngle the pool arrays are
 * returned as they are; with it, copies in a and b (GT_MAX_ORDER+1 long). */
GT_DEVICE void gt_polynoms(const gt_element *e, const double *pool, int thin, double *a, double *b,
                           const double **A, const double **B)
{
    const double *pa = pool + e->PolynomA, *pb = pool + e->PolynomB;
    const double *ka = gt_arr(pool, e->KickAngle);
    *A = pa;
    *B = pb;
    if (!ka) return;
    int n = e->MaxOrder + 1;
    if (n < 2) n = 2;
    for (int i = 0; i < n; i++) {
        a[i] = pa[i];
        b[i] = pb[i];
    }
    if (thin) {
        b[0] -= ka[0];
        a[0] += ka[1];
    } else {
        b[0] -= sin(ka[0]) / e->Length;
        a[0] += sin(ka[1]) / e->Length;
    }
    *A = a;
    *B = b;
}

#endif
