/* diffusion.cuh: the quantum-excitation diffusion matrices of the
 * radiating multipoles and bends, AT's StrMPoleSymplectic4RadPass and
 * BndMPoleSymplectic4RadPass run with a non-null bdiff (diff_drift.c,
 * diff_str_kick.c, diff_bnd_kick.c, diff_bend_fringe.c): what PyAT's
 * diffusion_matrix returns for one particle on the closed orbit, the
 * input of ohmi_envelope. Matrices are 36 values, column-major as AT
 * stores them: B[i][j] = b[i+6*j]. host/diffusion.go has the same
 * functions in Go. */
#ifndef GOTRACK_DIFFUSION_CUH
#define GOTRACK_DIFFUSION_CUH

#include "gotrack.h"
#include "fringe.cuh"
#include "radiation.cuh"
#include "exactrad.cuh"

/* AT's DIF_CONST = 55/(24 sqrt 3) hbar c / E0 r_e [m^2] */
#define GT_DIF_CONST (55.0 / 24.0 / 1.7320508075688772 * 197.3269804e-18 / GT_E0_GEV * GT_RE)

/* gt_identity66 sets m to the 6x6 identity. */
GT_DEVICE void gt_identity66(double *m)
{
    for (int i = 0; i < 36; i++) m[i] = 0.0;
    for (int i = 0; i < 6; i++) m[7 * i] = 1.0;
}

/* gt_diff_sandwich replaces b by m b m^T in AT's loop order
 * (ATsandwichmmt). */
GT_DEVICE void gt_diff_sandwich(const double *m, double *b)
{
    double t[6];
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
            double s = 0.0;
            for (int k = 0; k < 6; k++) s += m[j + 6 * k] * b[k + 6 * i];
            t[j] = s;
        }
        for (int j = 0; j < 6; j++) b[j + 6 * i] = t[j];
    }
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
            double s = 0.0;
            for (int k = 0; k < 6; k++) s += b[i + 6 * k] * m[j + 6 * k];
            t[j] = s;
        }
        for (int j = 0; j < 6; j++) b[i + 6 * j] = t[j];
    }
}

/* gt_diff_drift propagates b through a drift of length L at the
 * particle's momentum, then moves the particle (AT's diff_drift). */
GT_DEVICE void gt_diff_drift(double *r, double L, double *b)
{
    double p_norm = 1.0 / (1.0 + r[4]);
    double xpr = r[1] * p_norm;
    double ypr = r[3] * p_norm;
    double NormL = L * p_norm;
    double m[36];
    gt_identity66(m);
    m[6] = NormL;
    m[20] = NormL;
    m[24] = -NormL * xpr;
    m[26] = -NormL * ypr;
    m[11] = NormL * xpr;
    m[23] = NormL * ypr;
    m[29] = -NormL * (xpr * xpr + ypr * ypr);
    gt_diff_sandwich(m, b);
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * p_norm * (r[1] * r[1] + r[3] * r[3]) / 2.0;
}

/* gt_kick_matrix propagates b through the symplectic matrix of a thin
 * kick at the particle (AT's thinkickM; the bend terms only when bend is
 * non-zero). */
GT_DEVICE void gt_kick_matrix(const double *r, const double *A, const double *B, int max_order, double L, double irho,
                              int bend, double *b)
{
    double ImSumN = max_order * A[max_order];
    double ReSumN = max_order * B[max_order];
    double m[36];
    for (int n = max_order - 1; n > 0; n--) {
        double t = (ReSumN * r[0] - ImSumN * r[2]) + n * B[n];
        ImSumN = ImSumN * r[0] + ReSumN * r[2] + n * A[n];
        ReSumN = t;
    }
    gt_identity66(m);
    m[1] = -L * ReSumN;
    m[13] = L * ImSumN;
    m[3] = L * ImSumN;
    m[15] = L * ReSumN;
    if (bend) {
        m[25] = L * irho;
        m[1] += -L * irho * irho;
        m[5] = L * irho;
    }
    gt_diff_sandwich(m, b);
}

