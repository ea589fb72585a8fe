/* varmpole.cuh: VariableThinMPolePass, a thin multipole whose polynomials
 * follow an excitation in time or turn (host/varmpole.go). */
#ifndef GOTRACK_VARMPOLE_CUH
#define GOTRACK_VARMPOLE_CUH

#include "gotrack.h"

/* The modulation block at the record's Modulation (device/modulation.go):
 * header values, part offsets, and the excitation modes. */
#define GT_MOD_MODE 0
#define GT_MOD_PERIODIC 1
#define GT_MOD_HAS_RAMPS 2
#define GT_MOD_RAMPS 3
#define GT_MOD_A 7
#define GT_MOD_B 12
#define GT_MOD_AMP 0
#define GT_MOD_FREQUENCY 1
#define GT_MOD_PHASE 2
#define GT_MOD_NSAMPLES 3
#define GT_MOD_FUNC 4
#define GT_MOD_SINE 0
#define GT_MOD_ARBITRARY 2

/* gt_mod_int reads an integer of the block (mode, count or offset),
 * rounded to the nearest (host/varmpole.go's modInt). */
GT_DEVICE int gt_mod_int(double v) { return (int)floor(v + 0.5); }

/* AT's get_amp: amp ramped over turns (t) by Ramps, when present. */
GT_DEVICE double gt_mod_amp(const double *blk, double amp, double t)
{
    if (blk[GT_MOD_HAS_RAMPS] == 0) return amp;
    const double *rp = blk + GT_MOD_RAMPS;
    if (t <= rp[0]) return 0.0;
    if (t <= rp[1]) return amp * (t - rp[0]) / (rp[1] - rp[0]);
    if (t <= rp[2]) return amp;
    if (t <= rp[3]) return amp - amp * (t - rp[2]) / (rp[3] - rp[2]);
    return 0.0;
}

/* AT's get_pol: coefficient order of the part at offset part (A or B) at
 * time t [s] and turn turn. */
GT_DEVICE double gt_mod_pol(const double *blk, int part, int mode, double t, int64_t turn, int order)
{
    const double *p = blk + part;
    if (gt_mod_int(p[GT_MOD_AMP]) < 0) return 0.0;
    double ampt = gt_mod_amp(blk, blk[gt_mod_int(p[GT_MOD_AMP]) + order], (double)turn);
    if (mode == GT_MOD_SINE) {
        ampt *= sin(GT_TWOPI * p[GT_MOD_FREQUENCY] * t + p[GT_MOD_PHASE]);
        return ampt;
    }
    if (mode == GT_MOD_ARBITRARY) {
        int64_t n = gt_mod_int(p[GT_MOD_NSAMPLES]);
        if (blk[GT_MOD_PERIODIC] != 0 || turn < n) {
            /* non-negative modulo: a negative turn cannot read outside
             * the table (host/varmpole.go) */
            ampt *= blk[gt_mod_int(p[GT_MOD_FUNC]) + (int)(((turn % n) + n) % n)];
            return ampt;
        }
    }
    return 0.0;
}

/* VariableThinMPolePass: the polynomials come from the excitation alone
 * (the static PolynomA/B are not used, as in AT); in SINE mode the time is
 * T0 turn + ct/c per particle. Entrance misalignment and apertures, thin
 * kick, exit misalignment. */
GT_DEVICE void gt_pass_VariableThinMPolePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *blk = pool + e->Modulation;
    int mode = gt_mod_int(blk[GT_MOD_MODE]);
    int maxorder = e->MaxOrder;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    double t = env->p.T0 * (double)env->turn;

    if (gt_isnan(r[0])) return;
    if (mode == GT_MOD_SINE) t = t + r[5] / GT_C0;
    for (int i = 0; i < maxorder + 1; i++) {
        a[i] = gt_mod_pol(blk, GT_MOD_A, mode, t, env->turn, i);
        b[i] = gt_mod_pol(blk, GT_MOD_B, mode, t, env->turn, i);
    }
    gt_entrance_ops(r, e, pool);
    gt_str_thin_kick(r, a, b, 1.0, maxorder);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

#endif
