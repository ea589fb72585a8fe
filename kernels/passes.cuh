/* passes.cuh: every passmethod family, and gt_pass, which dispatches one
 * particle through one element on the record's Method. */
#ifndef GOTRACK_PASSES_CUH
#define GOTRACK_PASSES_CUH

#include "gotrack.h"
#include "drift.cuh"
#include "identity.cuh"
#include "corrector.cuh"
#include "thinmpole.cuh"
#include "fringe.cuh"
#include "radiation.cuh"
#include "strmpole.cuh"
#include "bndmpole.cuh"
#include "bndmpole_e2.cuh"
#include "bendlinear.cuh"
#include "exactdrift.cuh"
#include "exactmultipole.cuh"
#include "exactbend.cuh"
#include "cavity.cuh"
#include "matrix66.cuh"
#include "linear.cuh"
#include "changepref.cuh"
#include "quantdiff.cuh"
#include "gwig.cuh"
#include "quantmpole.cuh"
#include "crabcavity.cuh"
#include "varmpole.cuh"
#include "lumped.cuh"
#include "exactrad.cuh"
#include "exactrectbend.cuh"

/* GT_FOR_EACH_METHOD(X), which applies X to every passmethod name in ABI
 * order, is generated into element.h from package device. */

/* gt_pass tracks particle r through element e. */
GT_DEVICE void gt_pass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    switch (e->Method) {
#define GT_CASE(name) case GT_##name: gt_pass_##name(r, e, pool, env); break;
        GT_FOR_EACH_METHOD(GT_CASE)
#undef GT_CASE
    }
}

#endif
