/* element.h: the flat element record shared by gotrack's Go backends and
 * its CUDA kernels. It must match device.Element in device/element.go
 * field for field (kernels/harness checks sizes and offsets through cgo).
 * Arrays live in the plan's coefficient pool and are referenced by offset;
 * GT_ABSENT marks a missing optional array. Matrices are column-major, as
 * AT's C code reads them: pool[off + i + 6*j] = M[i][j]. */
#ifndef GOTRACK_ELEMENT_H
#define GOTRACK_ELEMENT_H

#include <stdint.h>

#define GT_ABSENT (-1)

/* Passmethod numbers: device.Method, in the same order. */
enum {
    GT_IdentityPass = 0,
    GT_DriftPass,
    GT_ExactDriftPass,
    GT_StrMPoleSymplectic4Pass,
    GT_StrMPoleSymplectic4RadPass,
    GT_BndMPoleSymplectic4Pass,
    GT_BndMPoleSymplectic4RadPass,
    GT_BndMPoleSymplectic4E2Pass,
    GT_BndMPoleSymplectic4E2RadPass,
    GT_ThinMPolePass,
    GT_CorrectorPass,
    GT_AperturePass,
    GT_EAperturePass,
    GT_CavityPass,
    GT_RFCavityPass,
    GT_Matrix66Pass,
    GT_QuadLinearPass,
    GT_BendLinearPass,
    GT_SolenoidLinearPass,
    GT_ChangePRefPass,
    GT_ExactMultipolePass,
    GT_ExactSectorBendPass,
    GT_ExactRectangularBendPass,
    GT_NumMethods
};

typedef struct {
    int32_t Method;
    int32_t MaxOrder;
    int32_t NumIntSteps;
    int32_t FringeBendEntrance;
    int32_t FringeBendExit;
    int32_t FringeQuadEntrance;
    int32_t FringeQuadExit;

    int32_t PolynomA;
    int32_t PolynomB;
    int32_t T1;
    int32_t T2;
    int32_t R1;
    int32_t R2;
    int32_t RApertures;
    int32_t EApertures;
    int32_t KickAngle;
    int32_t M66;
    int32_t FringeIntM0;
    int32_t FringeIntP0;
    int32_t Pad_;

    double Length;
    double BendingAngle;
    double EntranceAngle;
    double ExitAngle;
    double FringeInt1;
    double FringeInt2;
    double FullGap;
    double H1;
    double H2;
    double FieldScaling;
    double K;
    double ByError;
    double GK;
    double X0Ref;
    double RefDZ;
    double Voltage;
    double Frequency;
    double HarmNumber;
    double TimeLag;
    double PhaseLag;
    double Energy;
    double BendingAngleY;
} gt_element;

/* The ring parameters: device.Params. */
typedef struct {
    double Energy;
    double RestEnergy;
    double Charge;
    double RingLength;
    double T0;
} gt_params;

/* What a passmethod may read besides its record: host.Env. */
typedef struct {
    gt_params p;
    int64_t turn;
} gt_env;

#endif
