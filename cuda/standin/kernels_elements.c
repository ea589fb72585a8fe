/* kernels_elements.c: the elements module (kernels/elements.cu, one
 * gt_elem_<Method> kernel per passmethod) compiled by gcc with the CUDA
 * dialect (dialect.h) into the driver stand-in, and its kernel table,
 * generated with the kernels' own GT_FOR_EACH_METHOD. */
#include "../../kernels/elements.cu"

#define GT_STANDIN_WRAP(name)                                                                           \
    static void wrap_gt_elem_##name(void **args)                                                        \
    {                                                                                                   \
        gt_elem_##name(GT_STANDIN_ARG(const gt_beam *, 0), GT_STANDIN_ARG(const gt_element *, 1),       \
                       GT_STANDIN_ARG(const double *, 2), GT_STANDIN_ARG(const gt_params *, 3),         \
                       GT_STANDIN_ARG(int64_t, 4), GT_STANDIN_ARG(int64_t, 5));                         \
    }
GT_FOR_EACH_METHOD(GT_STANDIN_WRAP)
#undef GT_STANDIN_WRAP

/* gt_standin_elements_kernels is the elements module's kernel table. */
const gt_standin_kernel gt_standin_elements_kernels[] = {
#define GT_STANDIN_ENTRY(name) {"gt_elem_" #name, 6, GT_THREADS_PER_BLOCK, 128, 0, wrap_gt_elem_##name},
    GT_FOR_EACH_METHOD(GT_STANDIN_ENTRY)
#undef GT_STANDIN_ENTRY
    {0, 0, 0, 0, 0, 0},
};
