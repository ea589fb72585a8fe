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
 * multipoles, with and without radiation) have a lane form: the particles
 * whose x is not NaN (those for which gt_pass_<Method> would not return at
 * once), at most GT_LANES of them at buf + 6*idx[c], go through the
 * entrance scalar by scalar, then through the slices together as six
 * arrays of GT_LANES values (tile_lanes.h: SIMD), then through the exit.
 * Each particle goes through exactly the operations of gt_pass_<Method>
 * (strmpole.cuh, bndmpole.cuh), in the same order. */
#define GT_LANES 32

/* gt_lanes: the coordinates of GT_LANES particles, coordinate by
 * coordinate. */
typedef struct {
    double r[6][GT_LANES] __attribute__((aligned(32)));
} gt_lanes;

/* gt_slices: what the slices need from the element, computed once per
 * element as gt_pass_<Method> computes it. */
typedef struct {
    const double *A, *B;
    double L1, L2, K1, K2, irho, rad_const;
    double NormL1[GT_LANES], NormL2[GT_LANES];
    int max_order, num_int_steps;
} gt_slices;

/* the lane functions for the baseline instruction set, and on x86-64 for
 * AVX2 (no FMA: the products stay rounded one by one) */
#define GT_LANE_FN(name) name##_base
#define GT_LANE_ATTR
#include "tile_lanes.h"
#undef GT_LANE_FN
#undef GT_LANE_ATTR
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GT_LANES_AVX2 1
#define GT_LANE_FN(name) name##_avx2
#define GT_LANE_ATTR __attribute__((target("avx2")))
#include "tile_lanes.h"
#undef GT_LANE_FN
#undef GT_LANE_ATTR
#endif

typedef void (*gt_lanes_fn)(gt_lanes *, const gt_slices *);

/* gt_lanes_fns holds the lane integrators of the processor, indexed
 * 0 to 3: straight, straight radiating, bent, bent radiating. */
static gt_lanes_fn gt_lanes_fns[4];

/* gt_tile_select sets the lane integrators: AVX2 when avx2 is non-zero
 * and the processor has it, else the baseline ones. It returns whether
 * AVX2 was chosen. */
int gt_tile_select(int avx2)
{
    gt_lanes_fn base[4] = {gt_lanes_StrMPoleSymplectic4Pass_base, gt_lanes_StrMPoleSymplectic4RadPass_base,
                           gt_lanes_BndMPoleSymplectic4Pass_base, gt_lanes_BndMPoleSymplectic4RadPass_base};
    for (int i = 0; i < 4; i++) gt_lanes_fns[i] = base[i];
#ifdef GT_LANES_AVX2
    __builtin_cpu_init();
    if (avx2 && __builtin_cpu_supports("avx2")) {
        gt_lanes_fn fast[4] = {gt_lanes_StrMPoleSymplectic4Pass_avx2, gt_lanes_StrMPoleSymplectic4RadPass_avx2,
                               gt_lanes_BndMPoleSymplectic4Pass_avx2, gt_lanes_BndMPoleSymplectic4RadPass_avx2};
        for (int i = 0; i < 4; i++) gt_lanes_fns[i] = fast[i];
        return 1;
    }
#else
    (void)avx2;
#endif
    return 0;
}

void gt_tile_init(void) { gt_tile_select(1); }

/* gt_tile_simd names the instruction set of the lane integrators. */
const char *gt_tile_simd(void)
{
#ifdef GT_LANES_AVX2
    if (gt_lanes_fns[0] == gt_lanes_StrMPoleSymplectic4Pass_avx2) return "AVX2";
#endif
    return "baseline SIMD";
}

/* gt_lanes_run gathers the cnt particles at buf + 6*idx[c] into lanes, runs
 * integrator fn (an index of gt_lanes_fns) on them and scatters them back. */
static void gt_lanes_run(int fn, double *buf, const int64_t *idx, int64_t cnt, const gt_slices *s)
{
    gt_lanes v;
    for (int k = 0; k < 6; k++) {
        for (int64_t c = 0; c < cnt; c++) v.r[k][c] = buf[6 * idx[c] + k];
        for (int64_t c = cnt; c < GT_LANES; c++) v.r[k][c] = 0;
    }
    gt_lanes_fns[fn](&v, s);
    for (int k = 0; k < 6; k++)
        for (int64_t c = 0; c < cnt; c++) buf[6 * idx[c] + k] = v.r[k][c];
}

