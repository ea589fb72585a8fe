/* diffusion.h: the diffusion matrices of the radiating magnets, computed
 * by the kernel source (diffusion.cuh) compiled by the host C compiler. */
#ifndef GT_CPU_DIFFUSION_H
#define GT_CPU_DIFFUSION_H

#include <stdint.h>

#include "gotrack.h"

/* gt_diffusion_host writes, for each k < n, the 36 values of the diffusion
 * matrix of element elems[idx[k]] entered at orbit + 6*k into out + 36*k
 * (column-major). */
void gt_diffusion_host(const gt_element *elems, const double *pool, int64_t n, const int64_t *idx,
                       const double *orbits, double *out);

#endif
