/* nvrtc.c: the NVRTC stand-in of the CPU stand-in for the CUDA driver,
 * built as libnvrtc.so.12 and libnvrtc.so.11.2 (same code, two sonames).
 *
 * Every call is forwarded to the real NVRTC, loaded by absolute path
 * ($GOTRACK_STANDIN_REAL_NVRTC, else the path found when the stand-in was
 * built), so that compile errors, logs and PTX are NVRTC's own. After a
 * successful compilation of a unit that defines the programmable element
 * kernel gt_push (kernels/pushentry.cuh), the same unit is also compiled
 * by gcc as C with the CUDA dialect (dialect.h) into a shared object that
 * exports a kernel table (gt_standin_kernels) for it. The PTX handed out
 * is NVRTC's with a trailing comment line naming that object
 * ("// gotrack-standin-object: PATH"); the driver stand-in's
 * cuModuleLoadData recognises the line and dlopens the object. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <nvrtc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef GT_STANDIN_REAL_NVRTC
#define GT_STANDIN_REAL_NVRTC "/usr/lib/x86_64-linux-gnu/libnvrtc.so.11.2"
#endif
#ifndef GT_STANDIN_DIALECT
#define GT_STANDIN_DIALECT "dialect.h"
#endif

#define MARKER "// gotrack-standin-object: "

/* The real NVRTC's entry points. */
static struct {
    const char *(*GetErrorString)(nvrtcResult);
    nvrtcResult (*Version)(int *, int *);
    nvrtcResult (*GetNumSupportedArchs)(int *);
    nvrtcResult (*GetSupportedArchs)(int *);
    nvrtcResult (*CreateProgram)(nvrtcProgram *, const char *, const char *, int, const char *const *,
                                 const char *const *);
    nvrtcResult (*DestroyProgram)(nvrtcProgram *);
    nvrtcResult (*CompileProgram)(nvrtcProgram, int, const char *const *);
    nvrtcResult (*GetPTXSize)(nvrtcProgram, size_t *);
    nvrtcResult (*GetPTX)(nvrtcProgram, char *);
    nvrtcResult (*GetProgramLogSize)(nvrtcProgram, size_t *);
    nvrtcResult (*GetProgramLog)(nvrtcProgram, char *);
    nvrtcResult (*AddNameExpression)(nvrtcProgram, const char *);
    nvrtcResult (*GetLoweredName)(nvrtcProgram, const char *, const char **);
} real;

static pthread_once_t real_once = PTHREAD_ONCE_INIT;
static int real_ok;

static void load_real(void)
{
    const char *path = getenv("GOTRACK_STANDIN_REAL_NVRTC");
    if (!path || !*path) path = GT_STANDIN_REAL_NVRTC;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "nvrtc-standin: cannot load the real NVRTC %s: %s (set GOTRACK_STANDIN_REAL_NVRTC)\n", path,
                dlerror());
        return;
    }
#define SYM(name)                                                                                  \
    do {                                                                                           \
        *(void **)&real.name = dlsym(h, "nvrtc" #name);                                            \
    } while (0)
    SYM(GetErrorString);
    SYM(Version);
    SYM(GetNumSupportedArchs);
    SYM(GetSupportedArchs);
    SYM(CreateProgram);
    SYM(DestroyProgram);
    SYM(CompileProgram);
    SYM(GetPTXSize);
    SYM(GetPTX);
    SYM(GetProgramLogSize);
    SYM(GetProgramLog);
    SYM(AddNameExpression);
    SYM(GetLoweredName);
#undef SYM
    real_ok = real.CreateProgram && real.CompileProgram && real.GetPTX && real.GetPTXSize && real.DestroyProgram &&
              real.GetProgramLog && real.GetProgramLogSize;
    if (!real_ok) fprintf(stderr, "nvrtc-standin: %s lacks NVRTC entry points\n", path);
}

#define NEED_REAL()                                                  \
    do {                                                             \
        pthread_once(&real_once, load_real);                         \
        if (!real_ok) return NVRTC_ERROR_INTERNAL_ERROR;             \
    } while (0)

/* program wraps a real NVRTC program with the unit's source, the PTX with
 * the marker line and what the gcc build added to the log. */
struct program {
    nvrtcProgram real;
    char *src;
    char *ptx;      /* NUL-terminated, marker included; NULL until compiled */
    char *extralog; /* gcc's output when its build failed */
};

const char *nvrtcGetErrorString(nvrtcResult r)
{
    pthread_once(&real_once, load_real);
    if (real.GetErrorString) return real.GetErrorString(r);
    return "NVRTC_ERROR (nvrtc-standin: real NVRTC not loaded)";
}

