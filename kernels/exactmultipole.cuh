/* exactmultipole.cuh: ExactMultipolePass, a straight multipole integrated
 * with exact drifts and thin kicks, with PTC's hard-edge multipole fringe
 * (host/exactmultipole.go). */
#ifndef GOTRACK_EXACTMULTIPOLE_CUH
#define GOTRACK_EXACTMULTIPOLE_CUH

#include "gotrack.h"
#include "exactdrift.cuh"

/* Fills a and b (GT_MAX_ORDER+1 long) with MaxOrder+1 coefficients of the
 * element's PolynomA and PolynomB, zeros for an absent array, and folds in
 * the KickAngle corrector: b[0] -= sin(k0)/L, a[0] += sin(k1)/L. */
GT_DEVICE void gt_exact_polys(const gt_element *e, const double *pool, double *a, double *b)
{
    int n = e->MaxOrder + 1;
    const double *pa = gt_arr(pool, e->PolynomA);
    const double *pb = gt_arr(pool, e->PolynomB);
    const double *ka = gt_arr(pool, e->KickAngle);
    for (int i = 0; i < n; i++) {
        a[i] = pa ? pa[i] : 0.0;
        b[i] = pb ? pb[i] : 0.0;
    }
    if (ka) {
        b[0] -= sin(ka[0]) / e->Length;
        a[0] += sin(ka[1]) / e->Length;
    }
}

/* Hard-edge fringe of all multipole orders 0..max_order (Forest 13.29).
 * edge is +1 at the entrance, -1 at the exit; skip_b0 drops the normal
 * dipole term, which the exact bends handle with their own fringe. */
GT_DEVICE void gt_ex_multipole_fringe(double *r, const double *A, const double *B, int max_order, double edge,
                                      int skip_b0)
{
    double u, v, du, dv;
    double fx = 0.0, fy = 0.0;
    double fxx = 0.0, fxy = 0.0, fyx = 0.0, fyy = 0.0;
    double rx = 1.0, ix = 0.0;

    for (int n = 0; n <= max_order; n++) {
        double bn = B[n];
        double an = A[n];
        int j = n + 1;

        double drx = rx;
        double dix = ix;
        rx = drx * r[0] - dix * r[2];
        ix = drx * r[2] + dix * r[0];

        if (n == 0 && skip_b0) {
            u = -an * ix;
            v = +an * rx;
            du = -an * dix;
            dv = +an * drx;
        } else {
            u = bn * rx - an * ix;
            v = bn * ix + an * rx;
            du = bn * drx - an * dix;
            dv = bn * dix + an * drx;
        }
        double f1 = -edge / 4.0 / (double)(j + 1);

        u = u * f1;
        v = v * f1;
        du = du * f1;
        dv = dv * f1;

        double fj = (double)j;
        double dux = fj * du;
        double dvx = fj * dv;
        double duy = (double)(-j) * dv;
        double dvy = fj * du;

        double nf = 1.0 * (double)(j + 2) / fj;

        fx += u * r[0] + nf * v * r[2];
        fy += u * r[2] - nf * v * r[0];

        fxx += dux * r[0] + u + nf * r[2] * dvx;
        fxy += duy * r[0] + nf * v + nf * r[2] * dvy;

        fyx += dux * r[2] - nf * v - nf * r[0] * dvx;
        fyy += duy * r[2] + u - nf * r[0] * dvy;
    }

    double del = 1.0 / (1 + r[4]);

    /* new transverse momenta from the 2x2 implicit system */
    double ma = 1 - fxx * del;
    double mb = -fyx * del;
    double md = 1 - fyy * del;
    double mc = -fxy * del;

    r[0] = r[0] - fx * del;
    r[2] = r[2] - fy * del;

    double pxf = (md * r[1] - mb * r[3]) / (ma * md - mb * mc);
    double pyf = (ma * r[3] - mc * r[1]) / (ma * md - mb * mc);
    r[3] = pyf;
    r[1] = pxf;
    r[5] = r[5] - (r[1] * fx + r[3] * fy) * del * del;
}

/* ExactMultipolePass: optional reference-momentum scaling, misalignment
 * and apertures, multipole fringes, and a body of NumIntSteps 4th-order
 * Yoshida slices of exact drifts and thin kicks. */
GT_DEVICE void gt_pass_ExactMultipolePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    int max_order = e->MaxOrder;
    int nsteps = e->NumIntSteps;
    double le = e->Length;
    double scaling = e->FieldScaling;
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
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, b, max_order, 1.0, 0);
    for (int m = 0; m < nsteps; m++) {
        gt_exact_drift(r, l1);
        gt_str_thin_kick(r, a, b, k1, max_order);
        gt_exact_drift(r, l2);
        gt_str_thin_kick(r, a, b, k2, max_order);
        gt_exact_drift(r, l2);
        gt_str_thin_kick(r, a, b, k1, max_order);
        gt_exact_drift(r, l1);
    }
    r[5] -= le;
    if (e->FringeQuadExit != 0) gt_ex_multipole_fringe(r, a, b, max_order, -1.0, 0);
    gt_exit_ops(r, e, pool, scaling);
}

#endif
