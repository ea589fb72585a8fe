/* fringe.cuh: the quadrupole fringe maps and the dipole edge and fringe
 * maps shared by the multipole and bend integrators. The arithmetic
 * follows gotrack's host/fringe.go operation for operation. */
#ifndef GOTRACK_FRINGE_CUH
#define GOTRACK_FRINGE_CUH

#include "gotrack.h"

/* gt_quad_fringe_p: hard-edge quadrupole fringe at a magnet entrance for a
 * normalised gradient b2 (Lee-Whiting thin-lens limit). */
GT_DEVICE void gt_quad_fringe_p(double *r, double b2)
{
    double u = b2 / (12.0 * (1.0 + r[4]));
    double x2 = r[0] * r[0];
    double z2 = r[2] * r[2];
    double xz = r[0] * r[2];
    double gx = u * (x2 + 3 * z2) * r[0];
    double gz = u * (z2 + 3 * x2) * r[2];
    double r1tmp, r3tmp;

    r[0] += gx;
    r1tmp = 3 * u * (2 * xz * r[3] - (x2 + z2) * r[1]);
    r[2] -= gz;
    r3tmp = 3 * u * (2 * xz * r[1] - (x2 + z2) * r[3]);
    r[5] -= (gz * r[3] - gx * r[1]) / (1 + r[4]);
    r[1] += r1tmp;
    r[3] -= r3tmp;
}

/* gt_quad_fringe_n: the exit counterpart of gt_quad_fringe_p (all the
 * corrections with the opposite sign). */
GT_DEVICE void gt_quad_fringe_n(double *r, double b2)
{
    double u = b2 / (12.0 * (1.0 + r[4]));
    double x2 = r[0] * r[0];
    double z2 = r[2] * r[2];
    double xz = r[0] * r[2];
    double gx = u * (x2 + 3 * z2) * r[0];
    double gz = u * (z2 + 3 * x2) * r[2];
    double r1tmp, r3tmp;

    r[0] -= gx;
    r1tmp = 3 * u * (2 * xz * r[3] - (x2 + z2) * r[1]);
    r[2] += gz;
    r3tmp = 3 * u * (2 * xz * r[1] - (x2 + z2) * r[3]);
    r[5] += (gz * r[3] - gx * r[1]) / (1 + r[4]);
    r[1] -= r1tmp;
    r[3] += r3tmp;
}

/* gt_quad_partial_fringe_matrix builds the transverse block of elegant's linear
 * quadrupole fringe matrix (m[i][j] stored as m[4*i+j]) for gradient k1
 * and fringe integrals fi; part 1 is the magnet-side half, part 2 the
 * outer half. Only the two 2x2 diagonal blocks are used. */
GT_DEVICE void gt_quad_partial_fringe_matrix(double *m, double k1, double inFringe, const double *fi, int part)
{
    double j1x, j2x, j3x, j1y, j2y, j3y;
    double k1sqr = k1 * k1;
    double expJ1x, expJ1y;
    if (part == 1) {
        j1x = inFringe * (k1 * fi[1] - 2 * k1sqr * fi[3] / 3. - k1sqr * fi[0] * fi[2] / 2);
        j2x = inFringe * k1 * fi[2];
        j3x = inFringe * k1sqr * (fi[2] + fi[4] + fi[0] * fi[1]);

        j1y = inFringe * (-k1 * fi[1] - 2 * k1sqr * fi[3] / 3. - k1sqr * fi[0] * fi[2] / 2);
        j2y = -j2x;
        j3y = j3x;
    } else {
        j1x = inFringe * (k1 * fi[1] + k1sqr * fi[0] * fi[2] / 2);
        j2x = inFringe * k1 * fi[2];
        j3x = inFringe * k1sqr * (fi[4] - fi[0] * fi[1]);

        j1y = inFringe * (-k1 * fi[1] + k1sqr * fi[0] * fi[2] / 2);
        j2y = -j2x;
        j3y = j3x;
    }
    for (int i = 0; i < 16; i++) m[i] = 0.0;

    expJ1x = exp(j1x);
    m[0 * 4 + 0] = expJ1x;
    m[0 * 4 + 1] = j2x / expJ1x;
    m[1 * 4 + 0] = expJ1x * j3x;
    m[1 * 4 + 1] = (1 + j2x * j3x) / expJ1x;

    expJ1y = exp(j1y);
    m[2 * 4 + 2] = expJ1y;
    m[2 * 4 + 3] = j2y / expJ1y;
    m[3 * 4 + 2] = expJ1y * j3y;
    m[3 * 4 + 3] = (1 + j2y * j3y) / expJ1y;
}

/* gt_fringe_mat4_apply multiplies the transverse coordinates by the
 * block-diagonal matrix m of gt_quad_partial_fringe_matrix. */
GT_DEVICE void gt_fringe_mat4_apply(double *r, const double *m)
{
    double x = r[0], px = r[1], y = r[2], py = r[3];
    r[0] = m[0 * 4 + 0] * x + m[0 * 4 + 1] * px;
    r[1] = m[1 * 4 + 0] * x + m[1 * 4 + 1] * px;
    r[2] = m[2 * 4 + 2] * y + m[2 * 4 + 3] * py;
    r[3] = m[3 * 4 + 2] * y + m[3 * 4 + 3] * py;
}

