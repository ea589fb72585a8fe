/* strmpole.cuh: StrMPoleSymplectic4Pass and StrMPoleSymplectic4RadPass. */
#ifndef GOTRACK_STRMPOLE_CUH
#define GOTRACK_STRMPOLE_CUH

#include "gotrack.h"
#include "fringe.cuh"
#include "radiation.cuh"

/* StrMPoleSymplectic4Pass: a straight multipole magnet integrated with
 * NumIntSteps 4th-order symplectic slices (drift, kick, drift, kick,
 * drift, kick, drift), with optional quadrupole fringes, misalignment,
 * apertures, corrector kicks and field scaling. The drift lengths are
 * normalised by the momentum once, before the entrance misalignment. */
GT_DEVICE void gt_pass_StrMPoleSymplectic4Pass(double *r, const gt_element *e, const double *pool,
                                               const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, p_norm, NormL1, NormL2;
    double scaling = e->FieldScaling;
    int max_order = e->MaxOrder;
    int num_int_steps = e->NumIntSteps;
    if (gt_isnan(r[0])) return;
    gt_polynoms(e, pool, 0, a, b, &A, &B);
    SL = e->Length / (double)num_int_steps;
    L1 = SL * GT_DRIFT1;
    L2 = SL * GT_DRIFT2;
    K1 = SL * GT_KICK1;
    K2 = SL * GT_KICK2;

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    p_norm = 1.0 / (1.0 + r[4]);
    NormL1 = L1 * p_norm;
    NormL2 = L2 * p_norm;
    gt_entrance_ops(r, e, pool);
    gt_quad_fringe_at_entrance(r, e, pool, B);
    for (int m = 0; m < num_int_steps; m++) {
        gt_fast_drift(r, NormL1);
        gt_str_thin_kick(r, A, B, K1, max_order);
        gt_fast_drift(r, NormL2);
        gt_str_thin_kick(r, A, B, K2, max_order);
        gt_fast_drift(r, NormL2);
        gt_str_thin_kick(r, A, B, K1, max_order);
        gt_fast_drift(r, NormL1);
    }
    gt_quad_fringe_at_exit(r, e, pool, B);
    gt_exit_ops(r, e, pool, scaling);
}

/* StrMPoleSymplectic4RadPass: StrMPoleSymplectic4Pass with the classical
 * radiation loss in every kick; each drift renormalises by the current
 * momentum. */
GT_DEVICE void gt_pass_StrMPoleSymplectic4RadPass(double *r, const gt_element *e, const double *pool,
                                                  const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, rad_const;
    double scaling = e->FieldScaling;
    int max_order = e->MaxOrder;
    int num_int_steps = e->NumIntSteps;
    if (gt_isnan(r[0])) return;
    gt_polynoms(e, pool, 0, a, b, &A, &B);
    SL = e->Length / (double)num_int_steps;
    L1 = SL * GT_DRIFT1;
    L2 = SL * GT_DRIFT2;
    K1 = SL * GT_KICK1;
    K2 = SL * GT_KICK2;
    rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    gt_quad_fringe_at_entrance(r, e, pool, B);
    for (int m = 0; m < num_int_steps; m++) {
        gt_drift6(r, L1);
        gt_str_rad_kick(r, A, B, max_order, K1, rad_const);
        gt_drift6(r, L2);
        gt_str_rad_kick(r, A, B, max_order, K2, rad_const);
        gt_drift6(r, L2);
        gt_str_rad_kick(r, A, B, max_order, K1, rad_const);
        gt_drift6(r, L1);
    }
    gt_quad_fringe_at_exit(r, e, pool, B);
    gt_exit_ops(r, e, pool, scaling);
}

#endif
