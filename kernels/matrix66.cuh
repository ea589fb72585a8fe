/* matrix66.cuh: Matrix66Pass, a linear 6x6 transfer matrix with optional
 * misalignment (host/matrix66.go). */
#ifndef GOTRACK_MATRIX66_CUH
#define GOTRACK_MATRIX66_CUH

#include "gotrack.h"

/* Matrix66Pass: r -> M66 r (skipped when M66 is absent), between the
 * entrance (T1, R1) and exit (R2, T2) misalignments. */
GT_DEVICE void gt_pass_Matrix66Pass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *M = gt_arr(pool, e->M66);
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    (void)env;

    if (gt_isnan(r[0])) return;
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    if (M) gt_mul_mat(r, M);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

#endif
