/* exactbend.cuh: ExactSectorBendPass and ExactRectangularBendPass, dipoles
 * tracked with the exact (non-paraxial) Hamiltonian after E. Forest's maps
 * (host/exactbend.go). */
#ifndef GOTRACK_EXACTBEND_CUH
#define GOTRACK_EXACTBEND_CUH

#include "gotrack.h"
#include "exactdrift.cuh"
#include "exactmultipole.cuh"

/* sqrt(dp1^2 - px^2 - py^2): longitudinal momentum for 1+delta = dp1. */
GT_DEVICE double gt_ex_pz(double dp1, double px, double py)
{
    return sqrt(dp1 * dp1 - px * px - py * py);
}

/* Exact sector-dipole body of curvature irho over arc length L (Forest
 * 12.18); ct gains the full path length. Below |irho| = 1e-6 it is an
 * exact drift. */
GT_DEVICE void gt_ex_bend(double *r, double irho, double L)
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
    double pzmx = pz - (1.0 + r[0] * irho);
    double cs = cos(irho * L);
    double sn = sin(irho * L);
    double px = r[1] * cs + pzmx * sn;
    double d2 = gt_ex_pz(dp1, 0.0, r[3]);
    double dasin = L + (asin(r[1] / d2) - asin(px / d2)) / irho;
    double x = (gt_ex_pz(dp1, px, r[3]) - pzmx * cs + r[1] * sn - 1.0) / irho;
    double dy = r[3] * dasin;
    double dct = dp1 * dasin;

    r[0] = x;
    r[1] = px;
    r[2] += dy;
    r[5] += dct;
}

/* Rotation of the reference frame by phi about the vertical axis in free
 * space (Forest 10.26); phi = 0 does nothing. */
GT_DEVICE void gt_ex_y_rot(double *r, double phi)
{
    if (phi == 0.0) return;
    double dp1 = 1.0 + r[4];
    double c = cos(phi);
    double s = sin(phi);
    double pz = gt_ex_pz(dp1, r[1], r[3]);
    double p = c * pz - s * r[1];
    double px = s * pz + c * r[1];
    double x = r[0] * pz / p;
    double dy = r[0] * r[3] * s / p;
    double dct = dp1 * r[0] * s / p;
    r[0] = x;
    r[1] = px;
    r[2] += dy;
    r[5] += dct;
}

/* Hard-edge dipole fringe (Forest 13.13) for field irho (negated at the
 * exit) and fringe integral gK; the derivatives of the kick angle are kept
 * in the same expanded form as the Go code. */
GT_DEVICE void gt_ex_bend_fringe(double *r, double irho, double gK)
{
    double b0 = irho;

    double pz = gt_ex_pz(1.0 + r[4], r[1], r[3]);
    double px = r[1];
    double py = r[3];
    double d = r[4];
    double xp = px / pz;
    double yp = py / pz;

    double phi = -b0 * tan(b0 * gK * (1 + xp * xp * (2 + yp * yp)) * pz - atan(xp / (1 + yp * yp)));

    double px2 = px * px;
    double px4 = px2 * px2;
    double py2 = py * py;
    double py4 = py2 * py2;
    double py6 = py4 * py2;
    double pz2 = pz * pz;
    double pz3 = pz2 * pz;
    double pz4 = pz2 * pz2;
    double pz5 = pz4 * pz;
    double pz6 = pz4 * pz2;
    double py2z2 = (py2 + pz2) * (py2 + pz2);
    double sec = 1.0 / cos((b0 * gK * (pz4 + px2 * (py2 + 2 * pz2))) / pz3 - atan((px * pz) / (py2 + pz2)));
    double powsec = sec * sec;
    double denom = (pz5 * (py4 + px2 * pz2 + 2 * py2 * pz2 + pz4));

    double dpx = -(b0 *
                   (px2 * pz4 * (py2 - pz2) - pz6 * (py2 + pz2) +
                    b0 * gK * px *
                        (pz2 * py2z2 * (2 * py2 + 3 * pz2) + px4 * (3 * py2 * pz2 + 2 * pz4) +
                         px2 * (3 * py6 + 8 * py4 * pz2 + 9 * py2 * pz4 + 5 * pz6))) *
                   powsec) /
                 denom;

    double dpy = -(b0 * py *
                   (px * pz4 * (py2 + pz2) +
                    b0 * gK *
                        (-(pz4 * py2z2) + px4 * (3 * py2 * pz2 + 4 * pz4) +
                         px2 * (3 * py6 + 10 * py4 * pz2 + 11 * py2 * pz4 + 3 * pz6))) *
                   powsec) /
                 denom;

    double dd = (b0 * (1 + d) *
                 (px * pz4 * (py2 - pz2) +
                  b0 * gK *
                      (-(pz4 * py2z2) + px4 * (3 * py2 * pz2 + 2 * pz4) +
                       px2 * (3 * py6 + 8 * py4 * pz2 + 7 * py2 * pz4 + pz6))) *
                 powsec) /
                denom;

    /* y after the fringe: root of a quadratic */
    double yf = (2 * r[2]) / (1 + sqrt(1 - 2 * dpy * r[2]));
    double dxf = 0.5 * dpx * yf * yf;
    double dct = 0.5 * dd * yf * yf;
    double dpyf = phi * yf;

    r[2] = yf;
    r[0] += dxf;
    r[3] -= dpyf;
    r[5] -= dct;
}

