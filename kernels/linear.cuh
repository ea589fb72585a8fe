/* linear.cuh: QuadLinearPass and SolenoidLinearPass, first-order
 * chromatic quadrupole and solenoid maps (host/linear.go). */
#ifndef GOTRACK_LINEAR_CUH
#define GOTRACK_LINEAR_CUH

#include "gotrack.h"

/* 1 when x is finite (neither infinite nor NaN). */
GT_DEVICE int gt_lin_finite(double x) { return x - x == 0.0; }

/* Linear quadrupole of length L and strength K [1/m^2] scaled by
 * 1/(1+delta), with second-order path lengthening; K = 0 is a paraxial
 * drift. */
GT_DEVICE void gt_quad_linear(double *r, double L, double K)
{
    double p_norm = 1 / (1 + r[4]);
    if (K == 0) {
        gt_drift6(r, L);
        return;
    }
    double x = r[0];
    double xpr = r[1] * p_norm;
    double y = r[2];
    double ypr = r[3] * p_norm;

    double g = fabs(K) / (1 + r[4]);
    double t = sqrt(g);
    double lt = L * t;

    double mhd, m12, m21, mvd, m34, m43;
    if (K > 0) {
        mhd = cos(lt);
        m12 = sin(lt) / t;
        m21 = -m12 * g;
        mvd = cosh(lt);
        m34 = sinh(lt) / t;
        m43 = m34 * g;
    } else {
        mhd = cosh(lt);
        m12 = sinh(lt) / t;
        m21 = m12 * g;
        mvd = cos(lt);
        m34 = sin(lt) / t;
        m43 = -m34 * g;
    }

    r[0] = mhd * x + m12 * xpr;
    r[1] = (m21 * x + mhd * xpr) / p_norm;
    r[2] = mvd * y + m34 * ypr;
    r[3] = (m43 * y + mvd * ypr) / p_norm;

    r[5] += g * (x * x * (L - mhd * m12) - y * y * (L - mvd * m34)) / 4;
    r[5] += (xpr * xpr * (L + mhd * m12) + ypr * ypr * (L + mvd * m34)) / 4;
    r[5] += (x * xpr * m12 * m21 + y * ypr * m34 * m43) / 2;
}

/* QuadLinearPass: strength PolynomB[1] when the element has PolynomB
 * (MaxOrder >= 1), else K; particles with NaN x or non-finite delta are
 * left alone. */
GT_DEVICE void gt_pass_QuadLinearPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double K = e->K;
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    (void)env;

    if (e->PolynomB != GT_ABSENT && e->MaxOrder >= 1) K = pool[e->PolynomB + 1];
    if (gt_isnan(r[0]) || !gt_lin_finite(r[4])) return;
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    gt_quad_linear(r, e->Length, K);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

/* SolenoidLinearPass: hard-edge linear solenoid of strength K = B0/Brho.
 * 1/(1+delta) is taken before the entrance misalignment; K = 0 is a plain
 * drift without misalignment. Like AT it tracks every particle, lost ones
 * (NaN x) included: it does not skip them. */
GT_DEVICE void gt_pass_SolenoidLinearPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    double le = e->Length;
    double ks = e->K;
    (void)env;

    if (ks == 0) {
        double p_norm = 1 / (1 + r[4]);
        double NormL = le * p_norm;
        r[0] += NormL * r[1];
        r[2] += NormL * r[3];
        r[5] += NormL * p_norm * (r[1] * r[1] + r[3] * r[3]) / 2;
        return;
    }

    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    double p_norm = 1 / (1 + r[4]);
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    double x = r[0];
    double xpr = r[1] * p_norm;
    double y = r[2];
    double ypr = r[3] * p_norm;
    double H = ks * p_norm / 2;
    double S = sin(le * H);
    double C = cos(le * H);

    r[0] = x * C * C + xpr * C * S / H + y * C * S + ypr * S * S / H;
    r[1] = (-x * H * C * S + xpr * C * C - y * H * S * S + ypr * C * S) / p_norm;
    r[2] = -x * C * S - xpr * S * S / H + y * C * C + ypr * C * S / H;
    r[3] = (x * H * S * S - xpr * C * S - y * C * S * H + ypr * C * C) / p_norm;
    r[5] += le * (H * H * (x * x + y * y) + 2 * H * (xpr * y - ypr * x) + xpr * xpr + ypr * ypr) / 2;

    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

#endif
