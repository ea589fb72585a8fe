/* gwig.cuh: AT's generic wiggler, GWigSymplecticPass and
 * GWigSymplecticRadPass (gwig.c, wigrad.c), as host/gwig.go: harmonic
 * fields from the tables By (horizontal wiggler) and Bx (vertical
 * wiggler), Y. K. Wu's second-order map in the vector potential, composed
 * into the fourth-order Forest-Ruth scheme; the Rad pass works in the
 * field gauge and applies M. Borland's classical radiation kick after
 * every step. Each expression keeps AT's order of operations (no FMA), so
 * that gcc's build gives PyAT's numbers. The tables stay in the pool (6
 * values per harmonic); wavenumbers are formed as AT forms them, table
 * value times 2 pi/Lw. */
#ifndef GOTRACK_GWIG_CUH
#define GOTRACK_GWIG_CUH

#include "gotrack.h"
#include "radiation.cuh"

#define GT_GWIG_EPS 1e-6

/* gt_gwig is AT's struct gwig: the wiggler's constants and the running
 * longitudinal position Zw. */
typedef struct {
    double Po;     /* beta*gamma of the reference particle */
    double PB0;    /* Bmax [T] */
    double Lw;     /* period [m] */
    double kw;     /* 2 pi/Lw */
    double Aw;     /* wiggler parameter */
    double Zw;     /* position along the wiggler [m] */
    double zEnd;   /* end of the field region (Length) */
    double srCoef; /* (2/3) r_e gamma^3 */
    int PN;        /* steps per period */
    int Nw;        /* periods */
    int NHharm, NVharm;
    const double *H, *V; /* the By and Bx tables */
} gt_gwig;

/* gt_gwig_init is AT's GWigInit2. */
GT_DEVICE void gt_gwig_init(gt_gwig *w, const gt_element *e, const double *pool, double gamma)
{
    w->Po = sqrt(gamma * gamma - 1.0);
    w->PN = e->Nstep;
    w->Nw = (int)round(e->Length / e->Lw);
    w->NHharm = e->NHharm;
    w->NVharm = e->NVharm;
    w->PB0 = e->Bmax;
    w->Lw = e->Lw;
    w->srCoef = GT_RADC * gt_cube(gamma);
    w->zEnd = e->Length;
    w->kw = GT_TWOPI / w->Lw;
    w->Zw = 0.0;
    w->Aw = 1.0e-9 * GT_C0 / GT_E0_GEV / GT_TWOPI * e->Lw * e->Bmax;
    w->H = e->NHharm > 0 ? gt_arr(pool, e->By) : 0;
    w->V = e->NVharm > 0 ? gt_arr(pool, e->Bx) : 0;
}

/* AT's sinc: sin(x)/x to order x^8. */
GT_DEVICE double gt_gwig_sinc(double x)
{
    double x2 = x * x;
    return 1e0 - x2 / 6e0 * (1e0 - x2 / 20e0 * (1e0 - x2 / 42e0 * (1e0 - x2 / 72e0)));
}

/* AT's GWigAx: Ax and axpy at (x, y, Zw). */
GT_DEVICE void gt_gwig_ax(const gt_gwig *w, const double *X, double *pax, double *paxpy)
{
    double x = X[0], y = X[2], z = w->Zw;
    double kw = w->kw;
    double ax = 0e0, axpy = 0e0;
    for (int i = 0; i < w->NHharm; i++) {
        const double *c = w->H + 6 * i;
        double HCw = c[1] * w->Aw / w->Po;
        double kx = c[2] * kw, ky = c[3] * kw, kz = c[4] * kw, tz = c[5];
        double cx = cos(kx * x);
        double chy = cosh(ky * y);
        double sz = sin(kz * z + tz);
        double shy, sxkx;
        ax = ax + HCw * (kw / kz) * cx * chy * sz;
        shy = sinh(ky * y);
        if (fabs(kx / kw) > GT_GWIG_EPS) sxkx = sin(kx * x) / kx;
        else sxkx = x * gt_gwig_sinc(kx * x);
        axpy = axpy + HCw * (kw / kz) * ky * sxkx * shy * sz;
    }
    for (int i = 0; i < w->NVharm; i++) {
        const double *c = w->V + 6 * i;
        double VCw = c[1] * w->Aw / w->Po;
        double kx = c[2] * kw, ky = c[3] * kw, kz = c[4] * kw, tz = c[5];
        double shx = sinh(kx * x);
        double sy = sin(ky * y);
        double sz = sin(kz * z + tz);
        double chx, cy;
        ax = ax + VCw * (kw / kz) * (ky / kx) * shx * sy * sz;
        chx = cosh(kx * x);
        cy = cos(ky * y);
        axpy = axpy + VCw * (kw / kz) * pow(ky / kx, 2) * chx * cy * sz;
    }
    *pax = ax;
    *paxpy = axpy;
}

