/* exactrad.cuh: ExactMultipoleRadPass, ExactSectorBendRadPass and
 * ExactRectangularBendRadPass, the exact integrators with classical
 * radiation in their thin kicks (host/exactrad.go), and the rectangular
 * bend sequence shared with exactrectbend.cuh. No diffusion matrix. */
#ifndef GOTRACK_EXACTRAD_CUH
#define GOTRACK_EXACTRAD_CUH

#include "gotrack.h"
#include "radiation.cuh"
#include "exactdrift.cuh"
#include "exactmultipole.cuh"
#include "exactbend.cuh"

/* gt_ex_field: field sums ReSum = By/Brho, ImSum = Bx/Brho by Horner's
 * rule from the highest order, PolynomA included. */
GT_DEVICE void gt_ex_field(const double *r, const double *A, const double *B, int max_order, double *re, double *im)
{
    double ReSum = B[max_order], ImSum = A[max_order], t;
    for (int i = max_order - 1; i >= 0; i--) {
        t = ReSum * r[0] - ImSum * r[2] + B[i];
        ImSum = ImSum * r[0] + ReSum * r[2] + A[i];
        ReSum = t;
    }
    *re = ReSum;
    *im = ImSum;
}

/* |B x e|^2 in a straight frame, e the unit velocity: |B|^2 - (B.e)^2. */
GT_DEVICE double gt_ex_str_b2_perp(double bx, double by, double xpr, double ypr)
{
    double s = bx * xpr + by * ypr;
    return bx * bx + by * by - s * s;
}

/* |e x B|^2 in a frame of curvature irho. */
GT_DEVICE double gt_ex_bnd_b2_perp(double bx, double by, double irho, double x, double xpr, double ypr)
{
    double h = 1.0 + x * irho;
    double nrm = h * h;
    double v_norm2 = nrm + (xpr * xpr) * (1.0 - nrm) + (ypr * ypr) * (1.0 - nrm);
    double s = bx * xpr + by * ypr;
    return bx * bx + by * by - s * s / v_norm2;
}

/* Exact drift with the path factor taken from the angles (AT's
 * diff_exactdrift); ct gains the absolute path length. */
GT_DEVICE void gt_ex_rad_drift(double *r, double L)
{
    double p_norm = 1.0 / (1.0 + r[4]);
    double xpr = r[1] * p_norm;
    double ypr = r[3] * p_norm;
    double NormL = L * p_norm / sqrt(1.0 - xpr * xpr - ypr * ypr);
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * (1.0 + r[4]);
}

/* Thin multipole kick of length L preceded by the classical energy loss
 * along the exact path (AT's diff_str_exactkick). */
