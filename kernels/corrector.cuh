/* corrector.cuh: CorrectorPass. */
#ifndef GOTRACK_CORRECTOR_CUH
#define GOTRACK_CORRECTOR_CUH

#include "gotrack.h"

/* CorrectorPass: a steering magnet adding the angles KickAngle, as one
 * thin kick when the length is zero, else spread evenly over the length
 * (with the matching path lengthening). */
GT_DEVICE void gt_pass_CorrectorPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    const double *ka = gt_arr(pool, e->KickAngle);
    double xkick = 0.0, ykick = 0.0;
    double le = e->Length;
    double scaling = e->FieldScaling;
    if (ka) {
        xkick = ka[0];
        ykick = ka[1];
    }
    if (gt_isnan(r[0])) return;
    if (le == 0.0) {
        const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
        if (scaling != 1.0) gt_change_p_ref(r, scaling);
        gt_entrance_ops(r, e, pool);
        r[1] += xkick;
        r[3] += ykick;
        if (R2) gt_mul_mat(r, R2);
        if (T2) gt_add_vec(r, T2);
        if (scaling != 1.0) gt_change_p_ref(r, 1.0 / scaling);
        return;
    }
    if (scaling != 1.0) gt_change_p_ref(r, scaling);
    double p_norm = 1.0 / (1.0 + r[4]);
    double NormL = le * p_norm;
    gt_entrance_ops(r, e, pool);
    r[5] += NormL * p_norm *
            (xkick * xkick / 3 + ykick * ykick / 3 + r[1] * r[1] + r[3] * r[3] + r[1] * xkick + r[3] * ykick) / 2;
    r[0] += NormL * (r[1] + xkick / 2);
    r[1] += xkick;
    r[2] += NormL * (r[3] + ykick / 2);
    r[3] += ykick;
    gt_exit_ops(r, e, pool, scaling);
}

#endif
