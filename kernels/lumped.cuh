/* lumped.cuh: AT's lumped ring elements, as host/lumped.go:
 * SimpleRadiationRadPass (energy loss and damping around the dispersion
 * orbit), EnergyLossRadPass (momentum loss keeping the angles),
 * DeltaQPass (tune shifts with chromaticity and amplitude),
 * Matrix66RadPass (a radiating 6x6 matrix) and LongtAperturePass (limits
 * on delta and ct). Their parameters are precomputed into the pool at
 * Lumped when the plan is compiled (element.h documents the layout); the
 * arithmetic follows AT's integrators operation by operation. */
#ifndef GOTRACK_LUMPED_CUH
#define GOTRACK_LUMPED_CUH

#include "gotrack.h"
#include "matrix66.cuh"

/* SimpleRadiationRadPass: delta -= U0/E, then each coordinate measured
 * from the dispersion orbit is multiplied by its damp_mat_diag entry
 * (skipped when the entry is exactly 1). */
GT_DEVICE void gt_pass_SimpleRadiationRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *p = pool + e->Lumped;
    const double *damp = p;
    double dispx = p[6], dispxp = p[7], dispy = p[8], dispyp = p[9], loss = p[10];
    (void)env;

    if (gt_isnan(r[0])) return;
    r[4] -= loss;
    double dpp = r[4];
    double x = r[0] - dispx * dpp;
    double xp = r[1] - dispxp * dpp;
    double y = r[2] - dispy * dpp;
    double yp = r[3] - dispyp * dpp;
    double z = r[5];
    if (damp[0] != 1.0) x *= damp[0];
    if (damp[1] != 1.0) xp *= damp[1];
    if (damp[2] != 1.0) y *= damp[2];
    if (damp[3] != 1.0) yp *= damp[3];
    if (damp[4] != 1.0) dpp *= damp[4];
    if (damp[5] != 1.0) z *= damp[5];
    r[4] = dpp;
    r[5] = z;
    r[0] = x + dispx * dpp;
    r[1] = xp + dispxp * dpp;
    r[2] = y + dispy * dpp;
    r[3] = yp + dispyp * dpp;
}

/* EnergyLossRadPass: delta -= dpp (1+delta)^2 with px, py rescaled to
 * keep the angles; dpp is the precomputed nominal step. */
GT_DEVICE void gt_pass_EnergyLossRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double dpp = pool[e->Lumped];
    (void)env;

    if (gt_isnan(r[0])) return;
    double pn = 1.0 + r[4];
    double xpr = r[1] / pn;
    double ypr = r[3] / pn;
    r[4] -= dpp * pn * pn;
    pn = 1.0 + r[4];
    r[1] = xpr * pn;
    r[3] = ypr * pn;
}

/* DeltaQPass: rotations by 2 pi dQx and 2 pi dQy in the (x, x') and
 * (y, y') planes described by the element's Twiss parameters, dQ from
 * the chromaticity terms chrom[k-1] delta^k / k! and the amplitude terms
 * A1 Jx + A2 Jy, A2 Jx + A3 Jy; misaligned by T1, R1 and R2, T2. */
GT_DEVICE void gt_pass_DeltaQPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *p = pool + e->Lumped;
    int n = e->ChromOrder;
    double ax = p[0], ay = p[1], bx = p[2], by = p[3], a1 = p[4], a2 = p[5], a3 = p[6];
    const double *chx = p + 7, *chy = p + 7 + (n > 0 ? n : 0);
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    double gx = (1 + ax * ax) / bx;
    double gy = (1 + ay * ay) / by;
    (void)env;

    if (gt_isnan(r[0])) return;
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    double dpp = r[4];
    double x = r[0];
    double xp = r[1] / (1.0 + dpp);
    double y = r[2];
    double yp = r[3] / (1.0 + dpp);
    double jx = 0.5 * (gx * x * x + 2.0 * ax * x * xp + bx * xp * xp);
    double jy = 0.5 * (gy * y * y + 2.0 * ay * y * yp + by * yp * yp);
    double dqxc = 0.0, dqyc = 0.0, fact = 1.0, dp = dpp;
    for (int k = 1; k < n + 1; k++) {
        fact *= k;
        dqxc += chx[k - 1] * dp / fact;
        dqyc += chy[k - 1] * dp / fact;
        dp *= dpp;
    }
    double dqx = dqxc + a1 * jx + a2 * jy;
    double dqy = dqyc + a2 * jx + a3 * jy;
    double c = cos(GT_TWOPI * dqx), s = sin(GT_TWOPI * dqx);
    double r11x = c + ax * s, r12x = bx * s, r21x = -gx * s, r22x = c - ax * s;
    c = cos(GT_TWOPI * dqy);
    s = sin(GT_TWOPI * dqy);
    double r11y = c + ay * s, r12y = by * s, r21y = -gy * s, r22y = c - ay * s;
    r[0] = r11x * x + r12x * xp;
    r[1] = (r21x * x + r22x * xp) * (1 + dpp);
    r[2] = r11y * y + r12y * yp;
    r[3] = (r21y * y + r22y * yp) * (1 + dpp);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

/* Matrix66RadPass: Matrix66Pass with the record's M66, T1, T2 holding
 * AT's M66Rad (M66 when absent), T1Rad and T2Rad. */
GT_DEVICE void gt_pass_Matrix66RadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    gt_pass_Matrix66Pass(r, e, pool, env);
}

/* LongtAperturePass: lost when delta or ct leaves (deltamin, deltamax,
 * ctmin, ctmax), kept in RApertures. */
GT_DEVICE void gt_pass_LongtAperturePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *lim = pool + e->RApertures;
    (void)env;

    if (gt_isnan(r[0])) return;
    if (r[4] < lim[0] || r[4] > lim[1]) gt_mark_lost(r);
    else if (r[5] < lim[2] || r[5] > lim[3]) gt_mark_lost(r);
}

#endif