/* AT's GWigAy: Ay and aypx at (x, y, Zw). */
GT_DEVICE void gt_gwig_ay(const gt_gwig *w, const double *X, double *pay, double *paypx)
{
    double x = X[0], y = X[2], z = w->Zw;
    double kw = w->kw;
    double ay = 0e0, aypx = 0e0;
    for (int i = 0; i < w->NHharm; i++) {
        const double *c = w->H + 6 * i;
        double HCw = c[1] * w->Aw / w->Po;
        double kx = c[2] * kw, ky = c[3] * kw, kz = c[4] * kw, tz = c[5];
        double sx = sin(kx * x);
        double shy = sinh(ky * y);
        double sz = sin(kz * z + tz);
        double cx, chy;
        ay = ay + HCw * (kw / kz) * (kx / ky) * sx * shy * sz;
        cx = cos(kx * x);
        chy = cosh(ky * y);
        aypx = aypx + HCw * (kw / kz) * pow(kx / ky, 2) * cx * chy * sz;
    }
    for (int i = 0; i < w->NVharm; i++) {
        const double *c = w->V + 6 * i;
        double VCw = c[1] * w->Aw / w->Po;
        double kx = c[2] * kw, ky = c[3] * kw, kz = c[4] * kw, tz = c[5];
        double chx = cosh(kx * x);
        double cy = cos(ky * y);
        double sz = sin(kz * z + tz);
        double shx, syky;
        ay = ay + VCw * (kw / kz) * chx * cy * sz;
        shx = sinh(kx * x);
        if (fabs(ky / kw) > GT_GWIG_EPS) syky = sin(ky * y) / ky;
        else syky = y * gt_gwig_sinc(ky * y);
        aypx = aypx + VCw * (kw / kz) * kx * shx * syky * sz;
    }
    *pay = ay;
    *paypx = aypx;
}

/* AT's GWigMap_2nd: one second-order step of length dl. */
GT_DEVICE void gt_gwig_map2(gt_gwig *w, double *X, double dl)
{
    double dld = dl / (1.0e0 + X[4]);
    double dl2 = 0.5e0 * dl;
    double dl2d = dl2 / (1.0e0 + X[4]);
    double ax, ay, axpy, aypx;

    w->Zw = w->Zw + dl2;

    gt_gwig_ay(w, X, &ay, &aypx);
    X[1] = X[1] - aypx;
    X[3] = X[3] - ay;
    X[2] = X[2] + dl2d * X[3];
    X[5] = X[5] + 0.5e0 * dl2d * (X[3] * X[3]) / (1.0e0 + X[4]);
    gt_gwig_ay(w, X, &ay, &aypx);
    X[1] = X[1] + aypx;
    X[3] = X[3] + ay;

    gt_gwig_ax(w, X, &ax, &axpy);
    X[1] = X[1] - ax;
    X[3] = X[3] - axpy;
    X[0] = X[0] + dld * X[1];
    X[5] = X[5] + 0.5e0 * dld * (X[1] * X[1]) / (1.0e0 + X[4]);
    gt_gwig_ax(w, X, &ax, &axpy);
    X[1] = X[1] + ax;
    X[3] = X[3] + axpy;

    gt_gwig_ay(w, X, &ay, &aypx);
    X[1] = X[1] - aypx;
    X[3] = X[3] - ay;
    X[2] = X[2] + dl2d * X[3];
    X[5] = X[5] + 0.5e0 * dl2d * (X[3] * X[3]) / (1.0e0 + X[4]);
    gt_gwig_ay(w, X, &ay, &aypx);
    X[1] = X[1] + aypx;
    X[3] = X[3] + ay;

    w->Zw = w->Zw + dl2;
}