/* Wedge map U(theta, rhoinv) of Forest 12.41: the pole face rotated by
 * theta inside a field of curvature rhoinv. Does nothing below
 * |rhoinv| = 1e-6. */
GT_DEVICE void gt_ex_bend_edge(double *r, double rhoinv, double theta)
{
    if (fabs(rhoinv) < 1.e-6) return;
    double dp1 = 1.0 + r[4];
    double c = cos(theta);
    double s = sin(theta);
    double pz = gt_ex_pz(dp1, r[1], r[3]);
    double d2 = gt_ex_pz(dp1, 0.0, r[3]);
    double px = r[1] * c + (pz - rhoinv * r[0]) * s;
    double dasin = asin(r[1] / d2) - asin(px / d2);
    double num = r[0] * (r[1] * sin(2.0 * theta) + s * s * (2.0 * pz - rhoinv * r[0]));
    double den = gt_ex_pz(dp1, px, r[3]) + gt_ex_pz(dp1, r[1], r[3]) * c - r[1] * s;
    double x = r[0] * c + num / den;
    double dy = r[3] * theta / rhoinv + r[3] / rhoinv * dasin;
    double dct = dp1 / rhoinv * (theta + dasin);

    r[0] = x;
    r[1] = px;
    r[2] += dy;
    r[5] += dct;
}

/* ExactSectorBendPass: sector dipole with exact body maps between thin
 * multipole kicks (4th-order Yoshida), exact pole-face maps, Forest's bend
 * fringe and optional multipole fringes. NumIntSteps = 0 tracks the body
 * in one exact step. */
GT_DEVICE void gt_pass_ExactSectorBendPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
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
    double sl, l1, l2, k1, k2;
    (void)env;

    if (gt_isnan(r[0])) return;

    gt_exact_polys(e, pool, a, b);
    sl = le / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;

    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);

    gt_ex_y_rot(r, entrance);
    if (e->FringeBendEntrance != 0) gt_ex_bend_fringe(r, irho, gK);
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, b, max_order, 1.0, 1);
    gt_ex_bend_edge(r, irho, -entrance);

    if (nsteps == 0) {
        gt_ex_bend(r, irho, le);
    } else {
        for (int m = 0; m < nsteps; m++) {
            gt_ex_bend(r, irho, l1);
            gt_str_thin_kick(r, a, b, k1, max_order);
            gt_ex_bend(r, irho, l2);
            gt_str_thin_kick(r, a, b, k2, max_order);
            gt_ex_bend(r, irho, l2);
            gt_str_thin_kick(r, a, b, k1, max_order);
            gt_ex_bend(r, irho, l1);
        }
    }
    r[5] -= le;

    gt_ex_bend_edge(r, irho, -exit_);
    if (e->FringeQuadExit != 0) gt_ex_multipole_fringe(r, a, b, max_order, -1.0, 1);
    if (e->FringeBendExit != 0) gt_ex_bend_fringe(r, -irho, gK);
    gt_ex_y_rot(r, exit_);

    gt_exit_ops(r, e, pool, scaling);
}

/* ExactRectangularBendPass: rectangular dipole integrated in a straight
 * frame shifted by X0ref, dipole field carried by the thin kicks between
 * exact drifts along the chord, wedge maps at the pole faces, and the
 * path-length correction RefDZ. Apertures are checked after the entrance
 * frame rotation and before the exit one. */
GT_DEVICE void gt_pass_ExactRectangularBendPass(double *r, const gt_element *e, const double *pool,
                                                const gt_env *env)
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
    double sl, l1, l2, k1, k2;
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    const double *RA = gt_arr(pool, e->RApertures), *EA = gt_arr(pool, e->EApertures);
    (void)env;

    if (gt_isnan(r[0])) return;

    if (phi2 < 1.e-10) lr = le;
    else lr = le * sin(phi2) / phi2;

    gt_exact_polys(e, pool, a, b);
    sl = lr / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;

    /* the main dipole field goes into the kicks */
    b[0] += irho;

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
    for (int m = 0; m < nsteps; m++) {
        gt_exact_drift(r, l1);
        gt_str_thin_kick(r, a, b, k1, max_order);
        gt_exact_drift(r, l2);
        gt_str_thin_kick(r, a, b, k2, max_order);
        gt_exact_drift(r, l2);
        gt_str_thin_kick(r, a, b, k1, max_order);
        gt_exact_drift(r, l1);
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

#endif