GT_DEVICE void gt_ex_str_rad_kick(double *r, const double *A, const double *B, int max_order, double L,
                                  double rad_const)
{
    double ReSum, ImSum, p_norm, xpr, ypr, b2p, factor;
    gt_ex_field(r, A, B, max_order, &ReSum, &ImSum);
    p_norm = 1.0 / (1.0 + r[4]);
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;
    b2p = gt_ex_str_b2_perp(ImSum, ReSum, xpr, ypr);
    factor = L / (p_norm * p_norm) / sqrt(1.0 - xpr * xpr - ypr * ypr);

    r[4] -= rad_const * b2p * factor;

    p_norm = 1.0 / (1.0 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;
    r[1] -= L * ReSum;
    r[3] += L * ImSum;
}

/* Straight-frame thin kick whose radiation also sees the vertical field B0
 * of a body map (AT's ex_strthinkickrad); the kick is the multipoles'. */
GT_DEVICE void gt_ex_str_thin_kick_rad(double *r, const double *A, const double *B, int max_order, double B0,
                                       double L, double rad_const)
{
    double ReSum, ImSum, p_norm, xpr, ypr, b2p;
    gt_ex_field(r, A, B, max_order, &ReSum, &ImSum);
    p_norm = 1 / (1 + r[4]);
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;
    b2p = gt_ex_str_b2_perp(ImSum, ReSum + B0, xpr, ypr);

    r[4] -= rad_const * ((1 + r[4]) * (1 + r[4])) * b2p * L / sqrt(1.0 - xpr * xpr - ypr * ypr);

    p_norm = 1 / (1 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;
    r[1] -= L * ReSum;
    r[3] += L * ImSum;
}

/* Thin multipole kick of length L in a sector bend whose body map carries
 * the guide field irho; the radiation sees the full field (AT's
 * ex_bndthinkickrad). */
GT_DEVICE void gt_ex_bnd_thin_kick_rad(double *r, const double *A, const double *B, int max_order, double L,
                                       double irho, double rad_const)
{
    double ReSum, ImSum, p_norm, x, xpr, ypr, b2p;
    gt_ex_field(r, A, B, max_order, &ReSum, &ImSum);
    p_norm = 1 / (1 + r[4]);
    x = r[0];
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;
    b2p = gt_ex_bnd_b2_perp(ImSum, ReSum + irho, irho, x, xpr, ypr);

    r[4] -= rad_const * ((1 + r[4]) * (1 + r[4])) * b2p * (1.0 + x * irho) * L / sqrt(1.0 - xpr * xpr - ypr * ypr);

    p_norm = 1 / (1 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;
    r[1] -= L * ReSum;
    r[3] += L * ImSum;
}

/* ExactMultipoleRadPass: ExactMultipolePass with radiating kicks and AT's
 * radiating exact drifts. */
GT_DEVICE void gt_pass_ExactMultipoleRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    int max_order = e->MaxOrder;
    int nsteps = e->NumIntSteps;
    double le = e->Length;
    double scaling = e->FieldScaling;
    double sl, l1, l2, k1, k2, rad_const;

    if (gt_isnan(r[0])) return;

    gt_exact_polys(e, pool, a, b);
    sl = le / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;
    rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, b, max_order, 1.0, 0);
    for (int m = 0; m < nsteps; m++) {
        gt_ex_rad_drift(r, l1);
        gt_ex_str_rad_kick(r, a, b, max_order, k1, rad_const);
        gt_ex_rad_drift(r, l2);
        gt_ex_str_rad_kick(r, a, b, max_order, k2, rad_const);
        gt_ex_rad_drift(r, l2);
        gt_ex_str_rad_kick(r, a, b, max_order, k1, rad_const);
        gt_ex_rad_drift(r, l1);
    }
    r[5] -= le;
    if (e->FringeQuadExit != 0) gt_ex_multipole_fringe(r, a, b, max_order, -1.0, 0);
    gt_exit_ops(r, e, pool, scaling);
}

/* ExactSectorBendRadPass: ExactSectorBendPass with radiating kicks
 * (NumIntSteps > 0, checked by the compiler). */
GT_DEVICE void gt_pass_ExactSectorBendRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    int max_order = e->MaxOrder;
    int nsteps = e->NumIntSteps;
    double le = e->Length;
    double irho = e->BendingAngle / le;
    double scaling = e->FieldScaling;
    double gK = e->GK;
    double entrance = e->EntranceAngle;
    double exit_ = e->ExitAngle;
    double sl, l1, l2, k1, k2, rad_const;

    if (gt_isnan(r[0])) return;

    gt_exact_polys(e, pool, a, b);
    sl = le / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;
    rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);

    gt_ex_y_rot(r, entrance);
    if (e->FringeBendEntrance != 0) gt_ex_bend_fringe(r, irho, gK);
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, b, max_order, 1.0, 1);
    gt_ex_bend_edge(r, irho, -entrance);

    for (int m = 0; m < nsteps; m++) {
        gt_ex_bend(r, irho, l1);
        gt_ex_bnd_thin_kick_rad(r, a, b, max_order, k1, irho, rad_const);
        gt_ex_bend(r, irho, l2);
        gt_ex_bnd_thin_kick_rad(r, a, b, max_order, k2, irho, rad_const);
        gt_ex_bend(r, irho, l2);
        gt_ex_bnd_thin_kick_rad(r, a, b, max_order, k1, irho, rad_const);
        gt_ex_bend(r, irho, l1);
    }
    r[5] -= le;

    gt_ex_bend_edge(r, irho, -exit_);
    if (e->FringeQuadExit != 0) gt_ex_multipole_fringe(r, a, b, max_order, -1.0, 1);
    if (e->FringeBendExit != 0) gt_ex_bend_fringe(r, -irho, gK);
    gt_ex_y_rot(r, exit_);

    gt_exit_ops(r, e, pool, scaling);
}

/* Body and kick models of the rectangular exact bends (gt_ex_rect_bend). */
#define GT_RECT_DRIFT_KICK_RAD 0    /* ExactRectangularBendRadPass */
#define GT_RECT_STRAIGHT_KICK 1     /* ExactRectBendPass */
#define GT_RECT_STRAIGHT_KICK_RAD 2 /* ExactRectBendRadPass */

/* Exact map V(L, irho) of Forest 12.39: a uniform vertical field of
 * curvature irho along a straight reference; ct gains the full path
 * length. Below |irho| = 1e-6 it is an exact drift. */
GT_DEVICE void gt_ex_straight_bend(double *r, double irho, double L)
{
    double dp1 = 1.0 + r[4];
    double pz = gt_ex_pz(dp1, r[1], r[3]);
    if (fabs(irho) < 1.e-6) {
        double NormL = L / pz;
        r[0] += r[1] * NormL;
        r[2] += r[3] * NormL;
        r[5] += NormL * dp1;
        return;
    }
    double px = r[1] - irho * L;
    double d2 = gt_ex_pz(dp1, 0.0, r[3]);
    double dasin = (asin(r[1] / d2) - asin(px / d2)) / irho;
    double dx = (gt_ex_pz(dp1, px, r[3]) - pz) / irho;
    double dy = r[3] * dasin;
    double dct = dp1 * dasin;

    r[0] += dx;
    r[1] = px;
    r[2] += dy;
    r[5] += dct;
}

