/* bndmpole.cuh: BndMPoleSymplectic4Pass and BndMPoleSymplectic4RadPass. */
#ifndef GOTRACK_BNDMPOLE_CUH
#define GOTRACK_BNDMPOLE_CUH

#include "gotrack.h"
#include "fringe.cuh"
#include "radiation.cuh"

/* BndMPoleSymplectic4Pass: a sector bend with multipoles, integrated in
 * the curved frame with NumIntSteps 4th-order symplectic slices, between
 * dipole face maps (edge focusing with fringe correction), with optional
 * quadrupole fringes, misalignment, apertures, corrector kicks and field
 * scaling. */
GT_DEVICE void gt_pass_BndMPoleSymplectic4Pass(double *r, const gt_element *e, const double *pool,
                                               const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, irho, p_norm, NormL1, NormL2;
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
    irho = e->BendingAngle / e->Length;

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    p_norm = 1.0 / (1.0 + r[4]);
    NormL1 = L1 * p_norm;
    NormL2 = L2 * p_norm;
    gt_entrance_ops(r, e, pool);
    gt_edge_fringe(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
    gt_quad_fringe_at_entrance(r, e, pool, B);
    for (int m = 0; m < num_int_steps; m++) {
        gt_fast_drift(r, NormL1);
        gt_bnd_thin_kick(r, A, B, K1, irho, max_order);
        gt_fast_drift(r, NormL2);
        gt_bnd_thin_kick(r, A, B, K2, irho, max_order);
        gt_fast_drift(r, NormL2);
        gt_bnd_thin_kick(r, A, B, K1, irho, max_order);
        gt_fast_drift(r, NormL1);
    }
    gt_quad_fringe_at_exit(r, e, pool, B);
    gt_edge_fringe(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
    gt_exit_ops(r, e, pool, scaling);
}

/* BndMPoleSymplectic4RadPass: BndMPoleSymplectic4Pass with the classical
 * radiation loss in every kick, drifts renormalised by the current
 * momentum, and the radiating bends' face map. */
GT_DEVICE void gt_pass_BndMPoleSymplectic4RadPass(double *r, const gt_element *e, const double *pool,
                                                  const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, irho, rad_const;
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
    irho = e->BendingAngle / e->Length;
    rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    gt_diff_bend_fringe(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0);
    gt_quad_fringe_at_entrance(r, e, pool, B);
    for (int m = 0; m < num_int_steps; m++) {
        gt_drift6(r, L1);
        gt_bnd_rad_kick(r, A, B, max_order, K1, irho, rad_const);
        gt_drift6(r, L2);
        gt_bnd_rad_kick(r, A, B, max_order, K2, irho, rad_const);
        gt_drift6(r, L2);
        gt_bnd_rad_kick(r, A, B, max_order, K1, irho, rad_const);
        gt_drift6(r, L1);
    }
    gt_quad_fringe_at_exit(r, e, pool, B);
    gt_diff_bend_fringe(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0);
    gt_exit_ops(r, e, pool, scaling);
}

#endif
