/* identity.cuh: IdentityPass, AperturePass and EAperturePass, the
 * zero-length elements that only move the frame or check apertures. */
#ifndef GOTRACK_IDENTITY_CUH
#define GOTRACK_IDENTITY_CUH

#include "gotrack.h"

/* IdentityPass: entrance misalignment and aperture checks, then the exit
 * misalignment (apertures are checked once, on the way in). */
GT_DEVICE void gt_pass_IdentityPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    if (e->T1 == GT_ABSENT && e->T2 == GT_ABSENT && e->R1 == GT_ABSENT && e->R2 == GT_ABSENT &&
        e->RApertures == GT_ABSENT && e->EApertures == GT_ABSENT)
        return;
    if (gt_isnan(r[0])) return;
    gt_entrance_ops(r, e, pool);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

/* AperturePass: a rectangular aperture; the record keeps its Limits
 * (xmin, xmax, ymin, ymax) in RApertures. */
GT_DEVICE void gt_pass_AperturePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    const double *lim = gt_arr(pool, e->RApertures);
    if (!lim) return;
    if (gt_isnan(r[0])) return;
    gt_check_rect_ap(r, lim);
}

/* EAperturePass: an elliptical aperture; the record keeps its half axes
 * in EApertures. */
GT_DEVICE void gt_pass_EAperturePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    const double *ax = gt_arr(pool, e->EApertures);
    if (!ax) return;
    if (gt_isnan(r[0])) return;
    gt_check_ell_ap(r, ax);
}

#endif