/* gt_swap_diag swaps the diagonal terms of each plane, which
 * turns the exit-side matrix into the entrance-side one. */
GT_DEVICE void gt_swap_diag(double *m)
{
    double t = m[0 * 4 + 0];
    m[0 * 4 + 0] = m[1 * 4 + 1];
    m[1 * 4 + 1] = t;
    t = m[2 * 4 + 2];
    m[2 * 4 + 2] = m[3 * 4 + 3];
    m[3 * 4 + 3] = t;
}

/* gt_linear_quad_fringe_entrance: the Lee-Whiting entrance map between
 * elegant's two linear fringe matrices (outer half first). */
GT_DEVICE void gt_linear_quad_fringe_entrance(double *r, double b2, const double *fm0, const double *fp0)
{
    double m[16];
    gt_quad_partial_fringe_matrix(m, b2, 1.0, fp0, 2);
    gt_swap_diag(m);
    gt_fringe_mat4_apply(r, m);
    gt_quad_fringe_p(r, b2);
    gt_quad_partial_fringe_matrix(m, b2, 1.0, fm0, 1);
    gt_swap_diag(m);
    gt_fringe_mat4_apply(r, m);
}

/* gt_linear_quad_fringe_exit: the Lee-Whiting exit map between elegant's
 * two linear fringe matrices (magnet-side half first). */
GT_DEVICE void gt_linear_quad_fringe_exit(double *r, double b2, const double *fm0, const double *fp0)
{
    double m[16];
    gt_quad_partial_fringe_matrix(m, b2, 1.0, fm0, 1);
    gt_fringe_mat4_apply(r, m);
    gt_quad_fringe_n(r, b2);
    gt_quad_partial_fringe_matrix(m, b2, 1.0, fp0, 2);
    gt_fringe_mat4_apply(r, m);
}

/* gt_quad_fringe_at_entrance applies the element's entrance quadrupole fringe
 * for the gradient B[1]: none for model 0 or a zero gradient, elegant's
 * linear model for model 2 when both integral sets are given, else
 * Lee-Whiting. B[1] is only read when a model is set. */
GT_DEVICE void gt_quad_fringe_at_entrance(double *r, const gt_element *e, const double *pool, const double *B)
{
    const double *fm0 = gt_arr(pool, e->FringeIntM0), *fp0 = gt_arr(pool, e->FringeIntP0);
    double b1;
    if (e->FringeQuadEntrance == 0) return;
    b1 = B[1];
    if (b1 != 0) {
        if (e->FringeQuadEntrance == 2 && fm0 && fp0)
            gt_linear_quad_fringe_entrance(r, b1, fm0, fp0);
        else
            gt_quad_fringe_p(r, b1);
    }
}

/* gt_quad_fringe_at_exit: the exit counterpart of gt_quad_fringe_at_entrance. */
GT_DEVICE void gt_quad_fringe_at_exit(double *r, const gt_element *e, const double *pool, const double *B)
{
    const double *fm0 = gt_arr(pool, e->FringeIntM0), *fp0 = gt_arr(pool, e->FringeIntP0);
    double b1;
    if (e->FringeQuadExit == 0) return;
    b1 = B[1];
    if (b1 != 0) {
        if (e->FringeQuadExit == 2 && fm0 && fp0)
            gt_linear_quad_fringe_exit(r, b1, fm0, fp0);
        else
            gt_quad_fringe_n(r, b1);
    }
}

/* gt_edge_fringe_corr is the vertical angle correction of a dipole face
 * from its fringe field; zero without fringe integral, gap or model. */
GT_DEVICE double gt_edge_fringe_corr(double inv_rho, double edge_angle, double fint, double gap, int method)
{
    double sedge, cedge;
    if (fint == 0.0 || gap == 0.0 || method == 0) return 0.0;
    sedge = sin(edge_angle);
    cedge = cos(edge_angle);
    return inv_rho * gap * fint * (1 + sedge * sedge) / cedge;
}

/* gt_edge_fringe: dipole face focusing with the fringe correction of
 * model method (0 none, 1 Brown, 2 SOLEIL, 3 THOMX; other values behave
 * as 1); side is +1 at the entrance, -1 at the exit, which differ only in
 * the sign of the THOMX slope term ((side*r1)/(1+delta) is the exact
 * negation, so both faces round as AT's two functions do). */
GT_DEVICE void gt_edge_fringe(double *r, double inv_rho, double edge_angle, double fint, double gap, int method,
                              double side)
{
    double fringecorr = gt_edge_fringe_corr(inv_rho, edge_angle, fint, gap, method);
    double fx = inv_rho * tan(edge_angle);
    double fy;
    switch (method) {
    case 2:
        fy = inv_rho * tan(edge_angle - fringecorr / (1 + r[4])) / (1 + r[4]);
        break;
    case 3:
        fy = inv_rho * tan(edge_angle - fringecorr + side * r[1] / (1 + r[4]));
        break;
    default:
        fy = inv_rho * tan(edge_angle - fringecorr / (1 + r[4]));
        break;
    }
    r[1] += r[0] * fx;
    r[3] -= r[2] * fy;
}

