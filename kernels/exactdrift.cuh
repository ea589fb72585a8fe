/* exactdrift.cuh: ExactDriftPass, a field-free drift tracked with the full
 * square-root Hamiltonian (host/exactdrift.go). */
#ifndef GOTRACK_EXACTDRIFT_CUH
#define GOTRACK_EXACTDRIFT_CUH

#include "gotrack.h"

/* Longitudinal momentum pz = sqrt((1+delta)^2 - px^2 - py^2), relative to
 * the reference momentum. */
GT_DEVICE double gt_long_momentum(const double *r)
{
    double dp1 = 1 + r[4];
    return sqrt(dp1 * dp1 - r[1] * r[1] - r[3] * r[3]);
}

/* Exact drift of length L. ct gains the full path length (1+delta)L/pz;
 * callers remove the reference length themselves. */
GT_DEVICE void gt_exact_drift(double *r, double L)
{
    double NormL = L / gt_long_momentum(r);
    r[0] += r[1] * NormL;
    r[2] += r[3] * NormL;
    r[5] += NormL * (1.0 + r[4]);
}

/* ExactDriftPass: entrance misalignment and apertures, exact drift of the
 * element length, exit apertures and misalignment. */
GT_DEVICE void gt_pass_ExactDriftPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double le = e->Length;
    (void)env;
    if (gt_isnan(r[0])) return;
    gt_entrance_ops(r, e, pool);
    gt_exact_drift(r, le);
    r[5] -= le;
    gt_exit_ops(r, e, pool, 1.0);
}

#endif