/* gt_kick_diffusion adds the diffusion of one radiating thin kick, Ohmi's
 * B of the kick (AT's thinkickB). */
GT_DEVICE void gt_kick_diffusion(const double *r, double dif_const, double B2P, double factor, double *b)
{
    double p_norm = 1.0 / (1.0 + r[4]);
    double p_norm2 = p_norm * p_norm;
    double B3P = B2P * sqrt(B2P);
    double BB = dif_const * B3P * factor / p_norm2;
    double d[36];
    for (int i = 0; i < 36; i++) d[i] = 0.0;
    d[7] = BB * r[1] * r[1] * p_norm2;
    d[19] = BB * r[1] * r[3] * p_norm2;
    d[9] = d[19];
    d[21] = BB * r[3] * r[3] * p_norm2;
    d[10] = BB * r[1] * p_norm;
    d[25] = d[10];
    d[22] = BB * r[3] * p_norm;
    d[27] = d[22];
    d[28] = BB;
    for (int i = 0; i < 36; i++) b[i] += d[i];
}

/* gt_diff_kick is a thin multipole kick of length L with classical
 * radiation in a magnet of curvature irho, which first propagates b
 * through the kick's matrix and adds the kick's diffusion (AT's
 * diff_str_kick when bend is zero, diff_bnd_kick otherwise). */