nvrtcResult nvrtcVersion(int *major, int *minor)
{
    NEED_REAL();
    return real.Version ? real.Version(major, minor) : NVRTC_ERROR_INTERNAL_ERROR;
}

nvrtcResult nvrtcGetNumSupportedArchs(int *n)
{
    NEED_REAL();
    return real.GetNumSupportedArchs ? real.GetNumSupportedArchs(n) : NVRTC_ERROR_INTERNAL_ERROR;
}

nvrtcResult nvrtcGetSupportedArchs(int *a)
{
    NEED_REAL();
    return real.GetSupportedArchs ? real.GetSupportedArchs(a) : NVRTC_ERROR_INTERNAL_ERROR;
}

nvrtcResult nvrtcCreateProgram(nvrtcProgram *prog, const char *src, const char *name, int nh,
                               const char *const *headers, const char *const *names)
{
    NEED_REAL();
    if (!prog || !src) return NVRTC_ERROR_INVALID_INPUT;
    struct program *p = calloc(1, sizeof *p);
    if (!p || !(p->src = strdup(src))) {
        free(p);
        return NVRTC_ERROR_OUT_OF_MEMORY;
    }
    nvrtcResult r = real.CreateProgram(&p->real, src, name, nh, headers, names);
    if (r != NVRTC_SUCCESS) {
        free(p->src);
        free(p);
        return r;
    }
    *prog = (nvrtcProgram)p;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog)
{
    NEED_REAL();
    if (!prog || !*prog) return NVRTC_ERROR_INVALID_PROGRAM;
    struct program *p = (struct program *)*prog;
    nvrtcResult r = real.DestroyProgram(&p->real);
    free(p->src);
    free(p->ptx);
    free(p->extralog);
    free(p);
    *prog = NULL;
    return r;
}

/* object_dir returns this process's directory for the built objects. */
static const char *object_dir(void)
{
    static char dir[4096];
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&mu);
    if (!dir[0]) {
        const char *base = getenv("GOTRACK_STANDIN_TMP");
        if (!base || !*base) base = getenv("TMPDIR");
        if (!base || !*base) base = "/tmp";
        snprintf(dir, sizeof dir, "%s/gotrack-standin-nvrtc-XXXXXX", base);
        if (!mkdtemp(dir)) dir[0] = 0;
    }
    pthread_mutex_unlock(&mu);
    return dir[0] ? dir : NULL;
}

/* The launch wrapper and kernel table appended to a unit defining gt_push. */
static const char push_tail[] =
    "\n/* Appended by the NVRTC stand-in (cuda/standin/nvrtc.c). */\n"
    "static void gt_standin_wrap_gt_push(void **args)\n"
    "{\n"
    "    gt_push(GT_STANDIN_ARG(const gt_push_beam *, 0), GT_STANDIN_ARG(const gt_params *, 1),\n"
    "            GT_STANDIN_ARG(const double *, 2), GT_STANDIN_ARG(int64_t, 3), GT_STANDIN_ARG(int64_t, 4),\n"
    "            GT_STANDIN_ARG(int64_t, 5));\n"
    "}\n"
    "const gt_standin_kernel gt_standin_kernels[] = {\n"
    "    {\"gt_push\", 6, GT_THREADS_PER_BLOCK, 64, 0, gt_standin_wrap_gt_push},\n"
    "    {0, 0, 0, 0, 0, 0},\n"
    "};\n";

/* build_object compiles the unit with gcc into a shared object and
 * returns its path (malloc'd), or NULL with gcc's output in *log. */
