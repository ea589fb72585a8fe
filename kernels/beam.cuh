/* beam.cuh: the beam as the kernels see it, and PyAT's loss rule. Shared
 * by the segment kernels (segment.cu) and the programmable elements
 * (push.cuh), so that both lose particles the same way. */
#ifndef GT_BEAM_CUH
#define GT_BEAM_CUH

#include "gotrack.h"

/* The beam on the device, as structure of arrays: coordinate k of
 * particle i at coords[k*n + i]; the loss record (lost flag, turn,
 * element, coordinates at loss in the same layout as coords). */
typedef struct {
    double *coords;
    int64_t n;
    uint8_t *lost;
    int64_t *lost_turn;
    int64_t *lost_elem;
    double *lost_coords;
    /* index[i]: the beam index of the particle in slot i (the GPU backend
     * after compaction or in batches); NULL when slot i holds particle i */
    const int64_t *index;
} gt_beam;

/* gt_particle_index is the index in the whole beam of the particle in
 * slot i: its beam index plus the beam's first (an MPI rank's offset),
 * the particle key of the random numbers. */
GT_DEVICE int64_t gt_particle_index(const gt_beam *b, int64_t i, const gt_params *params)
{
    return params->First + (b->index ? b->index[i] : i);
}

/* gt_check_lost applies PyAT's loss rule after element ei of turn turn:
 * a non-finite coordinate, or |x|, |px|, |y|, |py| or |delta| above 1,
 * loses the particle; its coordinates, turn and element are recorded and
 * it is set to (NaN, 0, 0, 0, 0, 0). Returns 1 when it was lost now. */
GT_DEVICE int gt_check_lost(double *r, const gt_beam *b, int64_t i, int64_t turn, int64_t ei)
{
    int bad = 0;
    for (int k = 0; k < 6; k++) {
        double v = r[k];
        if (v != v || v == INFINITY || v == -INFINITY || (k < 5 && fabs(v) > 1)) {
            bad = 1;
            break;
        }
    }
    if (!bad) return 0;
    b->lost[i] = 1;
    b->lost_turn[i] = turn;
    b->lost_elem[i] = ei;
    for (int k = 0; k < 6; k++) {
        b->lost_coords[k * b->n + i] = r[k];
        r[k] = 0;
    }
    r[0] = NAN;
    return 1;
}

#endif /* GT_BEAM_CUH */
