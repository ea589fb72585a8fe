/* bndmpole_e2.cuh: BndMPoleSymplectic4E2Pass and
 * BndMPoleSymplectic4E2RadPass, the bends integrated in the curvilinear
 * frame with a (1+hx)-weighted drift and second-order face maps. */
#ifndef GOTRACK_BNDMPOLE_E2_CUH
#define GOTRACK_BNDMPOLE_E2_CUH

#include "gotrack.h"
#include "fringe.cuh"
#include "radiation.cuh"

/* gt_bend_hx_drift6: the pseudo-drift of (1+hx)(px^2+py^2)/(2(1+delta))
 * over length L in a frame of curvature h. */
GT_DEVICE void gt_bend_hx_drift6(double *r, double L, double h)
{
    double hs = h * L;
    double i1pd = 1.0 / (1 + r[4]);
    double x = r[0], px = r[1], py = r[3];

    r[0] += (1 + h * x) * px * i1pd * L + 0.25 * hs * L * (px * px - py * py) * i1pd * i1pd;
    r[1] -= hs * (px * px + py * py) * i1pd / 2.0;
    r[2] += (1.0 + h * x) * i1pd * py * L * (1. + px * hs / 2.0);
    r[5] += (1.0 + h * x) * i1pd * i1pd * L / 2.0 * (px * px + py * py);
}

/* gt_e2_bnd_thin_kick: the E2 bend kick of length L in a frame of curvature
 * h (PolynomA ignored; the gradient and sextupole carry curvature terms). */
GT_DEVICE void gt_e2_bnd_thin_kick(double *r, const double *B, double L, double h, int max_order)
{
    double K1 = B[1];
    double K2 = max_order >= 2 ? B[2] : 0.0;
    double ReSum, ImSum;
    gt_e2_field(r, B, max_order, &ReSum, &ImSum);

    r[1] -= L * (-h * r[4] + ReSum +
                 h * (h * r[0] + K1 * (r[0] * r[0] - 0.5 * r[2] * r[2]) +
                      K2 * (r[0] * r[0] * r[0] - 4.0 / 3.0 * r[0] * r[2] * r[2])));
    r[3] += L * (ImSum + h * (K1 * r[0] * r[2] + 4.0 / 3.0 * K2 * r[0] * r[0] * r[2] +
                              (h / 6.0 * K1 - K2 / 3.0) * r[2] * r[2] * r[2]));
    r[5] += L * h * r[0];
}

/* gt_e2_faces gives the fringe integrals and gap each face map uses: the
 * element's when both the integral and the gap are non-zero, else 0. */
GT_DEVICE void gt_e2_faces(const gt_element *e, double *fint1, double *gap1, double *fint2, double *gap2)
{
    *fint1 = 0.0;
    *gap1 = 0.0;
    *fint2 = 0.0;
    *gap2 = 0.0;
    if (e->FringeInt1 != 0 && e->FullGap != 0) {
        *fint1 = e->FringeInt1;
        *gap1 = e->FullGap;
    }
    if (e->FringeInt2 != 0 && e->FullGap != 0) {
        *fint2 = e->FringeInt2;
        *gap2 = e->FullGap;
    }
}

/* BndMPoleSymplectic4E2Pass: the E2 bend (PolynomB only) with NumIntSteps
 * 4th-order slices of pseudo-drifts and kicks, between the second-order
 * face maps with pole-face curvatures H1 and H2. */
GT_DEVICE void gt_pass_BndMPoleSymplectic4E2Pass(double *r, const gt_element *e, const double *pool,
                                                 const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, irho, fint1, gap1, fint2, gap2;
    double scaling = e->FieldScaling;
    int max_order = e->MaxOrder;
    int num_int_steps = e->NumIntSteps;
    if (gt_isnan(r[0])) return;
    gt_polynoms(e, pool, 0, a, b, &A, &B);
    (void)A;
    SL = e->Length / (double)num_int_steps;
    L1 = SL * GT_DRIFT1;
    L2 = SL * GT_DRIFT2;
    K1 = SL * GT_KICK1;
    K2 = SL * GT_KICK2;
    irho = e->BendingAngle / e->Length;
    gt_e2_faces(e, &fint1, &gap1, &fint2, &gap2);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    gt_edge_fringe2(r, irho, e->EntranceAngle, fint1, gap1, e->H1, B[1], 0);
    for (int m = 0; m < num_int_steps; m++) {
        gt_bend_hx_drift6(r, L1, irho);
        gt_e2_bnd_thin_kick(r, B, K1, irho, max_order);
        gt_bend_hx_drift6(r, L2, irho);
        gt_e2_bnd_thin_kick(r, B, K2, irho, max_order);
        gt_bend_hx_drift6(r, L2, irho);
        gt_e2_bnd_thin_kick(r, B, K1, irho, max_order);
        gt_bend_hx_drift6(r, L1, irho);
    }
    gt_edge_fringe2(r, irho, e->ExitAngle, fint2, gap2, e->H2, B[1], 1);
    gt_exit_ops(r, e, pool, scaling);
}

/* BndMPoleSymplectic4E2RadPass: the E2 bend with the classical radiation
 * loss in every kick (radiation constant from the element's Energy). */
GT_DEVICE void gt_pass_BndMPoleSymplectic4E2RadPass(double *r, const gt_element *e, const double *pool,
                                                    const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double SL, L1, L2, K1, K2, irho, fint1, gap1, fint2, gap2, crad;
    double scaling = e->FieldScaling;
    int max_order = e->MaxOrder;
    int num_int_steps = e->NumIntSteps;
    if (gt_isnan(r[0])) return;
    gt_polynoms(e, pool, 0, a, b, &A, &B);
    (void)A;
    SL = e->Length / (double)num_int_steps;
    L1 = SL * GT_DRIFT1;
    L2 = SL * GT_DRIFT2;
    K1 = SL * GT_KICK1;
    K2 = SL * GT_KICK2;
    irho = e->BendingAngle / e->Length;
    gt_e2_faces(e, &fint1, &gap1, &fint2, &gap2);
    crad = gt_e2_c_rad(e->Energy);

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    gt_edge_fringe2(r, irho, e->EntranceAngle, fint1, gap1, e->H1, B[1], 0);
    for (int m = 0; m < num_int_steps; m++) {
        gt_bend_hx_drift6(r, L1, irho);
        gt_e2_bnd_rad_kick(r, B, K1, irho, crad, max_order);
        gt_bend_hx_drift6(r, L2, irho);
        gt_e2_bnd_rad_kick(r, B, K2, irho, crad, max_order);
        gt_bend_hx_drift6(r, L2, irho);
        gt_e2_bnd_rad_kick(r, B, K1, irho, crad, max_order);
        gt_bend_hx_drift6(r, L1, irho);
    }
    gt_edge_fringe2(r, irho, e->ExitAngle, fint2, gap2, e->H2, B[1], 1);
    gt_exit_ops(r, e, pool, scaling);
}

#endif
