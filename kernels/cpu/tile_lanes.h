/* tile_lanes.h: the lane form of the four multipole integrators (package
 * cpu, included by tile.c, twice on x86-64: once for the baseline
 * instruction set and once for AVX2, chosen at run time).
 *
 * A block of GT_LANES particles is held as six arrays of GT_LANES values
 * (x, px, y, py, delta, ct), and every step of the 4th-order integrator is
 * a loop over the lanes with a fixed trip count and no branch, which the C
 * compiler turns into SIMD instructions (SSE2 or NEON 2 wide, AVX2 4
 * wide). Each lane goes through exactly the operations of
 * gt_pass_<Method> (strmpole.cuh, bndmpole.cuh), in the same order, each
 * rounded alone (no FMA contraction, see gotrack.h): a SIMD division or
 * product rounds as the scalar one does, so the bits are those of the
 * per-particle path. Unused lanes hold zeros; their results are dropped.
 *
 * The includer defines GT_LANE_FN(name), the name of each function in
 * this copy, and GT_LANE_ATTR, its target attribute. */

/* the field polynomial by Horner's rule, as gt_multipole_field: the order
 * loop outside, the lanes inside */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_field)(gt_lanes *v, const double *A, const double *B, int max_order,
                                                    double *restrict re, double *restrict im)
{
    const double *restrict x = v->r[0], *restrict y = v->r[2];
    for (int c = 0; c < GT_LANES; c++) {
        re[c] = B[max_order];
        im[c] = A[max_order];
    }
    for (int i = max_order - 1; i >= 0; i--) {
        double bi = B[i], ai = A[i];
        for (int c = 0; c < GT_LANES; c++) {
            double t = re[c] * x[c] - im[c] * y[c] + bi;
            im[c] = im[c] * x[c] + re[c] * y[c] + ai;
            re[c] = t;
        }
    }
}

/* gt_fastdrift on every lane, NormL per lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_fastdrift)(gt_lanes *v, const double *restrict NormL)
{
    double *restrict x = v->r[0], *restrict px = v->r[1], *restrict y = v->r[2], *restrict py = v->r[3];
    const double *restrict dp = v->r[4];
    double *restrict ct = v->r[5];
    for (int c = 0; c < GT_LANES; c++) {
        x[c] += NormL[c] * px[c];
        y[c] += NormL[c] * py[c];
        ct[c] += NormL[c] * (px[c] * px[c] + py[c] * py[c]) / (2 * (1 + dp[c]));
    }
}

/* gt_drift6 on every lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_drift6)(gt_lanes *v, double L)
{
    double *restrict x = v->r[0], *restrict px = v->r[1], *restrict y = v->r[2], *restrict py = v->r[3];
    const double *restrict dp = v->r[4];
    double *restrict ct = v->r[5];
    for (int c = 0; c < GT_LANES; c++) {
        double p_norm = 1 / (1 + dp[c]);
        double NormL = L * p_norm;
        x[c] += NormL * px[c];
        y[c] += NormL * py[c];
        ct[c] += NormL * p_norm * (px[c] * px[c] + py[c] * py[c]) / 2;
    }
}

/* gt_strthinkick on every lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_strkick)(gt_lanes *v, const double *A, const double *B, double L,
                                                      int max_order)
{
    double re[GT_LANES], im[GT_LANES];
    GT_LANE_FN(gt_lanes_field)(v, A, B, max_order, re, im);
    double *restrict px = v->r[1], *restrict py = v->r[3];
    for (int c = 0; c < GT_LANES; c++) {
        px[c] -= L * re[c];
        py[c] += L * im[c];
    }
}

/* gt_bndthinkick on every lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_bndkick)(gt_lanes *v, const double *A, const double *B, double L,
                                                      double irho, int max_order)
{
    double re[GT_LANES], im[GT_LANES];
    GT_LANE_FN(gt_lanes_field)(v, A, B, max_order, re, im);
    const double *restrict x = v->r[0], *restrict dp = v->r[4];
    double *restrict px = v->r[1], *restrict py = v->r[3], *restrict ct = v->r[5];
    for (int c = 0; c < GT_LANES; c++) {
        px[c] -= L * (re[c] - (dp[c] - x[c] * irho) * irho);
        py[c] += L * im[c];
        ct[c] += L * irho * x[c];
    }
}

/* gt_str_radkick on every lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_str_radkick)(gt_lanes *v, const double *A, const double *B,
                                                          int max_order, double L, double rad_const)
{
    double re[GT_LANES], im[GT_LANES];
    GT_LANE_FN(gt_lanes_field)(v, A, B, max_order, re, im);
    double *restrict px = v->r[1], *restrict py = v->r[3], *restrict dp = v->r[4];
    for (int c = 0; c < GT_LANES; c++) {
        double p_norm = 1.0 / (1.0 + dp[c]);
        double xpr = px[c] * p_norm;
        double ypr = py[c] * p_norm;
        double b2p = gt_str_b2perp(im[c], re[c], xpr, ypr);
        double factor = (1.0 + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;
        dp[c] -= rad_const * b2p * factor;
        p_norm = 1.0 / (1.0 + dp[c]);
        px[c] = xpr / p_norm;
        py[c] = ypr / p_norm;
        px[c] -= L * re[c];
        py[c] += L * im[c];
    }
}

/* gt_bnd_radkick on every lane */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_bnd_radkick)(gt_lanes *v, const double *A, const double *B,
                                                          int max_order, double L, double irho, double rad_const)
{
    double re[GT_LANES], im[GT_LANES];
    GT_LANE_FN(gt_lanes_field)(v, A, B, max_order, re, im);
    const double *restrict x = v->r[0];
    double *restrict px = v->r[1], *restrict py = v->r[3], *restrict dp = v->r[4], *restrict ct = v->r[5];
    for (int c = 0; c < GT_LANES; c++) {
        double p_norm = 1.0 / (1.0 + dp[c]);
        double xpr = px[c] * p_norm;
        double ypr = py[c] * p_norm;
        double b2p = gt_bnd_b2perp(im[c], re[c] + irho, irho, x[c], xpr, ypr);
        double factor = (1.0 + x[c] * irho + (xpr * xpr + ypr * ypr) / 2.0) / (p_norm * p_norm) * L;
        double dp_0 = dp[c];
        dp[c] -= rad_const * b2p * factor;
        p_norm = 1.0 / (1.0 + dp[c]);
        px[c] = xpr / p_norm;
        py[c] = ypr / p_norm;
        px[c] -= L * (re[c] - (dp_0 - x[c] * irho) * irho);
        py[c] += L * im[c];
        ct[c] += L * irho * x[c];
    }
}