/* AT's GWigB without Bz, which the radiation kick does not use. */
GT_DEVICE void gt_gwig_field(const gt_gwig *w, const double *X, double *B)
{
    double x = X[0], y = X[2], z = w->Zw;
    double B0 = w->PB0;
    B[0] = 0;
    B[1] = 0;
    if (w->NHharm && z >= 0.0 && z <= w->zEnd) {
        for (int i = 0; i < w->NHharm; i++) {
            const double *c = w->H + 6 * i;
            double kx = c[2] * w->kw, ky = c[3] * w->kw, kz = c[4] * w->kw, tz = c[5];
            double sx = sin(kx * x);
            double cx = cos(kx * x);
            double chy = cosh(ky * y);
            double shy = sinh(ky * y);
            double cz = cos(kz * z + tz);
            B[0] += B0 * c[1] * kx / ky * sx * shy * cz;
            B[1] -= B0 * c[1] * cx * chy * cz;
        }
    }
    if (w->NVharm && z >= 0.0 && z <= w->zEnd) {
        for (int i = 0; i < w->NVharm; i++) {
            const double *c = w->V + 6 * i;
            double kx = c[2] * w->kw, ky = c[3] * w->kw, kz = c[4] * w->kw, tz = c[5];
            double shx = sinh(kx * x);
            double chx = cosh(kx * x);
            double sy = sin(ky * y);
            double cy = cos(ky * y);
            double cz = cos(kz * z + tz);
            B[0] += B0 * c[1] * chx * cy * cz;
            B[1] -= B0 * c[1] * ky / kx * shx * sy * cz;
        }
    }
}

/* AT's GWigRadiationKicks. */
GT_DEVICE void gt_gwig_rad_kick(const gt_gwig *w, double *X, const double *Bxy, double dl)
{
    double B2 = (Bxy[0] * Bxy[0]) + (Bxy[1] * Bxy[1]);
    double H, irho2, dFactor, dDelta;
    if (B2 == 0) return;
    H = 1.0e9 * w->Po * GT_E0_GEV / GT_C0;
    irho2 = B2 / (H * H);
    dFactor = ((1 + X[4]) * (1 + X[4]));
    dDelta = -(w->srCoef) * dFactor * irho2 * dl;
    X[4] += dDelta;
    X[1] *= (1 + dDelta);
    X[3] *= (1 + dDelta);
}

/* The Rad pass's radiation kick between steps, on the mechanical momenta
 * px - Ax, py - Ay. */
GT_DEVICE void gt_gwig_rad_step(const gt_gwig *w, double *X, double dl)
{
    double ax, ay, axpy, aypx, B[2];
    gt_gwig_ax(w, X, &ax, &axpy);
    gt_gwig_ay(w, X, &ay, &aypx);
    gt_gwig_field(w, X, B);
    X[1] -= ax;
    X[3] -= ay;
    gt_gwig_rad_kick(w, X, B, dl);
    X[1] += ax;
    X[3] += ay;
}

GT_DEVICE void gt_pass_GWigSymplecticPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    gt_gwig w;
    int nstep;
    double dl, dl1, dl0;
    if (gt_isnan(r[0])) return;
    gt_gwig_init(&w, e, pool, gt_at_gamma(e->Energy, env->p.RestEnergy));
    nstep = w.PN * w.Nw;
    dl = w.Lw / w.PN;
    dl1 = dl * GT_KICK1;
    dl0 = dl * GT_KICK2;
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    if (e->Nmeth == 2) {
        for (int i = 1; i <= nstep; i++) gt_gwig_map2(&w, r, dl);
    } else if (e->Nmeth == 4) {
        for (int i = 1; i <= nstep; i++) {
            gt_gwig_map2(&w, r, dl1);
            gt_gwig_map2(&w, r, dl0);
            gt_gwig_map2(&w, r, dl1);
        }
    }
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

GT_DEVICE void gt_pass_GWigSymplecticRadPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    gt_gwig w;
    double SL, dl1, dl0, ax, ay, axpy, aypx;
    int niter;
    if (gt_isnan(r[0])) return;
    gt_gwig_init(&w, e, pool, gt_at_gamma(e->Energy, env->p.RestEnergy));
    SL = e->Lw / e->Nstep;
    dl1 = SL * GT_KICK1;
    dl0 = SL * GT_KICK2;
    niter = (int)(e->Nstep * (e->Length / e->Lw));
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    gt_gwig_ax(&w, r, &ax, &axpy);
    gt_gwig_ay(&w, r, &ay, &aypx);
    r[1] = r[1] + ax;
    r[3] = r[3] + ay;
    gt_gwig_rad_step(&w, r, SL);
    for (int m = 0; m < niter; m++) {
        gt_gwig_map2(&w, r, dl1);
        gt_gwig_map2(&w, r, dl0);
        gt_gwig_map2(&w, r, dl1);
        gt_gwig_rad_step(&w, r, SL);
    }
    gt_gwig_ax(&w, r, &ax, &axpy);
    gt_gwig_ay(&w, r, &ay, &aypx);
    r[1] = r[1] - ax;
    r[3] = r[3] - ay;
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

#endif
