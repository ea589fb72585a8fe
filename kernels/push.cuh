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

/* gt_push_beam is segment.cu's gt_beam (the beam on the device as
 * structure of arrays, coordinate k of particle i at coords[k*n + i], and
 * the loss record): the entry points receive the same descriptor the
 * segment kernel does. */
typedef struct {
    double *coords;
    int64_t n;
    uint8_t *lost;
    int64_t *lost_turn;
    int64_t *lost_elem;
    double *lost_coords;
} gt_push_beam;

/* gt_push_check_lost is the engine's loss rule (segment.cu's
 * gt_check_lost): after the push, a non-finite coordinate or |x|, |px|,
 * |y|, |py| or |delta| above 1 loses the particle; its coordinates, turn
 * and element are recorded, and it is set to (NaN, 0, 0, 0, 0, 0). */
GT_DEVICE void gt_push_check_lost(double *r, const gt_push_beam *b, int64_t i, int64_t turn, int64_t ei)
{
    int bad = 0;
    for (int k = 0; k < 6; k++) {
        double v = r[k];
        if (v != v || v == INFINITY || v == -INFINITY || (k < 5 && fabs(v) > 1)) {
            bad = 1;
            break;
        }
    }
    if (!bad) return;
    b->lost[i] = 1;
    b->lost_turn[i] = turn;
    b->lost_elem[i] = ei;
    for (int k = 0; k < 6; k++) {
        b->lost_coords[k * b->n + i] = r[k];
        r[k] = 0;
    }
    r[0] = NAN;
}

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
