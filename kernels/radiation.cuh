/* radiation.cuh: the classical synchrotron-radiation constants and kicks
 * of the radiating integrators (no quantum diffusion), following
 * gotrack's host/radiation.go operation for operation. */
#ifndef GOTRACK_RADIATION_CUH
#define GOTRACK_RADIATION_CUH

#include "gotrack.h"

/* Physical constants as AT defines them, each derived value computed in
 * double arithmetic one operation at a time. */
#define GT_RE 2.8179403205e-15       /* classical electron radius [m] */
#define GT_E0_GEV 510.99895069e-6    /* electron rest energy [GeV] */
#define GT_CGAMMA (4.0 * GT_PI * GT_RE / (3.0 * GT_E0_GEV * GT_E0_GEV * GT_E0_GEV))
#define GT_RADC (2.0 / 3.0 * GT_RE)

/* gt_at_gamma: the Lorentz factor used for radiation, energy over rest
 * energy, with the electron mass when the rest energy is zero. */
GT_DEVICE double gt_at_gamma(double energy, double rest_energy)
{
    if (rest_energy == 0.0) return 1.0e-9 * energy / GT_E0_GEV;
    return energy / rest_energy;
}

/* The error-free transformations below must see every product and sum
 * rounded on its own; under nvcc the round-to-nearest intrinsics make
 * that hold whatever the -fmad setting. */
#ifdef __CUDACC__
#define GT_RN_MUL(a, b) __dmul_rn((a), (b))
#define GT_RN_ADD(a, b) __dadd_rn((a), (b))
#define GT_RN_SUB(a, b) __dsub_rn((a), (b))
#else
#define GT_RN_MUL(a, b) ((a) * (b))
#define GT_RN_ADD(a, b) ((a) + (b))
#define GT_RN_SUB(a, b) ((a) - (b))
#endif

/* gt_split cuts a into a high part of 26 significant bits and an exact
 * remainder (Veltkamp), so that products of parts are exact. */
GT_DEVICE void gt_split(double a, double *hi, double *lo)
{
    double c = GT_RN_MUL(134217729.0, a); /* 2^27 + 1 */
    double big = GT_RN_SUB(c, a);
    *hi = GT_RN_SUB(c, big);
    *lo = GT_RN_SUB(a, *hi);
}

/* gt_two_prod returns p = fl(a*b) and the exact error e = a*b - p
 * (Dekker's algorithm, without fused multiply-add). */
GT_DEVICE void gt_two_prod(double a, double b, double *p, double *e)
{
    double ah, al, bh, bl, t;
    *p = GT_RN_MUL(a, b);
    gt_split(a, &ah, &al);
    gt_split(b, &bh, &bl);
    t = GT_RN_SUB(GT_RN_MUL(ah, bh), *p);
    t = GT_RN_ADD(t, GT_RN_MUL(ah, bl));
    t = GT_RN_ADD(t, GT_RN_MUL(al, bh));
    *e = GT_RN_ADD(t, GT_RN_MUL(al, bl));
}

/* gt_two_sum returns s = fl(a+b) and the exact error e = a + b - s. */
GT_DEVICE void gt_two_sum(double a, double b, double *s, double *e)
{
    double bb;
    *s = GT_RN_ADD(a, b);
    bb = GT_RN_SUB(*s, a);
    *e = GT_RN_ADD(GT_RN_SUB(a, GT_RN_SUB(*s, bb)), GT_RN_SUB(b, bb));
}

/* gt_cube returns x*x*x rounded once, as a correctly rounded pow(x, 3):
 * x*x is kept as an exact double-double, multiplied by x exactly into
 * four terms, and the terms are summed with the small ones first. */
GT_DEVICE double gt_cube(double x)
{
    double h, l, p1, e1, p2, e2, t, te, s, se;
    if (x == 0.0 || x != x || x - x != 0.0) return x * x * x;
    if (fabs(x) > 1.0e100 || fabs(x) < 1.0e-90) return x * x * x; /* outside the split's safe range */
    gt_two_prod(x, x, &h, &l);
    gt_two_prod(h, x, &p1, &e1);
    gt_two_prod(l, x, &p2, &e2);
    gt_two_sum(e1, p2, &t, &te);
    te = GT_RN_ADD(te, e2);
    gt_two_sum(p1, t, &s, &se);
    return GT_RN_ADD(s, GT_RN_ADD(se, te));
}

/* gt_rad_constant: the radiation constant of the radiating multipoles and
 * bends, (2/3) r_e gamma^3. */
GT_DEVICE double gt_rad_constant(double energy, double rest_energy)
{
    return GT_RADC * gt_cube(gt_at_gamma(energy, rest_energy));
}

/* gt_e2_c_rad: the radiation constant C_gamma E^3 / (2 pi 1e27) of the
 * radiating E2 bend, for a reference energy e0 in eV. */
GT_DEVICE double gt_e2_c_rad(double e0)
{
    return GT_CGAMMA * e0 * e0 * e0 / (GT_TWOPI * 1e27);
}

/* gt_str_b2_perp: squared field component perpendicular to the velocity,
 * straight frame. */
GT_DEVICE double gt_str_b2_perp(double bx, double by, double xpr, double ypr)
{
    double v_norm2 = 1.0 / (1.0 + xpr * xpr + ypr * ypr);
    return (by * by + bx * bx + (bx * ypr - by * xpr) * (bx * ypr - by * xpr)) * v_norm2;
}

