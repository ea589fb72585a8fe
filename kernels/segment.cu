/* segment.cu: the segment module of gotrack's kernels.
 *
 * gt_segment is the fused kernel: one thread per particle, the particle in
 * registers through a whole run of elements and, when the run is the whole
 * ring, through every turn, with the refpts monitor writes and PyAT's loss
 * record done in the kernel. The whole-beam kernels gt_extent,
 * gt_accumulate and gt_kick come from collective.cuh, included here so that
 * they are in the module. The per-passmethod kernels gt_elem_<Method> are
 * in a module of their own (elements.cu), loaded only when used.
 *
 * Compiled by nvcc (go generate ./kernels) into PTX and machine code, by
 * gcc with the CUDA dialect into the CPU stand-in for the driver
 * (cuda/standin), and by gcc alone in the test harness (kernels/harness,
 * the kernels-gcc backend), where gt_segment_host loops over the
 * particles [lo, hi). */
#include "passes.cuh"
#include "collective.cuh"
#include "beam.cuh"


/* gt_track_particle runs particle i through elements [start, end) for
 * turns passes, AT's turn counter starting at turn0, writing the monitor
 * (layout [pass][refpt][particle][coord], as the Go backend) at the
 * entrance of each refpt (end: after the last element). A lost particle
 * is only passed through passmethods that AT applies to lost particles
 * too (SolenoidLinearPass has no NaN guard). */
GT_DEVICE void gt_track_particle(int64_t i, const gt_beam *b, const gt_element *elems, int64_t start, int64_t end,
                                 const double *pool, const gt_params *params, int64_t turn0, int64_t turns,
                                 const int64_t *refpts, int64_t nref, double *monitor)
{
    double r[6];
    int64_t n = b->n;
    for (int k = 0; k < 6; k++) r[k] = b->coords[k * n + i];
    int lost = b->lost[i];
    gt_env env;
    env.p = *params;
    env.particle = gt_particle_index(b, i, params);
    for (int64_t pass = 0; pass < turns; pass++) {
        int64_t turn = turn0 + pass, ri = 0;
        env.turn = turn;
        for (int64_t ei = start; ei <= end; ei++) {
            while (ri < nref && refpts[ri] == ei) {
                double *m = monitor + ((pass * nref + ri) * n + i) * 6;
                for (int k = 0; k < 6; k++) m[k] = r[k];
                ri++;
            }
            if (ei == end) break;
            const gt_element *e = &elems[ei];
            if (lost && e->Method != GT_SolenoidLinearPass) continue;
            env.elem = ei;
            gt_pass(r, e, pool, &env);
            if (!lost) lost = gt_check_lost(r, b, i, turn, ei);
        }
    }
    for (int k = 0; k < 6; k++) b->coords[k * n + i] = r[k];
}

#ifdef GT_KERNELS
/* Kernel arguments are pointers and 64-bit integers only (gorgonia.org/cu
 * copies 8 bytes per argument); structures travel in device buffers. */
GT_GLOBAL GT_BOUNDS(GT_THREADS_PER_BLOCK, GT_MIN_BLOCKS) void gt_segment(const gt_beam *beam, const gt_element *elems, int64_t start, int64_t end,
                          const double *pool, const gt_params *params, int64_t turn0, int64_t turns,
                          const int64_t *refpts, int64_t nref, double *monitor)
{
    int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= beam->n) return;
    gt_track_particle(i, beam, elems, start, end, pool, params, turn0, turns, refpts, nref, monitor);
}

#else
/* Host build (test harness): the fused kernel over particles [lo, hi). */
void gt_segment_host(const gt_beam *beam, const gt_element *elems, int64_t start, int64_t end,
                     const double *pool, const gt_params *params, int64_t turn0, int64_t turns,
                     const int64_t *refpts, int64_t nref, double *monitor, int64_t lo, int64_t hi)
{
    for (int64_t i = lo; i < hi; i++)
        gt_track_particle(i, beam, elems, start, end, pool, params, turn0, turns, refpts, nref, monitor);
}
#endif