static char *build_object(const char *src, char **log)
{
    static unsigned counter;
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    const char *dir = object_dir();
    if (!dir) {
        *log = strdup("nvrtc-standin: cannot create a directory for the built object");
        return NULL;
    }
    pthread_mutex_lock(&mu);
    unsigned id = counter++;
    pthread_mutex_unlock(&mu);
    char csrc[4200], so[4200], out[4200];
    snprintf(csrc, sizeof csrc, "%s/push%u.c", dir, id);
    snprintf(so, sizeof so, "%s/push%u.so", dir, id);
    snprintf(out, sizeof out, "%s/push%u.log", dir, id);
    FILE *f = fopen(csrc, "w");
    if (!f) {
        *log = strdup("nvrtc-standin: cannot write the unit for gcc");
        return NULL;
    }
    fputs(src, f);
    fputs(push_tail, f);
    fclose(f);
    const char *cc = getenv("GOTRACK_STANDIN_CC");
    if (!cc || !*cc) cc = "gcc";
    const char *dialect = getenv("GOTRACK_STANDIN_DIALECT");
    if (!dialect || !*dialect) dialect = GT_STANDIN_DIALECT;
    pid_t pid = fork();
    if (pid == 0) {
        FILE *o = freopen(out, "w", stderr);
        (void)o;
        dup2(2, 1);
        execlp(cc, cc, "-std=gnu11", "-O2", "-fPIC", "-shared", "-ffp-contract=off", "-DGT_CUDA_DIALECT", "-include",
               dialect, "-x", "c", csrc, "-o", so, "-lm", (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) status = -1;
    if (status == 0) {
        unlink(csrc);
        unlink(out);
        return strdup(so);
    }
    FILE *lf = fopen(out, "r");
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    n = snprintf(buf, cap, "nvrtc-standin: NVRTC compiled the unit, but %s did not (%s kept):\n", cc, csrc);
    if (lf) {
        n += fread(buf + n, 1, cap - n - 1, lf);
        fclose(lf);
    }
    buf[n] = 0;
    *log = buf;
    return NULL;
}

nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int nopts, const char *const *opts)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    struct program *p = (struct program *)prog;
    free(p->ptx);
    free(p->extralog);
    p->ptx = p->extralog = NULL;
    nvrtcResult r = real.CompileProgram(p->real, nopts, opts);
    if (r != NVRTC_SUCCESS) return r;
    size_t n = 0;
    if ((r = real.GetPTXSize(p->real, &n)) != NVRTC_SUCCESS) return r;
    char *ptx = malloc(n + 1);
    if (!ptx) return NVRTC_ERROR_OUT_OF_MEMORY;
    if ((r = real.GetPTX(p->real, ptx)) != NVRTC_SUCCESS) {
        free(ptx);
        return r;
    }
    ptx[n] = 0;
    if (!strstr(p->src, "gt_push(")) { /* not a programmable element: PTX as it is */
        p->ptx = ptx;
        return NVRTC_SUCCESS;
    }
    char *so = build_object(p->src, &p->extralog);
    if (!so) {
        free(ptx);
        return NVRTC_ERROR_COMPILATION;
    }
    size_t len = strlen(ptx);
    size_t total = len + strlen(MARKER) + strlen(so) + 3;
    p->ptx = malloc(total);
    if (!p->ptx) {
        free(ptx);
        free(so);
        return NVRTC_ERROR_OUT_OF_MEMORY;
    }
    snprintf(p->ptx, total, "%s%s%s%s\n", ptx, len && ptx[len - 1] != '\n' ? "\n" : "", MARKER, so);
    free(ptx);
    free(so);
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t *n)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!n) return NVRTC_ERROR_INVALID_INPUT;
    struct program *p = (struct program *)prog;
    if (!p->ptx) return real.GetPTXSize(p->real, n);
    *n = strlen(p->ptx) + 1;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!ptx) return NVRTC_ERROR_INVALID_INPUT;
    struct program *p = (struct program *)prog;
    if (!p->ptx) return real.GetPTX(p->real, ptx);
    memcpy(ptx, p->ptx, strlen(p->ptx) + 1);
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram prog, size_t *n)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!n) return NVRTC_ERROR_INVALID_INPUT;
    struct program *p = (struct program *)prog;
    nvrtcResult r = real.GetProgramLogSize(p->real, n);
    if (r == NVRTC_SUCCESS && p->extralog) *n += strlen(p->extralog);
    return r;
}

nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char *log)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!log) return NVRTC_ERROR_INVALID_INPUT;
    struct program *p = (struct program *)prog;
    nvrtcResult r = real.GetProgramLog(p->real, log);
    if (r == NVRTC_SUCCESS && p->extralog) strcat(log, p->extralog);
    return r;
}

nvrtcResult nvrtcAddNameExpression(nvrtcProgram prog, const char *name)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!real.AddNameExpression) return NVRTC_ERROR_INTERNAL_ERROR;
    return real.AddNameExpression(((struct program *)prog)->real, name);
}

nvrtcResult nvrtcGetLoweredName(nvrtcProgram prog, const char *name, const char **lowered)
{
    NEED_REAL();
    if (!prog) return NVRTC_ERROR_INVALID_PROGRAM;
    if (!real.GetLoweredName) return NVRTC_ERROR_INTERNAL_ERROR;
    return real.GetLoweredName(((struct program *)prog)->real, name, lowered);
}