GT_DEVICE void gt_diff_kick(double *r, const double *A, const double *B, int max_order, double L, double irho,
                            double rad_const, double dif_const, int bend, double *b)
{
    double re, im, p_norm, x, xpr, ypr, B2P, factor, dp_0;
    gt_multipole_field(r, A, B, max_order, &re, &im);
    p_norm = 1.0 / (1.0 + r[4]);
    x = r[0];
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;
    if (bend) {
        B2P = gt_bnd_b2_perp(im, re + irho, irho, x, xpr, ypr);
        factor = (1.0 + x * irho + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;
    } else {
        B2P = gt_str_b2_perp(im, re, xpr, ypr);
        factor = (1.0 + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;
    }
    gt_kick_matrix(r, A, B, max_order, L, irho, bend, b);
    gt_kick_diffusion(r, dif_const, B2P, factor, b);

    dp_0 = r[4];
    r[4] -= rad_const * B2P * factor;
    p_norm = 1.0 / (1.0 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;
    if (bend) {
        r[1] -= L * (re - (dp_0 - r[0] * irho) * irho);
        r[3] += L * im;
        r[5] += L * irho * r[0];
    } else {
        r[1] -= L * re;
        r[3] += L * im;
    }
}

/* gt_diff_bend_fringe_b propagates b through a dipole face (AT's
 * diff_bend_fringe with a non-null bdiff), then moves the particle as
 * gt_diff_bend_fringe does. */
GT_DEVICE void gt_diff_bend_fringe_b(double *r, double inv_rho, double edge_angle, double fint, double gap, int method,
                                     double sign, double *b)
{
    double fx, fy, psi, p_norm;
    int fringe = fint > 0 && gap > 0;
    gt_diff_bend_fringe_coefs(r, inv_rho, edge_angle, fint, gap, method, sign, &fx, &fy, &psi, &p_norm);
    for (int m = 0; m < 6; m++) {
        b[1 + 6 * m] += fx * b[6 * m];
        b[3 + 6 * m] -= fy * b[2 + 6 * m];
    }
    if (fringe)
        for (int m = 0; m < 6; m++)
            b[3 + 6 * m] -= b[4 + 6 * m] * r[2] * (inv_rho * inv_rho + fy * fy) * psi * p_norm * p_norm / inv_rho;
    for (int m = 0; m < 6; m++) {
        b[m + 6 * 1] += fx * b[m + 6 * 0];
        b[m + 6 * 3] -= fy * b[m + 6 * 2];
    }
    if (fringe)
        for (int m = 0; m < 6; m++)
            b[m + 6 * 3] -= b[m + 6 * 4] * r[2] * (inv_rho * inv_rho + fy * fy) * psi * p_norm * p_norm / inv_rho;
    r[1] += r[0] * fx;
    r[3] -= r[2] * fy;
}

/* gt_ex_diff_drift propagates b through an exact drift of length L at the
 * particle's momentum (AT's drift_propagateB), then moves the particle
 * (gt_ex_rad_drift). */
GT_DEVICE void gt_ex_diff_drift(double *r, double L, double *b)
{
    double p_norm = 1.0 / (1.0 + r[4]);
    double xpr = r[1] * p_norm;
    double ypr = r[3] * p_norm;
    double NormL = L * p_norm / sqrt(1.0 - xpr * xpr - ypr * ypr);
    double den = 1.0 - xpr * xpr - ypr * ypr;
    double m[36];
    gt_identity66(m);
    m[6] = NormL * (1.0 - ypr * ypr) / den;
    m[18] = NormL * xpr * ypr / den;
    m[24] = -NormL * xpr / den;
    m[8] = NormL * xpr * ypr / den;
    m[20] = NormL * (1.0 - xpr * xpr) / den;
    m[26] = -NormL * ypr / den;
    m[11] = NormL * xpr / den;
    m[23] = NormL * ypr / den;
    m[29] = -NormL * (xpr * xpr + ypr * ypr) / den;
    gt_diff_sandwich(m, b);
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * (1.0 + r[4]);
}

/* gt_ex_diff_kick is gt_ex_str_rad_kick that first propagates b through
 * the kick's matrix and adds the kick's diffusion (AT's
 * diff_str_exactkick with a non-null bdiff). */
GT_DEVICE void gt_ex_diff_kick(double *r, const double *A, const double *B, int max_order, double L, double rad_const,
                               double dif_const, double *b)
{
    double ReSum, ImSum, p_norm, xpr, ypr, b2p, factor;
    gt_ex_field(r, A, B, max_order, &ReSum, &ImSum);
    p_norm = 1.0 / (1.0 + r[4]);
    xpr = r[1] * p_norm;
    ypr = r[3] * p_norm;
    b2p = gt_ex_str_b2_perp(ImSum, ReSum, xpr, ypr);
    factor = L / (p_norm * p_norm) / sqrt(1.0 - xpr * xpr - ypr * ypr);

    gt_kick_matrix(r, A, B, max_order, L, 0.0, 0, b);
    gt_kick_diffusion(r, dif_const, b2p, factor, b);

    r[4] -= rad_const * b2p * factor;
    p_norm = 1.0 / (1.0 + r[4]);
    r[1] = xpr / p_norm;
    r[3] = ypr / p_norm;
    r[1] -= L * ReSum;
    r[3] += L * ImSum;
}

/* gt_exact_multipole_diffusion writes into b the diffusion matrix of an
 * ExactMultipoleRadPass element entered at r (not lost). The multipole
 * fringe, misalignment and apertures move the particle but do not
 * propagate the matrix, as in AT. */
GT_DEVICE void gt_exact_multipole_diffusion(const gt_element *e, const double *pool, double *r, double *b)
{
    double a[GT_MAX_ORDER + 1], bp[GT_MAX_ORDER + 1];
    int max_order = e->MaxOrder, nsteps = e->NumIntSteps;
    double sl, l1, l2, k1, k2, gamma, rad_const, dif_const;
    gt_exact_polys(e, pool, a, bp);
    sl = e->Length / (double)nsteps;
    l1 = sl * GT_DRIFT1;
    l2 = sl * GT_DRIFT2;
    k1 = sl * GT_KICK1;
    k2 = sl * GT_KICK2;
    gamma = gt_at_gamma(e->Energy, 0.0);
    rad_const = GT_RADC * gt_cube(gamma);
    dif_const = GT_DIF_CONST * pow(gamma, 5);

    if (e->FieldScaling != 1.0) gt_change_p_ref(r, e->FieldScaling);
    gt_entrance_ops(r, e, pool);
    if (e->FringeQuadEntrance != 0) gt_ex_multipole_fringe(r, a, bp, max_order, 1.0, 0);
    for (int m = 0; m < nsteps; m++) {
        gt_ex_diff_drift(r, l1, b);
        gt_ex_diff_kick(r, a, bp, max_order, k1, rad_const, dif_const, b);
        gt_ex_diff_drift(r, l2, b);
        gt_ex_diff_kick(r, a, bp, max_order, k2, rad_const, dif_const, b);
        gt_ex_diff_drift(r, l2, b);
        gt_ex_diff_kick(r, a, bp, max_order, k1, rad_const, dif_const, b);
        gt_ex_diff_drift(r, l1, b);
    }
}

/* gt_has_diffusion: whether PyAT's ohmi_envelope gives the method a
 * diffusion matrix (the radiating multipoles, exact one included; the E2
 * and exact bends as BndMPoleSymplectic4RadPass, as PyAT substitutes). */
GT_DEVICE int gt_has_diffusion(int32_t method)
{
    return method == GT_StrMPoleSymplectic4RadPass || method == GT_BndMPoleSymplectic4RadPass ||
           method == GT_BndMPoleSymplectic4E2RadPass || method == GT_ExactMultipoleRadPass ||
           method == GT_ExactSectorBendRadPass || method == GT_ExactRectangularBendRadPass ||
           method == GT_ExactRectBendRadPass;
}

/* gt_element_diffusion writes into b the diffusion matrix of element e
 * entered by a particle at orbit: zeros for a method without one or a lost
 * particle (NaN x). The constants use the electron's mass whatever the
 * particle, as PyAT's diffusion_matrix (which passes no particle) does. */
GT_DEVICE void gt_element_diffusion(const gt_element *e, const double *pool, const double *orbit, double *b)
{
    double a_[GT_MAX_ORDER + 1], b_[GT_MAX_ORDER + 1];
    const double *A, *B;
    double r[6], SL, L1, L2, K1, K2, irho = 0.0, gamma, rad_const, dif_const;
    int bend, max_order = e->MaxOrder, num_int_steps = e->NumIntSteps;
    for (int i = 0; i < 36; i++) b[i] = 0.0;
    if (!gt_has_diffusion(e->Method) || gt_isnan(orbit[0])) return;
    for (int i = 0; i < 6; i++) r[i] = orbit[i];
    if (e->Method == GT_ExactMultipoleRadPass) {
        gt_exact_multipole_diffusion(e, pool, r, b);
        return;
    }
    bend = e->Method != GT_StrMPoleSymplectic4RadPass;
    gt_polynoms(e, pool, 0, a_, b_, &A, &B);
    SL = e->Length / (double)num_int_steps;
    L1 = SL * GT_DRIFT1;
    L2 = SL * GT_DRIFT2;
    K1 = SL * GT_KICK1;
    K2 = SL * GT_KICK2;
    if (bend) irho = e->BendingAngle / e->Length;
    gamma = gt_at_gamma(e->Energy, 0.0);
    rad_const = GT_RADC * gt_cube(gamma);
    dif_const = GT_DIF_CONST * pow(gamma, 5);

    if (e->FieldScaling != 1.0) gt_change_p_ref(r, e->FieldScaling);
    gt_entrance_ops(r, e, pool);
    if (bend) gt_diff_bend_fringe_b(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, e->FringeBendEntrance, 1.0, b);
    gt_quad_fringe_at_entrance(r, e, pool, B);
    for (int m = 0; m < num_int_steps; m++) {
        gt_diff_drift(r, L1, b);
        gt_diff_kick(r, A, B, max_order, K1, irho, rad_const, dif_const, bend, b);
        gt_diff_drift(r, L2, b);
        gt_diff_kick(r, A, B, max_order, K2, irho, rad_const, dif_const, bend, b);
        gt_diff_drift(r, L2, b);
        gt_diff_kick(r, A, B, max_order, K1, irho, rad_const, dif_const, bend, b);
        gt_diff_drift(r, L1, b);
    }
    gt_quad_fringe_at_exit(r, e, pool, B);
    if (bend) gt_diff_bend_fringe_b(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, e->FringeBendExit, -1.0, b);
}

#endif