/* One body map of the selected model. */
GT_DEVICE void gt_ex_rect_body(double *r, int model, double irho, double L)
{
    if (model == GT_RECT_DRIFT_KICK_RAD) gt_exact_drift(r, L);
    else gt_ex_straight_bend(r, irho, L);
}

/* One thin kick of the selected model. */
GT_DEVICE void gt_ex_rect_kick(double *r, int model, const double *A, const double *B, int max_order, double irho,
                               double L, double rad_const)
{
    switch (model) {
    case GT_RECT_DRIFT_KICK_RAD: gt_ex_str_thin_kick_rad(r, A, B, max_order, 0.0, L, rad_const); break;
    case GT_RECT_STRAIGHT_KICK: gt_str_thin_kick(r, A, B, L, max_order); break;
    default: gt_ex_str_thin_kick_rad(r, A, B, max_order, irho, L, rad_const); break;
    }
}

/* gt_ex_rect_bend: the frame, edge and fringe sequence of AT's
 * rectangular exact bends around NumIntSteps Yoshida slices of body maps
 * (exact drifts, or straight-frame bend maps) and thin kicks (radiating or
 * not), as model selects; with NumIntSteps 0 the body is one map of the
 * chord length for ExactRectBendPass, nothing for the radiating ones (as
 * AT's loop does; the compiler rejects it). The drift model carries the dipole field in the kicks.
 * Apertures are checked after the entrance frame rotation and before the
 * exit one. */
GT_DEVICE void gt_ex_rect_bend(double *r, const gt_element *e, const double *pool, const gt_env *env, int model)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    int max_order = e->MaxOrder;
    int nsteps = e->NumIntSteps;
    double le = e->Length;
    double bending_angle = e->BendingAngle;
    double irho = bending_angle / le;
    double phi2 = 0.5 * bending_angle;
    double lr;
    double scaling = e->FieldScaling;
    double gK = e->GK;
    double entrance = e->EntranceAngle;
    double exit_ = e->ExitAngle;
    double x0ref = e->X0Ref;
    double refdz = e->RefDZ;
    double sl, l1, l2, k1, k2, rad_const = 0.0;
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    const double *RA = gt_arr(pool, e->RApertures), *EA = gt_arr(pool, e->EApertures);

    if (gt_isnan(r[0])) return;

    if (phi2 < 1.e-10) lr = le;
    else lr = le * sin(phi2) / phi2;

    gt_exact_polys(e, pool, a, b);
    sl = lr / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;
    if (model != GT_RECT_STRAIGHT_KICK) rad_const = gt_rad_constant(e->Energy, env->p.RestEnergy);

    /* with drifts for the body, the kicks carry the main dipole field */
    if (model == GT_RECT_DRIFT_KICK_RAD) b[0] += irho;

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);

    gt_ex_y_rot(r, entrance);

    if (RA) gt_check_rect_ap(r, RA);
    if (EA) gt_check_ell_ap(r, EA);

    if (e->FringeBendEntrance != 0) gt_ex_bend_fringe(r, irho, gK);
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, b, max_order, 1.0, 1);
    gt_ex_bend_edge(r, irho, phi2 - entrance);

    r[0] += x0ref;
    if (nsteps == 0 && model == GT_RECT_STRAIGHT_KICK) gt_ex_rect_body(r, model, irho, lr);
    for (int m = 0; m < nsteps; m++) {
        gt_ex_rect_body(r, model, irho, l1);
        gt_ex_rect_kick(r, model, a, b, max_order, irho, k1, rad_const);
        gt_ex_rect_body(r, model, irho, l2);
        gt_ex_rect_kick(r, model, a, b, max_order, irho, k2, rad_const);
        gt_ex_rect_body(r, model, irho, l2);
        gt_ex_rect_kick(r, model, a, b, max_order, irho, k1, rad_const);
        gt_ex_rect_body(r, model, irho, l1);
    }
    r[0] -= x0ref;

    r[5] -= (le + refdz);

    gt_ex_bend_edge(r, irho, phi2 - exit_);
    if (e->FringeQuadExit != 0) gt_ex_multipole_fringe(r, a, b, max_order, -1.0, 1);
    if (e->FringeBendExit != 0) gt_ex_bend_fringe(r, -irho, gK);

    if (RA) gt_check_rect_ap(r, RA);
    if (EA) gt_check_ell_ap(r, EA);

    gt_ex_y_rot(r, exit_);

    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
    if (scaling != 1.0) gt_change_p_ref(r, 1.0 / scaling);
}

/* ExactRectangularBendRadPass: ExactRectangularBendPass with radiating
 * kicks, which carry the dipole field (NumIntSteps > 0). */
GT_DEVICE void gt_pass_ExactRectangularBendRadPass(double *r, const gt_element *e, const double *pool,
                                                   const gt_env *env)
{
    gt_ex_rect_bend(r, e, pool, env, GT_RECT_DRIFT_KICK_RAD);
}

#endif
