/* quantdiff.cuh: the lumped quantum-excitation elements, as
 * host/quantdiff.go: QuantDiffPass (kick Lmatp g, g six normal deviates)
 * and SimpleQuantDiffPass (px, py, delta kicked by amplitude times a
 * normal deviate). The deviates come from rng.cuh, keyed by particle,
 * turn and element, and are drawn for lost particles too, as AT does. */
#ifndef GOTRACK_QUANTDIFF_CUH
#define GOTRACK_QUANTDIFF_CUH

#include "gotrack.h"
#include "rng.cuh"

GT_DEVICE void gt_pass_QuantDiffPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *l = pool + e->Diffusion;
    gt_stream s;
    gt_new_stream(&s, env->p.Seed, env->particle, env->turn, env->elem);
    double g[6], d[6];
    for (int k = 0; k < 6; k++) g[k] = gt_stream_normal(&s);
    for (int k = 0; k < 6; k++) {
        d[k] = 0;
        for (int j = 0; j <= k; j++) d[k] += g[j] * l[k + 6 * j];
    }
    if (gt_isnan(r[0])) return;
    for (int k = 0; k < 6; k++) r[k] += d[k];
}

GT_DEVICE void gt_pass_SimpleQuantDiffPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *amp = pool + e->Diffusion;
    gt_stream s;
    gt_new_stream(&s, env->p.Seed, env->particle, env->turn, env->elem);
    double g0 = gt_stream_normal(&s), g1 = gt_stream_normal(&s), g2 = gt_stream_normal(&s);
    if (gt_isnan(r[0])) return;
    if (amp[0] != 0) r[1] += amp[0] * g0;
    if (amp[1] != 0) r[3] += amp[1] * g1;
    if (amp[2] != 0) r[4] += amp[2] * g2;
}

#endif
