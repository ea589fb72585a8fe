/* bendlinear.cuh: BendLinearPass. */
#ifndef GOTRACK_BENDLINEAR_CUH
#define GOTRACK_BENDLINEAR_CUH

#include "gotrack.h"
#include "fringe.cuh"

/* gt_focus_plane: the transfer matrix terms (diagonal MD, M12, M21) of
 * length L in one plane of focusing G, as AT's bend6 computes them, with
 * sqrt(|G|) and L*sqrt(|G|) (0 when G is 0) for the dispersion terms. */
GT_DEVICE void gt_focus_plane(double G, double L, double *MD, double *M12, double *M21, double *sqrtG, double *arg)
{
    *sqrtG = 0.0;
    *arg = 0.0;
    if (G == 0) {
        *MD = 1;
        *M12 = L;
        *M21 = 0;
    } else if (G > 0) {
        *sqrtG = sqrt(G);
        *arg = L * *sqrtG;
        *MD = cos(*arg);
        *M12 = sin(*arg) / *sqrtG;
        *M21 = -sin(*arg) * *sqrtG;
    } else {
        *sqrtG = sqrt(-G);
        *arg = L * *sqrtG;
        *MD = cosh(*arg);
        *M12 = sinh(*arg) / *sqrtG;
        *M21 = sinh(*arg) * *sqrtG;
    }
}

/* gt_bend6: the linear chromatic transfer through the body of a sector
 * bend of length L, bending angle b_angle, gradient grd and relative field
 * error by_error, including the path-length terms. */
GT_DEVICE void gt_bend6(double *r, double L, double b_angle, double grd, double by_error)
{
    double M12, M21, M34, M43, MVD, MHD;
    double sqrtG1 = 0.0, sqrtG2 = 0.0, arg1 = 0.0, arg2 = 0.0;
    double x, xpr, y, ypr, delta;
    double kx = b_angle / L;
    double p_norm = 1 / (1 + r[4]);
    double G1 = (kx * kx + grd) * p_norm;
    double G2 = -grd * p_norm;

    gt_focus_plane(G1, L, &MHD, &M12, &M21, &sqrtG1, &arg1);
    gt_focus_plane(G2, L, &MVD, &M34, &M43, &sqrtG2, &arg2);

    x = r[0];
    xpr = r[1] * p_norm;
    y = r[2];
    ypr = r[3] * p_norm;
    delta = r[4];

    r[0] = MHD * x + M12 * xpr;
    r[1] = (M21 * x + MHD * xpr) / p_norm;

    if (G1 == 0) {
        r[0] += (delta * p_norm - by_error) * L * L * kx / 2;
        r[1] += (delta * p_norm - by_error) * L * kx / p_norm;
    } else if (G1 > 0) {
        r[0] += (delta * p_norm - by_error) * (1 - cos(arg1)) * kx / G1;
        r[1] += (delta * p_norm - by_error) * sin(arg1) * kx / (sqrtG1 * p_norm);
    } else {
        r[0] += (delta * p_norm - by_error) * (1 - cosh(arg1)) * kx / G1;
        r[1] += (delta * p_norm - by_error) * sinh(arg1) * kx / (sqrtG1 * p_norm);
    }

    r[2] = MVD * y + M34 * ypr;
    r[3] = (M43 * y + MVD * ypr) / p_norm;

    r[5] += xpr * xpr * (L + MHD * M12) / 4;
    if (G1 != 0) {
        double d = delta * p_norm - by_error;
        r[5] += (L - MHD * M12) * (x * x * G1 + d * d * kx * kx / G1 - 2 * x * kx * d) / 4;
        r[5] += M12 * M21 * (x * xpr - xpr * d * kx / G1) / 2;
        r[5] += kx * x * M12 + xpr * (1 - MHD) * kx / G1 + d * (L - M12) * kx * kx / G1;
    }
    r[5] += ((L - MVD * M34) * y * y * G2 + ypr * ypr * (L + MVD * M34)) / 4;
    r[5] += M34 * M43 * x * xpr / 2;
}

/* BendLinearPass: a sector bend with gradient K tracked with its linear
 * transfer matrix between first-order face maps (fringe model 1 always).
 * No apertures; a particle whose delta is not finite is left as it is. */
GT_DEVICE void gt_pass_BendLinearPass(double *r, const gt_element *e, const double *pool, const gt_env *env)
{
    (void)env;
    const double *T1 = gt_arr(pool, e->T1), *R1 = gt_arr(pool, e->R1);
    const double *T2 = gt_arr(pool, e->T2), *R2 = gt_arr(pool, e->R2);
    double le = e->Length;
    double ba = e->BendingAngle;
    double irho = ba / le;
    if (gt_isnan(r[0])) return;
    if (gt_isnan(r[4]) || r[4] == INFINITY || r[4] == -INFINITY) return;
    if (T1) gt_add_vec(r, T1);
    if (R1) gt_mul_mat(r, R1);
    gt_edge_fringe(r, irho, e->EntranceAngle, e->FringeInt1, e->FullGap, 1, 1.0);
    gt_bend6(r, le, ba, e->K, e->ByError);
    gt_edge_fringe(r, irho, e->ExitAngle, e->FringeInt2, e->FullGap, 1, -1.0);
    if (R2) gt_mul_mat(r, R2);
    if (T2) gt_add_vec(r, T2);
}

#endif
