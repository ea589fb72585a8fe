/* crabcavity.cuh: CrabCavityPass, a crab cavity as a transverse kick with
 * its energy change, between two half-length paraxial drifts when thick
 * (host/crabcavity.go). */
#ifndef GOTRACK_CRABCAVITY_CUH
#define GOTRACK_CRABCAVITY_CUH

#include "gotrack.h"

/* AT's relativistic_kick: px += nvx sin(wt), py += nvy sin(wt), delta +=
 * -(nvy y + nvx x) k cos(wt)/(1+delta), with wt = k ct + phi. */
GT_DEVICE void gt_crab_kick(double *r, double nvx, double nvy, double k, double phi)
{
    double ot = k * r[5] + phi;
    double c = cos(ot);
    double s = sin(ot);
    double ddpp = -(nvy * r[2] + nvx * r[0]) * k * c / (1.0 + r[4]);
    r[1] += nvx * s;
    r[3] += nvy * s;
    r[4] += ddpp;
}

/* CrabCavityPass: the record's Modulation holds the voltages (Vx, Vy); the
 * phase slips by 2 pi (f T0 - h) every turn. */
GT_DEVICE void gt_pass_CrabCavityPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *v = pool + e->Modulation;
    double energy = e->Energy;
    double nvx = v[0] / energy;
    double nvy = v[1] / energy;
    double freq = e->Frequency;
    double k = GT_TWOPI * freq / GT_C0;
    double phi = GT_TWOPI * (freq * env->p.T0 - e->HarmNumber) * (double)env->turn - k * e->TimeLag - e->PhaseLag;
    double le = e->Length;

    if (gt_isnan(r[0])) return;
    if (le == 0.0) {
        gt_crab_kick(r, nvx, nvy, k, phi);
        return;
    }
    double halflength = le / 2;
    gt_drift6(r, halflength);
    gt_crab_kick(r, nvx, nvy, k, phi);
    gt_drift6(r, halflength);
}

#endif