/* GT_LANE_SLICES runs the num_int_steps slices of the 4th-order
 * integrator: DRIFT(which) is drift 1 or 2, KICK(K) a kick of strength K. */
#define GT_LANE_SLICES(DRIFT, KICK)           \
    for (int m = 0; m < num_int_steps; m++) { \
        DRIFT(1);                             \
        KICK(K1);                             \
        DRIFT(2);                             \
        KICK(K2);                             \
        DRIFT(2);                             \
        KICK(K1);                             \
        DRIFT(1);                             \
    }
#define GT_LANE_FASTDRIFT(w) GT_LANE_FN(gt_lanes_fastdrift)(v, (w) == 1 ? s->NormL1 : s->NormL2)
#define GT_LANE_DRIFT6(w) GT_LANE_FN(gt_lanes_drift6)(v, (w) == 1 ? s->L1 : s->L2)

/* the body of each integrator: the slices on the lanes v, with what
 * gt_tile_setup computed from the element in s */
GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_StrMPoleSymplectic4Pass)(gt_lanes *v, const gt_slices *s)
{
    const double *A = s->A, *B = s->B, K1 = s->K1, K2 = s->K2;
    int max_order = s->max_order, num_int_steps = s->num_int_steps;
#define GT_KICK(K) GT_LANE_FN(gt_lanes_strkick)(v, A, B, K, max_order)
    GT_LANE_SLICES(GT_LANE_FASTDRIFT, GT_KICK)
#undef GT_KICK
}

GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_StrMPoleSymplectic4RadPass)(gt_lanes *v, const gt_slices *s)
{
    const double *A = s->A, *B = s->B, K1 = s->K1, K2 = s->K2, rad_const = s->rad_const;
    int max_order = s->max_order, num_int_steps = s->num_int_steps;
#define GT_KICK(K) GT_LANE_FN(gt_lanes_str_radkick)(v, A, B, max_order, K, rad_const)
    GT_LANE_SLICES(GT_LANE_DRIFT6, GT_KICK)
#undef GT_KICK
}

GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_BndMPoleSymplectic4Pass)(gt_lanes *v, const gt_slices *s)
{
    const double *A = s->A, *B = s->B, K1 = s->K1, K2 = s->K2, irho = s->irho;
    int max_order = s->max_order, num_int_steps = s->num_int_steps;
#define GT_KICK(K) GT_LANE_FN(gt_lanes_bndkick)(v, A, B, K, irho, max_order)
    GT_LANE_SLICES(GT_LANE_FASTDRIFT, GT_KICK)
#undef GT_KICK
}

GT_LANE_ATTR static void GT_LANE_FN(gt_lanes_BndMPoleSymplectic4RadPass)(gt_lanes *v, const gt_slices *s)
{
    const double *A = s->A, *B = s->B, K1 = s->K1, K2 = s->K2, irho = s->irho, rad_const = s->rad_const;
    int max_order = s->max_order, num_int_steps = s->num_int_steps;
#define GT_KICK(K) GT_LANE_FN(gt_lanes_bnd_radkick)(v, A, B, max_order, K, irho, rad_const)
    GT_LANE_SLICES(GT_LANE_DRIFT6, GT_KICK)
#undef GT_KICK
}

#undef GT_LANE_SLICES
#undef GT_LANE_FASTDRIFT
#undef GT_LANE_DRIFT6
