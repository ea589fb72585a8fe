/* exactrectbend.cuh: ExactRectBendPass and ExactRectBendRadPass,
 * rectangular dipoles whose field is in the exact straight-frame body map
 * (Forest 12.39) between thin multipole kicks (host/exactrectbend.go); the
 * sequence is gt_ex_rect_bend of exactrad.cuh. */
#ifndef GOTRACK_EXACTRECTBEND_CUH
#define GOTRACK_EXACTRECTBEND_CUH

#include "gotrack.h"
#include "exactrad.cuh"

/* ExactRectBendPass: NumIntSteps 0 tracks the body in one exact map of
 * the chord length (no multipoles; checked by the compiler). */
GT_DEVICE void gt_pass_ExactRectBendPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    gt_ex_rect_bend(r, e, pool, env, GT_RECT_STRAIGHT_KICK);
}

/* ExactRectBendRadPass: ExactRectBendPass with radiating kicks whose
 * power includes the body's dipole field (NumIntSteps > 0). */
GT_DEVICE void gt_pass_ExactRectBendRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    gt_ex_rect_bend(r, e, pool, env, GT_RECT_STRAIGHT_KICK_RAD);
}

#endif
