/* pushentry.cuh: the entry points of a programmable element, placed after
 * the user's gotrack_push in the compilation unit (see push.cuh).
 *
 * gt_push (GPU kernel, one thread per particle slot) and gt_push_host (gcc
 * build, particles [lo, hi)) run the user function on every particle not
 * yet lost, then apply the loss rule, recording turn and element as the
 * segment kernel does. Lost particles are left as they are. Arguments are
 * pointers and 64-bit integers only (gorgonia.org/cu copies 8 bytes per
 * argument): the beam descriptor (beam.cuh's gt_beam) and the ring
 * parameters (gt_params) are in device memory, the context is built in
 * each thread. */
#ifndef GOTRACK_PUSHENTRY_CUH
#define GOTRACK_PUSHENTRY_CUH

GT_DEVICE void gt_push_particle(int64_t i, const gt_push_beam *b, const gt_push_ctx *ctx)
{
    if (b->lost[i]) return;
    int64_t n = b->n;
    double r[6];
    for (int k = 0; k < 6; k++) r[k] = b->coords[k * n + i];
    gotrack_push(r, ctx);
    gt_check_lost(r, b, i, ctx->turn, ctx->element);
    for (int k = 0; k < 6; k++) b->coords[k * n + i] = r[k];
}

#ifdef GT_KERNELS
GT_GLOBAL GT_BOUNDS(GT_THREADS_PER_BLOCK, GT_MIN_BLOCKS) void gt_push(const gt_push_beam *beam, const gt_params *params, const double *values, int64_t nvalues,
                       int64_t turn, int64_t element)
{
    int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= beam->n) return;
    gt_push_ctx ctx;
    gt_push_make_ctx(&ctx, params, values, nvalues, turn, element);
    gt_push_particle(i, beam, &ctx);
}
#else
void gt_push_host(const gt_push_beam *beam, const gt_params *params, const double *values, int64_t nvalues,
                  int64_t turn, int64_t element, int64_t lo, int64_t hi)
{
    gt_push_ctx ctx;
    gt_push_make_ctx(&ctx, params, values, nvalues, turn, element);
    for (int64_t i = lo; i < hi; i++) gt_push_particle(i, beam, &ctx);
}
#endif

#endif
