/* tile.h: the host-only entries of the CPU backend (package cpu), defined
 * in tile.c, which compiles the kernel source with the host C compiler. */
#ifndef GT_CPU_TILE_H
#define GT_CPU_TILE_H

#include "beam.cuh"

/* gt_segment_host (segment.cu) runs particles [lo, hi) one at a time
 * through elements [start, end) for turns passes. */
void gt_segment_host(const gt_beam *beam, const gt_element *elems, int64_t start, int64_t end, const double *pool,
                     const gt_params *params, int64_t turn0, int64_t turns, const int64_t *refpts, int64_t nref,
                     double *monitor, int64_t lo, int64_t hi);

/* gt_tile_pass runs the tile of particles [lo, hi) through elements
 * [start, end) for one pass (AT's turn turn, pass pass of the monitor),
 * element by element, the coordinates in buf (6*(hi-lo) values, particle j
 * at buf[6*j]), writing the monitor at the entrance of each refpt (end:
 * after the last element). The coordinates equal gt_segment_host's bit for
 * bit. */
void gt_tile_pass(const gt_beam *b, const gt_element *elems, int64_t start, int64_t end, const double *pool,
                  const gt_params *params, int64_t turn, int64_t pass, const int64_t *refpts, int64_t nref,
                  double *monitor, int64_t lo, int64_t hi, double *buf);

/* gt_tile_init chooses the lane integrators of gt_tile_pass for the
 * processor (AVX2 where it has it); it is called once, before any pass. */
void gt_tile_init(void);

/* gt_tile_select chooses AVX2 (avx2 non-zero, where the processor has it)
 * or the baseline instruction set, and returns whether AVX2 was chosen.
 * Not safe while a pass runs: tests call it between runs. */
int gt_tile_select(int avx2);

/* gt_tile_simd names the instruction set gt_tile_init chose. */
const char *gt_tile_simd(void);

#endif
