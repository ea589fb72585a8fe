/* thinmpole.cuh: ThinMPolePass. */
#ifndef GOTRACK_THINMPOLE_CUH
#define GOTRACK_THINMPOLE_CUH

#include "gotrack.h"

/* ThinMPolePass: a thin multipole kick (KickAngle added as bare angles),
 * plus the optional chromatic dipole terms of BendingAngle (horizontal,
 * in the record's BendingAngle) and BendingAngleY (vertical). Apertures
 * are checked at the entrance only. */
GT_DEVICE void gt_pass_ThinMPolePass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    double a[GT_MAX_ORDER + 1], b[GT_MAX_ORDER + 1];
    const double *A, *B;
    double bax = e->BendingAngle, bay = e->BendingAngleY;
    double scaling = e->FieldScaling;
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    if (gt_isnan(r[0])) return;
    gt_polynoms(e, pool, 1, a, b, &A, &B);
    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    gt_entrance_ops(r, e, pool);
    gt_str_thin_kick(r, A, B, 1.0, e->MaxOrder);
    r[1] += bax * r[4];
    r[3] -= bay * r[4];
    r[5] -= bax * r[0] - bay * r[2];
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
    if (scaling != 1.0) gt_change_p_ref(r, 1.0 / scaling);
}

#endif
