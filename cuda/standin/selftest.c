/* selftest.c: checks of the CPU stand-in's refusals and module handling,
 * run by scripts/cuda-standin-test.sh against the built libcuda.so.1:
 * no context on a thread, copies outside or across allocations, frees of
 * a non-base pointer, out-of-memory, garbage images with their JIT error
 * log, unknown kernel names, launch limits, occupancy and events. Prints
 * one line per failed check and exits 1 if any failed. */
#include <cuda.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(call, want)                                                                       \
    do {                                                                                        \
        CUresult r_ = (call);                                                                   \
        if (r_ != (want)) {                                                                     \
            printf("selftest: %s: got %d, want %d (%s)\n", #call, (int)r_, (int)(want), #want); \
            failures++;                                                                         \
        }                                                                                       \
    } while (0)

static void *no_context(void *arg)
{
    CUdeviceptr p;
    (void)arg;
    CHECK(cuMemAlloc(&p, 64), CUDA_ERROR_INVALID_CONTEXT);
    return NULL;
}

/* read_file returns the whole file at path, NUL-terminated, or NULL. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b) b[n] = 0;
    fclose(f);
    return b;
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : ".";
    CUdevice dev;
    CUcontext ctx;
    CUdeviceptr p, q;
    CHECK(cuInit(0), CUDA_SUCCESS);
    CHECK(cuDeviceGet(&dev, 0), CUDA_SUCCESS);
    CHECK(cuDeviceGet(&dev, 1), CUDA_ERROR_INVALID_DEVICE);
    CHECK(cuMemAlloc(&p, 64), CUDA_ERROR_INVALID_CONTEXT);
    CHECK(cuDevicePrimaryCtxRetain(&ctx, dev), CUDA_SUCCESS);
    CHECK(cuCtxSetCurrent(ctx), CUDA_SUCCESS);
    pthread_t t;
    pthread_create(&t, NULL, no_context, NULL);
    pthread_join(t, NULL);

    /* Memory: poison, bounds, frees, the memory limit. */
    CHECK(cuMemAlloc(&p, 100), CUDA_SUCCESS);
    unsigned char buf[200];
    CHECK(cuMemcpyDtoH(buf, p, 100), CUDA_SUCCESS);
    if (buf[0] != 0xff || buf[99] != 0xff) {
        printf("selftest: fresh allocation not poisoned\n");
        failures++;
    }
    CHECK(cuMemcpyHtoD(p, buf, 101), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemcpyHtoD(p + 50, buf, 51), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemcpyHtoD(p + 50, buf, 50), CUDA_SUCCESS);
    CHECK(cuMemcpyDtoH(buf, (CUdeviceptr)(uintptr_t)buf, 8), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemsetD8(p + 1, 0, 100), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemsetD32(p, 0, 26), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemsetD32(p, 0, 25), CUDA_SUCCESS);
    CHECK(cuMemAlloc(&q, 100), CUDA_SUCCESS);
    CHECK(cuMemcpyDtoD(q, p, 100), CUDA_SUCCESS);
    CHECK(cuMemcpyDtoD(q, p + 1, 100), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemFree(p + 8), CUDA_ERROR_INVALID_VALUE);
    CHECK(cuMemFree(p), CUDA_SUCCESS);
    CHECK(cuMemFree(p), CUDA_ERROR_INVALID_VALUE);
    size_t freeb, total;
    CHECK(cuMemGetInfo(&freeb, &total), CUDA_SUCCESS);
    CHECK(cuMemAlloc(&p, total + 1), CUDA_ERROR_OUT_OF_MEMORY);
    CHECK(cuMemAlloc(&p, 0), CUDA_ERROR_INVALID_VALUE);

    /* Modules. */
    CUmodule mod;
    CUfunction f;
    char err[256] = "", info[256] = "";
    CUjit_option opts[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CU_JIT_INFO_LOG_BUFFER,
                           CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES};
    void *vals[] = {err, (void *)(uintptr_t)sizeof err, info, (void *)(uintptr_t)sizeof info};
    CHECK(cuModuleLoadDataEx(&mod, "garbage, not PTX", 4, opts, vals), CUDA_ERROR_INVALID_IMAGE);
    if (!err[0] || (size_t)(uintptr_t)vals[1] != strlen(err)) {
        printf("selftest: no error log for a garbage image (%zu bytes)\n", (size_t)(uintptr_t)vals[1]);
        failures++;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/kernels/fatbin/segment.fatbin", root);
    char *fatbin = read_file(path);
    if (!fatbin) {
        printf("selftest: cannot read %s\n", path);
        failures++;
    } else {
        vals[1] = (void *)(uintptr_t)sizeof err;
        vals[3] = (void *)(uintptr_t)sizeof info;
        CHECK(cuModuleLoadDataEx(&mod, fatbin, 4, opts, vals), CUDA_SUCCESS);
        if (!strstr(info, "gt_segment") || (size_t)(uintptr_t)vals[3] != strlen(info)) {
            printf("selftest: info log of the segment fat binary: %s\n", info);
            failures++;
        }
        CHECK(cuModuleGetFunction(&f, mod, "gt_elem_DriftPass"), CUDA_ERROR_NOT_FOUND);
        CHECK(cuModuleGetFunction(&f, mod, "gt_segment"), CUDA_SUCCESS);
        int v = 0, blocks = 0;
        CHECK(cuFuncGetAttribute(&v, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, f), CUDA_SUCCESS);
        if (v != 256) {
            printf("selftest: gt_segment max threads per block %d, want 256\n", v);
            failures++;
        }
        CHECK(cuOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, f, 256, 0), CUDA_SUCCESS);
        if (blocks != 2) {
            printf("selftest: gt_segment occupancy %d blocks of 256, want 2\n", blocks);
            failures++;
        }
        void *args[11] = {0};
        CHECK(cuLaunchKernel(f, 1, 1, 1, 512, 1, 1, 0, NULL, args, NULL), CUDA_ERROR_INVALID_VALUE);
        CHECK(cuLaunchKernel(f, 1, 1, 1, 128, 1, 1, 49153, NULL, args, NULL), CUDA_ERROR_INVALID_VALUE);
        CHECK(cuLaunchKernel(f, 1, 70000, 1, 128, 1, 1, 0, NULL, args, NULL), CUDA_ERROR_INVALID_VALUE);
        CHECK(cuModuleUnload(mod), CUDA_SUCCESS);
        free(fatbin);
    }
    snprintf(path, sizeof path, "%s/kernels/ptx/elements_sm90.ptx", root);
    char *ptx = read_file(path);
    if (ptx) {
        CHECK(cuModuleLoadData(&mod, ptx), CUDA_SUCCESS);
        CHECK(cuModuleGetFunction(&f, mod, "gt_elem_DriftPass"), CUDA_SUCCESS);
        CHECK(cuModuleGetFunction(&f, mod, "gt_segment"), CUDA_ERROR_NOT_FOUND);
        CHECK(cuModuleUnload(mod), CUDA_SUCCESS);
        free(ptx);
    }

    /* Events. */
    CUevent a, b;
    float ms = -1;
    CHECK(cuEventCreate(&a, 0), CUDA_SUCCESS);
    CHECK(cuEventCreate(&b, 0), CUDA_SUCCESS);
    CHECK(cuEventElapsedTime(&ms, a, b), CUDA_ERROR_INVALID_HANDLE);
    CHECK(cuEventRecord(a, NULL), CUDA_SUCCESS);
    CHECK(cuEventRecord(b, NULL), CUDA_SUCCESS);
    CHECK(cuEventElapsedTime(&ms, a, b), CUDA_SUCCESS);
    if (ms < 0) {
        printf("selftest: negative elapsed time %g ms\n", ms);
        failures++;
    }
    CHECK(cuEventDestroy(a), CUDA_SUCCESS);
    CHECK(cuEventDestroy(b), CUDA_SUCCESS);
    CHECK(cuMemFree(q), CUDA_SUCCESS);
    CHECK(cuDevicePrimaryCtxRelease(dev), CUDA_SUCCESS);
    printf("selftest: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
