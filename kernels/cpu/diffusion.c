//go:build cgo

/* diffusion.c: the host entry of the diffusion matrices (package cpu),
 * the kernel source's gt_element_diffusion for a list of elements. */
#include "diffusion.cuh"
#include "diffusion.h"

void gt_diffusion_host(const gt_element *elems, const double *pool, int64_t n, const int64_t *idx,
                       const double *orbits, double *out)
{
    for (int64_t k = 0; k < n; k++) gt_element_diffusion(&elems[idx[k]], pool, orbits + 6 * k, out + 36 * k);
}
