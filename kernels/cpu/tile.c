//go:build cgo

/* tile.c: the host-only entries of the CPU backend (package cpu).
 *
 * It compiles the kernel source (segment.cu, which brings every passmethod
 * and gt_segment_host, the per-particle path) with the host C compiler,
 * and adds gt_tile_pass, which tracks a tile of particles through one pass
 * element by element: one dispatch on the element's Method per element per
 * tile, then a loop over the tile's particles calling that passmethod.
 * Each particle goes through the same operations in the same order as in
 * gt_track_particle (segment.cu): the same passmethods, the same loss rule
 * after each element, lost particles passed only through
 * SolenoidLinearPass, the monitor written at the entrance of each refpt;
 * so the coordinates are bit for bit those of the per-particle path. The
 * GPU kernels are not affected: this file is compiled only by cgo. */
#include <string.h>

#include "segment.cu"
#include "tile.h"

/* GT_TILE_CASE is the loop of one passmethod over the tile's particles j
 * (beam particle lo+j, coordinates at buf[6*j]). */
#define GT_TILE_CASE(name)                                                   \
    case GT_##name:                                                          \
        for (int64_t j = 0; j < m; j++) {                                    \
            int was_lost = b->lost[lo + j];                                  \
            if (was_lost && GT_##name != GT_SolenoidLinearPass) continue;    \
            double *r = buf + 6 * j;                                         \
            gt_pass_##name(r, e, pool, &env);                                \
            if (!was_lost) alive -= gt_check_lost(r, b, lo + j, turn, ei);   \
        }                                                                    \
        break;

void gt_tile_pass(const gt_beam *b, const gt_element *elems, int64_t start, int64_t end, const double *pool,
                  const gt_params *params, int64_t turn, int64_t pass, const int64_t *refpts, int64_t nref,
                  double *monitor, int64_t lo, int64_t hi, double *buf)
{
    int64_t n = b->n, m = hi - lo, alive = 0;
    for (int64_t j = 0; j < m; j++) {
        for (int k = 0; k < 6; k++) buf[6 * j + k] = b->coords[k * n + lo + j];
        if (!b->lost[lo + j]) alive++;
    }
    gt_env env;
    env.p = *params;
    env.turn = turn;
    int64_t ri = 0;
    for (int64_t ei = start; ei <= end; ei++) {
        /* monitor layout [pass][refpt][particle][coord]: the tile's
         * particles are contiguous there, as in buf */
        while (ri < nref && refpts[ri] == ei) {
            memcpy(monitor + ((pass * nref + ri) * n + lo) * 6, buf, (size_t)m * 6 * sizeof(double));
            ri++;
        }
        if (ei == end) break;
        const gt_element *e = &elems[ei];
        /* a tile without live particles skips the element, as each of its
         * particles would, except SolenoidLinearPass (AT applies it to
         * lost particles too) */
        if (alive == 0 && e->Method != GT_SolenoidLinearPass) continue;
        switch (e->Method) {
            GT_FOR_EACH_METHOD(GT_TILE_CASE)
        }
    }
    for (int64_t j = 0; j < m; j++)
        for (int k = 0; k < 6; k++) b->coords[k * n + lo + j] = buf[6 * j + k];
}

#undef GT_TILE_CASE
