/* drift.cuh: DriftPass. */
#ifndef GOTRACK_DRIFT_CUH
#define GOTRACK_DRIFT_CUH

#include "gotrack.h"

/* DriftPass: a field-free straight section in the paraxial approximation,
 * between the element's entrance and exit misalignment; its apertures are
 * checked before and after the drift. */
GT_DEVICE void gt_pass_DriftPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    if (gt_isnan(r[0])) return;
    gt_entrance_ops(r, e, pool);
    gt_drift6(r, e->Length);
    gt_exit_ops(r, e, pool, 1.0);
}

#endif
