/* cavity.cuh: CavityPass and RFCavityPass, an RF cavity as a longitudinal
 * kick, between two half-length paraxial drifts when thick
 * (host/cavity.go). */
#ifndef GOTRACK_CAVITY_CUH
#define GOTRACK_CAVITY_CUH

#include "gotrack.h"


/* CavityPass: energy kick -V/E sin(2 pi f (ct - TimeLag)/c - PhaseLag) in
 * the middle of the cavity; no revolution-time term. */
GT_DEVICE void gt_pass_CavityPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double le = e->Length;
    double nv = e->Voltage / e->Energy;
    double freq = e->Frequency;
    double lag = e->TimeLag;
    double philag = e->PhaseLag;
    (void)pool;
    (void)env;

    if (gt_isnan(r[0])) return;
    if (le == 0) {
        r[4] += -nv * sin(GT_TWOPI * freq * (r[5] - lag) / GT_C0 - philag);
        return;
    }
    double halflength = le / 2;
    gt_drift6(r, halflength);
    r[4] += -nv * sin(GT_TWOPI * freq * (r[5] - lag) / GT_C0 - philag);
    gt_drift6(r, halflength);
}

/* RFCavityPass: as CavityPass, with the phase slip (h/f - T0)*turn between
 * the RF period and the revolution time; zero voltage skips the kick. */
GT_DEVICE void gt_pass_RFCavityPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double le = e->Length;
    double nv = e->Voltage / e->Energy;
    double freq = e->Frequency;
    double h = e->HarmNumber;
    double lag = e->TimeLag;
    double philag = e->PhaseLag;
    double t0 = env->p.T0;
    double nturn = (double)env->turn;
    (void)pool;

    if (gt_isnan(r[0])) return;
    if (le == 0) {
        if (nv != 0)
            r[4] += -nv * sin(GT_TWOPI * freq * ((r[5] - lag) / GT_C0 - (h / freq - t0) * nturn) - philag);
        return;
    }
    double halflength = le / 2;
    gt_drift6(r, halflength);
    if (nv != 0.0)
        r[4] += -nv * sin(GT_TWOPI * freq * ((r[5] - lag) / GT_C0 - (h / freq - t0) * nturn) - philag);
    gt_drift6(r, halflength);
}

#endif
