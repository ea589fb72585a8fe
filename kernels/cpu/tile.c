//go:build cgo

/* tile.c: the host-only entries of the CPU backend (package cpu).
 *
 * It compiles the kernel source (segment.cu, which brings every passmethod
 * and gt_segment_host, the per-particle path) with the host C compiler,
 * and adds gt_tile_pass, which tracks a tile of particles through one pass
 * element by element: one dispatch on the element's Method per element per
 * tile, then a loop over the tile's particles calling that passmethod.
 * Each particle goes through the same operations in the same order as in
 * gt_track_particle (segment.cu): the same passmethods, the same loss rule
 * after each element, lost particles passed only through
 * SolenoidLinearPass, the monitor written at the entrance of each refpt;
 * so the coordinates are bit for bit those of the per-particle path. The
 * GPU kernels are not affected: this file is compiled only by cgo. */
#include <string.h>

#include "segment.cu"
#include "tile.h"

/* The integrators that take most of the time (the straight and bent
 * multipoles, with and without radiation) have tiled forms: the slices'
 * loop outside, the particles inside, so that the processor overlaps the
 * independent particles' dependency chains. Each particle goes through
 * exactly the operations of gt_pass_<Method> (strmpole.cuh, bndmpole.cuh),
 * in the same order; only the interleaving between particles differs.
 * They take cnt particles at buf + 6*idx[c] (cnt <= GT_TILE_SUB), those
 * for which gt_pass_<Method> would not return at once (x not NaN). */
#define GT_TILE_SUB 32

/* GT_TILE_STEPS runs the num_int_steps 4th-order slices on the cnt
 * particles: DRIFT(c, which) is drift which (1 or 2) of particle c, KICK(K)
 * a kick of strength K. A slice works on a local copy of the particle's
 * coordinates, which the compiler keeps in registers. */
#define GT_TILE_STEPS(DRIFT, KICK)                                        \
    for (int m = 0; m < num_int_steps; m++) {                             \
        for (int64_t c = 0; c < cnt; c++) {                               \
            double *p = buf + 6 * idx[c], r[6];                           \
            for (int k = 0; k < 6; k++) r[k] = p[k];                      \
            DRIFT(c, 1);                                                  \
            KICK(K1);                                                     \
            DRIFT(c, 2);                                                  \
            KICK(K2);                                                     \
            DRIFT(c, 2);                                                  \
            KICK(K1);                                                     \
            DRIFT(c, 1);                                                  \
            for (int k = 0; k < 6; k++) p[k] = r[k];                      \
        }                                                                 \
    }

/* the drifts of the non-radiating passes: momentum-normalised lengths
 * computed at entrance; of the radiating ones: gt_drift6 */
#define GT_FAST_DRIFT(c, w) gt_fast_drift(r, (w) == 1 ? NormL1[c] : NormL2[c])
#define GT_DRIFT6(c, w) gt_drift6(r, (w) == 1 ? L1 : L2)

/* GT_TILE_SETUP computes what gt_pass_<Method> computes from the element
 * alone. */
#define GT_TILE_SETUP                                                     \
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];                      \
    const double *A, *B;                                                  \
    double SL, L1, L2, K1, K2;                                            \
    double scaling = e->FieldScaling;                                     \
    int max_order = e->MaxOrder;                                          \
    int num_int_steps = e->NumIntSteps;                                   \
    gt_polynoms(e, pool, 0, a, b, &A, &B);                                \
    SL = e->Length / (double)num_int_steps;                               \
    L1 = SL * GT_DRIFT1;                                                  \
    L2 = SL * GT_DRIFT2;                                                  \
    K1 = SL * GT_KICK1;                                                   \
    K2 = SL * GT_KICK2;

static void gt_tile_StrMPoleSymplectic4Pass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                            const double *pool, const gt_env *env)
{
    (void)env;
    double NormL1[GT_TILE_SUB], NormL2[GT_TILE_SUB];
    GT_TILE_SETUP
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        double p_norm = 1.0 / (1.0 + r[4]);
        NormL1[c] = L1 * p_norm;
        NormL2[c] = L2 * p_norm;
        gt_entrance_ops(r, e, pool);
        gt_quad_fringe_at_entrance(r, e, pool, B);
    }
#define GT_KICK(K) gt_str_thin_kick(r, A, B, K, max_order)
    GT_TILE_STEPS(GT_FAST_DRIFT, GT_KICK)
#undef GT_KICK
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, B);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_StrMPoleSymplectic4RadPass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                               const double *pool, const gt_env *env)
{
    GT_TILE_SETUP
    double rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        gt_entrance_ops(r, e, pool);
        gt_quad_fringe_at_entrance(r, e, pool, B);
    }
#define GT_KICK(K) gt_str_rad_kick(r, A, B, max_order, K, rad_const)
    GT_TILE_STEPS(GT_DRIFT6, GT_KICK)