/* gt_bnd_b2_perp: squared field component perpendicular to the velocity in
 * a frame of curvature irho. */
GT_DEVICE double gt_bnd_b2_perp(double bx, double by, double irho, double x, double xpr, double ypr)
{
    double v_norm2 = 1.0 / ((1.0 + x * irho) * (1.0 + x * irho) + xpr * xpr + ypr * ypr);
    return ((by * (1 + x * irho)) * (by * (1 + x * irho)) + (bx * (1 + x * irho)) * (bx * (1 + x * irho)) +
            (bx * ypr - by * xpr) * (bx * ypr - by * xpr)) *
           v_norm2;
}

/* gt_multipole_field evaluates the field polynomial at (r[0], r[2]) by
 * Horner's rule from the highest order. */
GT_DEVICE void gt_multipole_field(const double *r, const double *A, const double *B, int max_order, double *re,
                                  double *im)
{
    double ReSum = B[max_order], ImSum = A[max_order], t;
    for (int i = max_order - 1; i >= 0; i--) {
        t = ReSum * r[0] - ImSum * r[2] + B[i];
        ImSum = ImSum * r[0] + ReSum * r[2] + A[i];
        ReSum = t;
    }
    *re = ReSum;
    *im = ImSum;
}

/* gt_str_rad_kick: thin multipole kick of length L in a straight magnet,
 * preceded by the classical radiation energy loss. */
GT_DEVICE void gt_str_rad_kick(double *r, const double *A, const double *B, int max_order, double L, double rad_const)
{
    double re, im, p_norm, xpr, ypr, b2p, factor;
    gt_multipole_field(r, A, B, max_order, &re, &im);
    p_norm = 1.0 / (1.0 + r[4]);
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;

    b2p = gt_str_b2_perp(im, re, xpr, ypr);
    factor = (1.0 + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;

    r[4] -= rad_const * b2p * factor;

    p_norm = 1.0 / (1.0 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;

    r[1] -= L * re;
    r[3] += L * im;
}

/* gt_bnd_rad_kick: thin multipole kick of length L in a bend of curvature
 * irho, with the classical energy loss computed from the total field
 * (guide field included). */
GT_DEVICE void gt_bnd_rad_kick(double *r, const double *A, const double *B, int max_order, double L, double irho,
                               double rad_const)
{
    double re, im, p_norm, x, xpr, ypr, b2p, factor, dp_0;
    gt_multipole_field(r, A, B, max_order, &re, &im);
    p_norm = 1.0 / (1.0 + r[4]);
    x = r[0];
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;

    b2p = gt_bnd_b2_perp(im, re + irho, irho, x, xpr, ypr);
    factor = (1.0 + x * irho + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;

    dp_0 = r[4];
    r[4] -= rad_const * b2p * factor;

    p_norm = 1.0 / (1.0 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;

    r[1] -= L * (re - (dp_0 - r[0] * irho) * irho);
    r[3] += L * im;
    r[5] += L * irho * r[0];
}

/* gt_e2_field: the E2 bend's field sums from PolynomB only (PolynomA is
 * ignored by these bends). */
GT_DEVICE void gt_e2_field(const double *r, const double *B, int max_order, double *re, double *im)
{
    double ReSum = B[max_order], ImSum = 0.0, t;
    for (int i = max_order - 1; i >= 0; i--) {
        t = ReSum * r[0] - ImSum * r[2] + B[i];
        ImSum = ImSum * r[0] + ReSum * r[2];
        ReSum = t;
    }
    *re = ReSum;
    *im = ImSum;
}

/* gt_e2_bnd_rad_kick: the E2 bend kick of length L (curvilinear field
 * expanded to fourth order) with the classical radiation loss; crad comes
 * from gt_e2_c_rad. */
GT_DEVICE void gt_e2_bnd_rad_kick(double *r, const double *B, double L, double h, double crad, int max_order)
{
    double K1 = B[1];
    double K2 = max_order >= 2 ? B[2] : 0.0;
    double ReSum, ImSum, p_norm, x, xpr, y, ypr, b2p;
    gt_e2_field(r, B, max_order, &ReSum, &ImSum);

    p_norm = 1 / (1 + r[4]);
    x = r[0];
    xpr = r[1] * p_norm;
    y = r[2];
    ypr = r[3] * p_norm;

    ImSum += h * (K1 * h - K2) * y * y * y / 6.0;
    ReSum += -K1 * h * y * y / 2.0 + h * (K1 * h - K2) * x * y * y / 2.0;

    b2p = gt_bnd_b2_perp(ImSum, ReSum + h, h, x, xpr, ypr);
    r[4] = r[4] - crad * ((1 + r[4]) * (1 + r[4])) * b2p * (1 + x * h + (xpr * xpr + ypr * ypr) / 2) * L;

    p_norm = 1 / (1 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;

    r[1] -= L * (-h * r[4] + ReSum +
                 h * (h * r[0] + K1 * (r[0] * r[0] - 0.5 * r[2] * r[2]) +
                      K2 * (r[0] * r[0] * r[0] - 4.0 / 3.0 * r[0] * r[2] * r[2])));
    r[3] += L * (ImSum + h * (K1 * r[0] * r[2] + 4.0 / 3.0 * K2 * r[0] * r[0] * r[2] +
                              (h / 6.0 * K1 - K2 / 3.0) * r[2] * r[2] * r[2]));
    r[5] += L * h * r[0];
}

#endif
