/* push.cuh: the frame around a programmable element's user code.
 *
 * A programmable element's push is a user function
 *
 *     __device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
 *
 * compiled at run time: by NVRTC for the GPU (cuda backend), by gcc for
 * the test harness. kernels.PushSource builds the compilation unit: this
 * header (with the headers it includes pasted in, since NVRTC has no
 * system or file-system headers), the user source, then pushentry.cuh,
 * which defines the entry points calling gotrack_push on every live
 * particle and applying the engine's loss rule.
 *
 * Under NVRTC (__CUDACC_RTC__) there is no <stdint.h> nor <math.h>: the
 * fixed-width integers and INFINITY/NAN are defined here; CUDA's math
 * functions (sin, sqrt, fabs, ...) are built into NVRTC. Under gcc the
 * CUDA qualifiers a user writes (__device__, __host__, __forceinline__)
 * are mapped away. As for every kernel, no FMA contraction: NVRTC runs
 * with --fmad=false, gcc with fp-contract off (gotrack.h). */
#ifndef GOTRACK_PUSH_CUH
#define GOTRACK_PUSH_CUH

#ifdef __CUDACC_RTC__
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
#ifndef INFINITY
#define INFINITY (__longlong_as_double(0x7ff0000000000000LL))
#endif
#ifndef NAN
#define NAN (__longlong_as_double(0x7ff8000000000000LL))
#endif
#endif

#include "gotrack.h"
#include "beam.cuh"

#ifndef __CUDACC__
#define __device__
#define __host__
#define __forceinline__ inline
#endif

/* gt_push_ctx is what the user function receives besides the particle's
 * coordinates: where the pass is (AT's turn counter, the element's lattice
 * index), the ring parameters (device.Params) and the element's user
 * values. */
typedef struct {
    int64_t turn;
    int64_t element;
    double energy;      /* reference energy [eV] */
    double rest_energy; /* particle rest energy [eV]; 0: relativistic */
    double charge;      /* particle charge [e] */
    double ring_length; /* [m] */
    double t0;          /* revolution time [s] */
    const double *values;
    int nvalues;
} gt_push_ctx;

/* The entry points receive the beam descriptor the segment kernel does
 * (beam.cuh) and lose particles by the same rule. */
typedef gt_beam gt_push_beam;

/* gt_push_make_ctx fills the context of one pass. */
GT_DEVICE void gt_push_make_ctx(gt_push_ctx *ctx, const gt_params *p, const double *values, int64_t nvalues,
                                int64_t turn, int64_t element)
{
    ctx->turn = turn;
    ctx->element = element;
    ctx->energy = p->Energy;
    ctx->rest_energy = p->RestEnergy;
    ctx->charge = p->Charge;
    ctx->ring_length = p->RingLength;
    ctx->t0 = p->T0;
    ctx->values = values;
    ctx->nvalues = (int)nvalues;
}

#ifndef __CUDACC__
/* For gcc (C): the prototype makes a definition with another signature a
 * compile error. Under NVRTC (C++) it would only declare an overload, so
 * there the call in pushentry.cuh, after the user source, checks it. */
void gotrack_push(double r[6], const gt_push_ctx *ctx);
#endif

#endif