#undef GT_KICK
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, B);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_BndMPoleSymplectic4Pass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                            const double *pool, const gt_env *env)
{
    (void)env;
    double NormL1[GT_TILE_SUB], NormL2[GT_TILE_SUB];
    GT_TILE_SETUP
    double irho = e->BendingAngle / e->Length;
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        double p_norm = 1.0 / (1.0 + r[4]);
        NormL1[c] = L1 * p_norm;
        NormL2[c] = L2 * p_norm;
        gt_entrance_ops(r, e, pool);
        gt_edge_fringe(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
        gt_quad_fringe_at_entrance(r, e, pool, B);
    }
#define GT_KICK(K) gt_bnd_thin_kick(r, A, B, K, irho, max_order)
    GT_TILE_STEPS(GT_FAST_DRIFT, GT_KICK)
#undef GT_KICK
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, B);
        gt_edge_fringe(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_BndMPoleSymplectic4RadPass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                               const double *pool, const gt_env *env)
{
    GT_TILE_SETUP
    double irho = e->BendingAngle / e->Length;
    double rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        gt_entrance_ops(r, e, pool);
        gt_diff_bend_fringe(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
        gt_quad_fringe_at_entrance(r, e, pool, B);
    }
#define GT_KICK(K) gt_bnd_rad_kick(r, A, B, max_order, K, irho, rad_const)
    GT_TILE_STEPS(GT_DRIFT6, GT_KICK)
#undef GT_KICK
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, B);
        gt_diff_bend_fringe(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
        gt_exit_ops(r, e, pool, scaling);
    }
}

/* GT_TILE_SLICED(name) runs a tiled integrator over the tile in blocks of
 * GT_TILE_SUB particles: the live particles whose x is not NaN (the others
 * gt_pass_<name> returns at once), then PyAT's loss rule on every live
 * particle of the block, as the per-particle path does after the pass. */
#define GT_TILE_SLICED(name)                                                             \
    case GT_##name:                                                                      \
        for (int64_t j0 = 0; j0 < m; j0 += GT_TILE_SUB) {                                \
            int64_t j1 = j0 + GT_TILE_SUB < m ? j0 + GT_TILE_SUB : m, cnt = 0;           \
            int64_t idx[GT_TILE_SUB];                                                    \
            for (int64_t j = j0; j < j1; j++)                                            \
                if (!b->lost[lo + j] && !gt_isnan(buf[6 * j])) idx[cnt++] = j;           \
            if (cnt > 0) gt_tile_##name(buf, idx, cnt, e, pool, &env);                   \
            for (int64_t j = j0; j < j1; j++)                                            \
                if (!b->lost[lo + j]) alive -= gt_check_lost(buf + 6 * j, b, lo + j, turn, ei); \
        }                                                                                \
        break;

/* GT_TILE_CASE is the loop of one passmethod over the tile's particles j
 * (beam particle lo+j, coordinates at buf[6*j]). */
#define GT_TILE_CASE(name)                                                   \
    case GT_##name:                                                          \
        for (int64_t j = 0; j < m; j++) {                                    \
            int was_lost = b->lost[lo + j];                                  \
            if (was_lost && GT_##name != GT_SolenoidLinearPass) continue;    \
            double *r = buf + 6 * j;                                         \
            gt_pass_##name(r, e, pool, &env);                                \
            if (!was_lost) alive -= gt_check_lost(r, b, lo + j, turn, ei);   \
        }                                                                    \
        break;

void gt_tile_pass(const gt_beam *b, const gt_element *elems, int64_t start, int64_t end, const double *pool,
                  const gt_params *params, int64_t turn, int64_t pass, const int64_t *refpts, int64_t nref,
                  double *monitor, int64_t lo, int64_t hi, double *buf)
{
    int64_t n = b->n, m = hi - lo, alive = 0;
    for (int64_t j = 0; j < m; j++) {
        for (int k = 0; k < 6; k++) buf[6 * j + k] = b->coords[k * n + lo + j];
        if (!b->lost[lo + j]) alive++;
    }
    gt_env env;
    env.p = *params;
    env.turn = turn;
    int64_t ri = 0;
    for (int64_t ei = start; ei <= end; ei++) {
        /* monitor layout [pass][refpt][particle][coord]: the tile's
         * particles are contiguous there, as in buf */
        while (ri < nref && refpts[ri] == ei) {
            memcpy(monitor + ((pass * nref + ri) * n + lo) * 6, buf, (size_t)m * 6 * sizeof(double));
            ri++;
        }
        if (ei == end) break;
        const gt_element *e = &elems[ei];
        /* a tile without live particles skips the element, as each of its
         * particles would, except SolenoidLinearPass (AT applies it to
         * lost particles too) */
        if (alive == 0 && e->Method != GT_SolenoidLinearPass) continue;
        switch (e->Method) {
            GT_TILE_SLICED(StrMPoleSymplectic4Pass)
            GT_TILE_SLICED(StrMPoleSymplectic4RadPass)
            GT_TILE_SLICED(BndMPoleSymplectic4Pass)
            GT_TILE_SLICED(BndMPoleSymplectic4RadPass)
        default:
            /* the passmethods without a tiled integrator (the inner
             * switch's cases of the four above are never reached) */
            switch (e->Method) {
                GT_FOR_EACH_METHOD(GT_TILE_CASE)
            }
        }
    }
    for (int64_t j = 0; j < m; j++)
        for (int k = 0; k < 6; k++) b->coords[k * n + lo + j] = buf[6 * j + k];
}

#undef GT_TILE_CASE
#undef GT_TILE_SLICED