/* gt_slices_setup computes what gt_pass_<Method> computes from the element
 * alone; a and b hold the polynomials when KickAngle is added. */
static void gt_slices_setup(gt_slices *s, const gt_element *e, const double *pool, double *a, double *b)
{
    double SL;
    gt_polynoms(e, pool, 0, a, b, &s->A, &s->B);
    s->max_order = e->MaxOrder;
    s->num_int_steps = e->NumIntSteps;
    SL = e->Length / (double)s->num_int_steps;
    s->L1 = SL * GT_DRIFT1;
    s->L2 = SL * GT_DRIFT2;
    s->K1 = SL * GT_KICK1;
    s->K2 = SL * GT_KICK2;
    s->irho = 0;
    s->rad_const = 0;
    for (int c = 0; c < GT_LANES; c++) s->NormL1[c] = s->NormL2[c] = 0;
}

static void gt_tile_StrMPoleSymplectic4Pass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                            const double *pool, const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    gt_slices s;
    gt_slices_setup(&s, e, pool, a, b);
    double scaling = e->FieldScaling;
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        double p_norm = 1.0 / (1.0 + r[4]);
        s.NormL1[c] = s.L1 * p_norm;
        s.NormL2[c] = s.L2 * p_norm;
        gt_entrance_ops(r, e, pool);
        gt_quad_fringe_at_entrance(r, e, pool, s.B);
    }
    gt_lanes_run(0, buf, idx, cnt, &s);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, s.B);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_StrMPoleSymplectic4RadPass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                               const double *pool, const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    gt_slices s;
    gt_slices_setup(&s, e, pool, a, b);
    s.rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);
    double scaling = e->FieldScaling;
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        gt_entrance_ops(r, e, pool);
        gt_quad_fringe_at_entrance(r, e, pool, s.B);
    }
    gt_lanes_run(1, buf, idx, cnt, &s);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, s.B);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_BndMPoleSymplectic4Pass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                            const double *pool, const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    gt_slices s;
    gt_slices_setup(&s, e, pool, a, b);
    s.irho = e->BendingAngle / e->Length;
    double scaling = e->FieldScaling;
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        double p_norm = 1.0 / (1.0 + r[4]);
        s.NormL1[c] = s.L1 * p_norm;
        s.NormL2[c] = s.L2 * p_norm;
        gt_entrance_ops(r, e, pool);
        gt_edge_fringe(r, s.irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
        gt_quad_fringe_at_entrance(r, e, pool, s.B);
    }
    gt_lanes_run(2, buf, idx, cnt, &s);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, s.B);
        gt_edge_fringe(r, s.irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
        gt_exit_ops(r, e, pool, scaling);
    }
}

static void gt_tile_BndMPoleSymplectic4RadPass(double *buf, const int64_t *idx, int64_t cnt, const gt_element *e,
                                               const double *pool, const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    gt_slices s;
    gt_slices_setup(&s, e, pool, a, b);
    s.irho = e->BendingAngle / e->Length;
    s.rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);
    double scaling = e->FieldScaling;
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        gt_entrance_ops(r, e, pool);
        gt_diff_bend_fringe(r, s.irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
        gt_quad_fringe_at_entrance(r, e, pool, s.B);
    }
    gt_lanes_run(3, buf, idx, cnt, &s);
    for (int64_t c = 0; c < cnt; c++) {
        double *r = buf + 6 * idx[c];
        gt_quad_fringe_at_exit(r, e, pool, s.B);
        gt_diff_bend_fringe(r, s.irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
        gt_exit_ops(r, e, pool, scaling);
    }
}

/* GT_TILE_SLICED(name) runs a tiled integrator over the tile in blocks of
 * GT_LANES particles: the live particles whose x is not NaN (the others
 * gt_pass_<name> returns at once), then PyAT's loss rule on every live
 * particle of the block, as the per-particle path does after the pass. */
#define GT_TILE_SLICED(name)                                                             \
    case GT_##name:                                                                      \
        for (int64_t j0 = 0; j0 < m; j0 += GT_LANES) {                                \
            int64_t j1 = j0 + GT_LANES < m ? j0 + GT_LANES : m, cnt = 0;           \
            int64_t idx[GT_LANES];                                                    \
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
            env.particle = gt_particle_index(b, lo + j, params);             \
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
    env.elem = start;
    env.particle = gt_particle_index(b, lo, params);
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
        env.elem = ei;
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
