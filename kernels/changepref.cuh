/* changepref.cuh: ChangePRefPass (host/changepref.go). */
#ifndef GOTRACK_CHANGEPREF_CUH
#define GOTRACK_CHANGEPREF_CUH

#include "gotrack.h"

/* ChangePRefPass: rescales a live particle to a reference momentum
 * multiplied by the element's FieldScaling. */
GT_DEVICE void gt_pass_ChangePRefPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)pool;
    (void)env;
    if (gt_isnan(r[0])) return;
    gt_change_p_ref(r, e->FieldScaling);
}

#endif
