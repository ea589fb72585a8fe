/* elements.cu: the per-passmethod module of gotrack's kernels.
 *
 * gt_elem_<Method> applies one element of that passmethod to every
 * particle, one thread each (single-element use, and the benchmark of
 * per-element launches against the fused gt_segment of segment.cu). The
 * backend loads this module only when one of them is launched. Compiled
 * by nvcc (go generate ./kernels) and by gcc with the CUDA dialect into the
 * driver stand-in; the gcc harness has no use for it. */
#include "passes.cuh"
#include "beam.cuh"

#ifdef GT_KERNELS
/* gt_elem_<Method>: one element of that passmethod on every particle. */
#define GT_ELEM_KERNEL(name)                                                                       \
    GT_GLOBAL GT_BOUNDS(GT_THREADS_PER_BLOCK, GT_MIN_BLOCKS) void gt_elem_##name(                  \
        const gt_beam *beam, const gt_element *e, const double *pool, const gt_params *params,     \
        int64_t turn, int64_t ei)                                                                  \
    {                                                                                              \
        int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;                               \
        if (i >= beam->n) return;                                                                  \
        int64_t n = beam->n;                                                                       \
        int lost = beam->lost[i];                                                                  \
        if (lost && e->Method != GT_SolenoidLinearPass) return;                                   \
        double r[6];                                                                               \
        for (int k = 0; k < 6; k++) r[k] = beam->coords[k * n + i];                                \
        gt_env env;                                                                                \
        env.p = *params;                                                                           \
        env.turn = turn;                                                                           \
        env.elem = ei;                                                                             \
        env.particle = gt_particle_index(beam, i, params);                                         \
        gt_pass_##name(r, e, pool, &env);                                                          \
        if (!lost) gt_check_lost(r, beam, i, turn, ei);                                            \
        for (int k = 0; k < 6; k++) beam->coords[k * n + i] = r[k];                                \
    }
GT_FOR_EACH_METHOD(GT_ELEM_KERNEL)
#undef GT_ELEM_KERNEL

#endif