/* gt_diff_bend_fringe_coefs: the horizontal and vertical focusing
 * strengths fx, fy of the dipole face of gt_diff_bend_fringe (AT's
 * diff_bend_fringe) for particle r, with the fringe correction psi and
 * p_norm = 1/(1+delta). */
GT_DEVICE void gt_diff_bend_fringe_coefs(const double *r, double inv_rho, double edge_angle, double fint, double gap,
                                         int method, double sign, double *fx, double *fy, double *psi, double *p_norm)
{
    *p_norm = 1.0 / (1.0 + r[4]);
    if (fint == 0.0 || gap == 0.0 || method == 0) {
        *psi = 0.0;
    } else {
        double sedge = sin(edge_angle);
        double cedge = cos(edge_angle);
        *psi = inv_rho * gap * fint * (1.0 + sedge * sedge) / cedge;
    }
    *fx = inv_rho * tan(edge_angle);
    switch (method) {
    case 2:
        *fy = inv_rho * tan(edge_angle - *psi * *p_norm) * *p_norm;
        break;
    case 3:
        *fy = inv_rho * tan(edge_angle - *psi + sign * r[1] * *p_norm);
        break;
    default:
        *fy = inv_rho * tan(edge_angle - *psi * *p_norm);
        break;
    }
}

/* gt_diff_bend_fringe: the dipole face map of the radiating bends, which
 * multiplies by 1/(1+delta) where gt_edge_fringe divides. sign is +1 at
 * the entrance, -1 at the exit (used by model 3 only). */
GT_DEVICE void gt_diff_bend_fringe(double *r, double inv_rho, double edge_angle, double fint, double gap,
                                   int method, double sign)
{
    double fx, fy, psi, p_norm;
    gt_diff_bend_fringe_coefs(r, inv_rho, edge_angle, fint, gap, method, sign, &fx, &fy, &psi, &p_norm);
    r[1] += r[0] * fx;
    r[3] -= r[2] * fy;
}

/* gt_edge_fringe2: second-order transport through a dipole face with
 * fringe field, pole-face curvature hface and gradient k1 (E2 bends): AT's
 * edge_fringe2A at the entrance (exit 0, hface = H1), edge_fringe2B at the
 * exit (exit 1, hface = H2). The two differ in the signs of the geometric
 * terms and in the extra h^2 terms of T211, T233 and T413, added here in
 * AT's order. */
GT_DEVICE void gt_edge_fringe2(double *r, double inv_rho, double edge_angle, double fint, double gap, double hface,
                               double k1, int exit)
{
    double fx = inv_rho * tan(edge_angle);
    double dpsi = inv_rho * gap * fint * (1 + sin(edge_angle) * sin(edge_angle)) / cos(edge_angle);
    double psi_bar = edge_angle - dpsi;
    double fy = inv_rho * tan(psi_bar);
    double h = inv_rho;
    double tpsi = tan(edge_angle), tpsib = tan(psi_bar);
    double spsi = 1.0 / cos(edge_angle);
    double r0 = r[0], r2 = r[2], r1 = r[1];

    double T111 = 0.5 * h * tpsi * tpsi;
    double T133 = -0.5 * h * spsi * spsi;
    if (!exit) {
        T111 = -T111;
        T133 = -T133;
    }
    double T234 = T111;
    double T414 = T234;
    double T212 = -T111;
    double T313 = -T234;
    double T423 = -T133;
    double T211 = 0.5 * h * hface * spsi * spsi * spsi + k1 * tpsi;
    double T233 = -0.5 * h * hface * spsi * spsi * spsi - k1 * tpsi;
    double T413 = -0.5 * h * hface * spsi * spsi * spsi - k1 * tpsi;
    if (exit) {
        T211 -= 0.5 * h * h * tpsi * tpsi * tpsi;
        T233 -= 0.5 * h * h * tpsi * tpsib * tpsib;
        T413 += 0.5 * h * h * tpsi * (spsi * spsi);
    } else {
        T233 += 0.5 * h * h * tpsi * (tpsib * tpsib + spsi * spsi);
    }

    r[0] += T111 * r[0] * r[0] + T133 * r[2] * r[2];
    r[1] += r0 * fx + 2 * T212 * r0 * r[1] + 2 * T234 * r[2] * r[3] + T211 * r0 * r0 + T233 * r[2] * r[2];
    r[2] += 2 * T313 * r0 * r[2];
    r[3] += -r2 * fy + 2 * T414 * r0 * r[3] + 2 * T413 * r0 * r2 + 2 * T423 * r1 * r2;
}

/* gt_edge: hard-edge dipole face focusing without fringe correction. */
GT_DEVICE void gt_edge(double *r, double inv_rho, double edge_angle)
{
    double psi = inv_rho * tan(edge_angle);
    r[1] += r[0] * psi;
    r[3] -= r[2] * psi;
}

#endif
