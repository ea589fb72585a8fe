/* kernels_segment.c: the segment module (kernels/segment.cu) compiled by
 * gcc with the CUDA dialect (dialect.h) into the driver stand-in, and its
 * kernel table: gt_segment, gt_extent, gt_accumulate, gt_kick. The
 * wrappers unpack cuLaunchKernel's argument array into the kernels'
 * typed parameters. Registers per thread are those ptxas reports for sm_90
 * (kernels/fatbin/segment.ptxas.txt). */
#include "../../kernels/segment.cu"

static void wrap_gt_segment(void **args)
{
    gt_segment(GT_STANDIN_ARG(const gt_beam *, 0), GT_STANDIN_ARG(const gt_element *, 1),
               GT_STANDIN_ARG(int64_t, 2), GT_STANDIN_ARG(int64_t, 3), GT_STANDIN_ARG(const double *, 4),
               GT_STANDIN_ARG(const gt_params *, 5), GT_STANDIN_ARG(int64_t, 6), GT_STANDIN_ARG(int64_t, 7),
               GT_STANDIN_ARG(const int64_t *, 8), GT_STANDIN_ARG(int64_t, 9), GT_STANDIN_ARG(double *, 10));
}

static void wrap_gt_extent(void **args)
{
    gt_extent(GT_STANDIN_ARG(const double *, 0), GT_STANDIN_ARG(int64_t, 1), GT_STANDIN_ARG(const int64_t *, 2),
              GT_STANDIN_ARG(int64_t, 3), GT_STANDIN_ARG(int64_t, 4), GT_STANDIN_ARG(int64_t, 5),
              GT_STANDIN_ARG(long long *, 6), GT_STANDIN_ARG(int64_t, 7));
}

static void wrap_gt_accumulate(void **args)
{
    gt_accumulate(GT_STANDIN_ARG(const double *, 0), GT_STANDIN_ARG(int64_t, 1), GT_STANDIN_ARG(const int64_t *, 2),
                  GT_STANDIN_ARG(int64_t, 3), GT_STANDIN_ARG(int64_t, 4), GT_STANDIN_ARG(int64_t, 5),
                  GT_STANDIN_ARG(int64_t, 6), GT_STANDIN_ARG(const double *, 7), GT_STANDIN_ARG(const double *, 8),
                  GT_STANDIN_ARG(const double *, 9), GT_STANDIN_ARG(const int64_t *, 10),
                  GT_STANDIN_ARG(int64_t, 11), GT_STANDIN_ARG(long long *, 12), GT_STANDIN_ARG(long long *, 13),
                  GT_STANDIN_ARG(int64_t, 14));
}

static void wrap_gt_kick(void **args)
{
    gt_kick(GT_STANDIN_ARG(double *, 0), GT_STANDIN_ARG(int64_t, 1), GT_STANDIN_ARG(const int64_t *, 2),
            GT_STANDIN_ARG(int64_t, 3), GT_STANDIN_ARG(int64_t, 4), GT_STANDIN_ARG(int64_t, 5),
            GT_STANDIN_ARG(int64_t, 6), GT_STANDIN_ARG(const double *, 7), GT_STANDIN_ARG(const double *, 8),
            GT_STANDIN_ARG(const double *, 9), GT_STANDIN_ARG(const double *, 10));
}

/* gt_standin_segment_kernels is the segment module's kernel table. The
 * whole-beam kernels have no launch bound: the GPU's 1024 applies. */
const gt_standin_kernel gt_standin_segment_kernels[] = {
    {"gt_segment", 11, GT_THREADS_PER_BLOCK, 128, 0, wrap_gt_segment},
    {"gt_extent", 8, 1024, 28, 1, wrap_gt_extent},
    {"gt_accumulate", 15, 1024, 36, 1, wrap_gt_accumulate},
    {"gt_kick", 11, 1024, 36, 0, wrap_gt_kick},
    {0, 0, 0, 0, 0, 0},
};
