/* collective.cuh: whole-beam operations (device.Collective): the extent
 * of each bunch in ct, per-bin fixed-point sums over the particles, and
 * per-bin wake kicks.
 *
 * The arithmetic follows device/collective.go step for step, so that the
 * GPU, the gcc build of this file and the Go backend produce the same
 * bits: sums go into integer accumulators (the order of the additions does
 * not matter, and neither does the number of threads), extents go through
 * a mapping of doubles onto integers that keeps their order (exact min and
 * max), kicks use the same floating-point operations in the same order.
 *
 * Particles live in the kernels' beam layout (beam.cuh's gt_beam):
 * coordinate k of slot j at coords[k*n + j]. A particle is live when its x
 * is not NaN (the loss rule sets x to NaN). Slot j holds particle idx[j]
 * of the beam, or base + j when idx is NULL (a beam whose particles are
 * not all on the GPU, or were reordered to gather the live ones); particle
 * p is in bunch (first + p) mod nbunch.
 *
 * In the kernel builds (GT_KERNELS: nvcc, and gcc with the CUDA dialect
 * of the driver stand-in) the word updates are atomics and the gt_*
 * kernels at the end are compiled into the module; in the plain gcc build
 * (kernels/harness) the updates are plain and gt_*_host loop over a range
 * of slots of one thread. */
#ifndef GOTRACK_COLLECTIVE_CUH
#define GOTRACK_COLLECTIVE_CUH

#include "gotrack.h"

/* device.AccWords and device.AccLSB: six 64-bit words per accumulator,
 * word k counting units of 2^(32k + GT_ACC_LSB). */
#define GT_ACC_WORDS 6
#define GT_ACC_LSB (-128)

/* Order keys of +DBL_MAX and -DBL_MAX (see gt_order_key): the initial
 * lower and upper bounds of an extent, as AT's getbounds starts them. */
#define GT_KEY_MAX 0x7fefffffffffffffLL
#define GT_KEY_MIN (-0x7ff0000000000000LL)

/* Word updates. On the GPU they are atomic: additions on the unsigned
 * view of the word, which wraps as a two's complement int64 does (and as
 * Go's int64 addition does). On the host they are plain: each thread of
 * the harness works on its own copy. */
#ifdef GT_KERNELS
GT_DEVICE void gt_word_add(long long *p, long long v)
{
    atomicAdd((unsigned long long *)p, (unsigned long long)v);
}
GT_DEVICE void gt_word_min(long long *p, long long v) { atomicMin(p, v); }
GT_DEVICE void gt_word_max(long long *p, long long v) { atomicMax(p, v); }
GT_DEVICE unsigned long long gt_f64_bits(double x) { return (unsigned long long)__double_as_longlong(x); }
GT_DEVICE int gt_bitlen64(unsigned long long m) { return 64 - __clzll((long long)m); }
#else
GT_DEVICE void gt_word_add(long long *p, long long v)
{
    *(unsigned long long *)p += (unsigned long long)v;
}
GT_DEVICE void gt_word_min(long long *p, long long v)
{
    if (v < *p) *p = v;
}
GT_DEVICE void gt_word_max(long long *p, long long v)
{
    if (v > *p) *p = v;
}
GT_DEVICE unsigned long long gt_f64_bits(double x)
{
    union {
        double d;
        unsigned long long u;
    } c;
    c.d = x;
    return c.u;
}
GT_DEVICE int gt_bitlen64(unsigned long long m) { return m ? 64 - __builtin_clzll(m) : 0; }
#endif

/* gt_acc_add adds v to the accumulator acc (GT_ACC_WORDS words), as
 * device.AccAdd: |v| = m*2^e with m the integer significand; m moves to
 * bit e - GT_ACC_LSB of the accumulator (bits that would land below bit 0
 * are dropped, which truncates toward zero) and is cut into 32-bit pieces,
 * each added with v's sign to the word it falls in. Returns 1, or 0
 * without touching acc when v is not finite or |v| >= 2^63. */
GT_DEVICE int gt_acc_add(long long *acc, double v)
{
    unsigned long long u = gt_f64_bits(v);
    int neg = (int)(u >> 63);
    int ex = (int)(u >> 52) & 0x7ff;
    unsigned long long m = u & ((1ULL << 52) - 1);
    if (ex == 0x7ff) return 0;
    if (ex == 0) {
        if (m == 0) return 1;
        ex = 1; /* subnormal: no hidden bit, exponent of the smallest normal */
    } else {
        m |= 1ULL << 52;
    }
    int pos = ex - 1075 - GT_ACC_LSB; /* accumulator bit of m's lowest bit */
    if (pos < 0) {
        if (pos <= -53) return 1;
        m >>= -pos;
        pos = 0;
        if (m == 0) return 1;
    }
    if (pos + gt_bitlen64(m) > 32 * GT_ACC_WORDS - 1) return 0;
    int w = pos / 32, s = pos % 32;
    unsigned long long lo = m << s, hi = s > 0 ? m >> (64 - s) : 0;
    long long c0 = (long long)(lo & 0xffffffffULL), c1 = (long long)(lo >> 32), c2 = (long long)hi;
    if (neg) {
        c0 = -c0;
        c1 = -c1;
        c2 = -c2;
    }
    /* Zero pieces change nothing; skipping them saves atomics. */
    if (c0) gt_word_add(&acc[w], c0);
    if (c1 && w + 1 < GT_ACC_WORDS) gt_word_add(&acc[w + 1], c1);
    if (c2 && w + 2 < GT_ACC_WORDS) gt_word_add(&acc[w + 2], c2);
    return 1;
}

/* gt_slice is device.Binning.Slice: the slice of a live particle of a
 * bunch whose ct range is [lo, hi], cut into nslice slices of width h,
 * with *counted set to whether the particle counts in that slice (a
 * particle outside the range takes the nearer end slice's kick but counts
 * nowhere). nslice == 0: one bin per bunch, slice 0, counted. The quotient
 * is taken as an integer only once below nslice-1, which gives Go's
 * min(int(q), nslice-1) for every q Go converts without overflow. */
GT_DEVICE int64_t gt_slice(int64_t nslice, double lo, double hi, double h, double ct, int *counted)
{
    *counted = 1;
    if (nslice == 0) return 0;
    if (ct < lo) {
        *counted = 0;
        return 0;
    }
    if (ct > hi) {
        *counted = 0;
        return nslice - 1;
    }
    if (ct == hi) return nslice - 1;
    double q = floor((ct - lo) / h);
    if (!(q < (double)(nslice - 1))) return nslice - 1;
    return (int64_t)q;
}

/* gt_bin returns the bin of a live particle of bunch bunch (bunch-major,
 * device.Binning's layout); lo, hi and h are per bunch and read only when
 * nslice > 0. */
GT_DEVICE int64_t gt_bin(int64_t bunch, int64_t nslice, const double *lo, const double *hi, const double *h,
                         double ct, int *counted)
{
    if (nslice == 0) {
        *counted = 1;
        return bunch;
    }
    return bunch * nslice + gt_slice(nslice, lo[bunch], hi[bunch], h[bunch], ct, counted);
}

/* gt_order_key maps a double to a 64-bit integer with the same order:
 * non-negative doubles keep their bits, negative ones have all bits but
 * the sign flipped, so that a larger magnitude gives a smaller key. -0
 * maps just below +0 (the order is total). The mapping is its own
 * inverse; the Go side turns keys back into doubles. */
GT_DEVICE long long gt_order_key(double x)
{
    unsigned long long u = gt_f64_bits(x);
    if (u >> 63) u ^= 0x7fffffffffffffffULL;
    return (long long)u;
}

/* gt_extent_particle folds the ct of the particle in slot j (bunch
 * bunch) into the bunch's bounds: lokey[bunch] and hikey[bunch] are the
 * order keys of the smallest and largest ct so far. Lost particles, and
 * a NaN ct, are skipped. */
GT_DEVICE void gt_extent_particle(const double *coords, int64_t n, int64_t j, int64_t bunch, long long *lokey,
                                  long long *hikey)
{
    if (gt_isnan(coords[j])) return;
    double ct = coords[5 * n + j];
    if (gt_isnan(ct)) return;
    long long k = gt_order_key(ct);
    gt_word_min(&lokey[bunch], k);
    gt_word_max(&hikey[bunch], k);
}

/* gt_accumulate_particle adds the particle in slot j, when live and
 * counted in its bin, to the bin's record in acc (device.AccStride words:
 * the count, then one accumulator per term). Term t is coordinate
 * terms[2t] when terms[2t+1] < 0, else the product of coordinates
 * terms[2t] and terms[2t+1], rounded to double. Returns -1, or the first
 * term whose value does not fit an accumulator (the particle is then
 * counted and its earlier terms added; the caller reports an error). */
GT_DEVICE int gt_accumulate_particle(const double *coords, int64_t n, int64_t j, int64_t bunch, int64_t nslice,
                                     const double *lo, const double *hi, const double *h, const int64_t *terms,
                                     int64_t nterms, long long *acc)
{
    if (gt_isnan(coords[j])) return -1;
    int counted;
    int64_t bin = gt_bin(bunch, nslice, lo, hi, h, coords[5 * n + j], &counted);
    if (!counted) return -1;
    long long *rec = acc + bin * (1 + nterms * GT_ACC_WORDS);
    gt_word_add(rec, 1);
    for (int64_t t = 0; t < nterms; t++) {
        int64_t a = terms[2 * t], b = terms[2 * t + 1];
        double v = coords[a * n + j];
        if (b >= 0) v = v * coords[b * n + j];
        if (!gt_acc_add(rec + 1 + t * GT_ACC_WORDS, v)) return (int)t;
    }
    return -1;
}

/* gt_kick_particle gives the particle in slot j, when live, its bin's
 * wake kick (device.Kicks, AT's WakeFieldPass): kick holds the seven
 * per-bin arrays Z, X, X2, CX, Y, Y2, CY one after the other, nbins
 * values each. delta is updated first and the transverse kicks scale
 * with the new 1+delta; each operation rounds on its own (no FMA). */
GT_DEVICE void gt_kick_particle(double *coords, int64_t n, int64_t j, int64_t bunch, int64_t nslice,
                                const double *lo, const double *hi, const double *h, const double *kick,
                                int64_t nbins)
{
    double x = coords[j];
    if (gt_isnan(x)) return;
    int counted;
    int64_t bin = gt_bin(bunch, nslice, lo, hi, h, coords[5 * n + j], &counted);
    const double *Z = kick, *X = kick + nbins, *X2 = kick + 2 * nbins, *CX = kick + 3 * nbins;
    const double *Y = kick + 4 * nbins, *Y2 = kick + 5 * nbins, *CY = kick + 6 * nbins;
    double delta = coords[4 * n + j] + Z[bin];
    coords[4 * n + j] = delta;
    double opd = 1 + delta;
    coords[n + j] += (X[bin] + x * X2[bin] + CX[bin]) * opd;
    coords[3 * n + j] += (Y[bin] + coords[2 * n + j] * Y2[bin] + CY[bin]) * opd;
}

#ifdef GT_KERNELS
/* The kernels. Arguments are pointers and 64-bit integers only (as every
 * kernel of the module). Each runs a grid-stride loop over the n slots,
 * so the launch may use fewer threads than slots. When shared is not
 * zero, the block first combines its particles in shared memory (the
 * launch gives it the bytes of the bounds or accumulators) and then adds
 * its partial results to the global ones: far fewer atomics on the few
 * global words every particle of a bunch would otherwise hit. Integer min,
 * max and (wrapping) sums do not depend on how they are grouped, so the
 * result is the same bits either way. */
GT_DYNAMIC_SHARED(long long, gt_shared);

GT_DEVICE int64_t gt_slot_particle(const int64_t *idx, int64_t base, int64_t j) { return idx ? idx[j] : base + j; }

/* gt_extent: keys[b] and keys[nbunch+b] (initialised by the caller, to
 * GT_KEY_MAX and GT_KEY_MIN or to earlier bounds) receive the order keys
 * of the smallest and largest ct of the live particles of bunch b. */
GT_GLOBAL void gt_extent(const double *coords, int64_t n, const int64_t *idx, int64_t base, int64_t first,
                         int64_t nbunch, long long *keys, int64_t shared)
{
    long long *k = shared ? gt_shared : keys;
    if (shared) {
        for (int64_t t = threadIdx.x; t < 2 * nbunch; t += blockDim.x) k[t] = t < nbunch ? GT_KEY_MAX : GT_KEY_MIN;
        __syncthreads();
    }
    int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t j = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; j < n; j += stride) {
        int64_t bunch = (first + gt_slot_particle(idx, base, j)) % nbunch;
        gt_extent_particle(coords, n, j, bunch, k, k + nbunch);
    }
    if (shared) {
        __syncthreads();
        for (int64_t t = threadIdx.x; t < nbunch; t += blockDim.x) {
            if (k[t] != GT_KEY_MAX) gt_word_min(&keys[t], k[t]);
            if (k[nbunch + t] != GT_KEY_MIN) gt_word_max(&keys[nbunch + t], k[nbunch + t]);
        }
    }
}

/* gt_accumulate adds every live particle counted in a bin to the bin's
 * record in acc (nbunch*max(nslice,1) records of 1 + nterms*GT_ACC_WORDS
 * words, initialised by the caller). *err receives the smallest
 * p*nterms + t over the particles p and terms t whose value did not fit
 * an accumulator (the caller initialises it to the largest int64). */
GT_GLOBAL void gt_accumulate(const double *coords, int64_t n, const int64_t *idx, int64_t base, int64_t first,
                             int64_t nbunch, int64_t nslice, const double *lo, const double *hi, const double *h,
                             const int64_t *terms, int64_t nterms, long long *acc, long long *err, int64_t shared)
{
    int64_t words = nbunch * (nslice > 0 ? nslice : 1) * (1 + nterms * GT_ACC_WORDS);
    long long *a = shared ? gt_shared : acc;
    if (shared) {
        for (int64_t t = threadIdx.x; t < words; t += blockDim.x) a[t] = 0;
        __syncthreads();
    }
    int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t j = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; j < n; j += stride) {
        int64_t p = gt_slot_particle(idx, base, j);
        int bad = gt_accumulate_particle(coords, n, j, (first + p) % nbunch, nslice, lo, hi, h, terms, nterms, a);
        if (bad >= 0) gt_word_min(err, p * nterms + bad);
    }
    if (shared) {
        __syncthreads();
        for (int64_t t = threadIdx.x; t < words; t += blockDim.x)
            if (a[t]) gt_word_add(&acc[t], a[t]);
    }
}

/* gt_kick applies the per-bin kicks (see gt_kick_particle) to the live
 * particles. */
GT_GLOBAL void gt_kick(double *coords, int64_t n, const int64_t *idx, int64_t base, int64_t first, int64_t nbunch,
                       int64_t nslice, const double *lo, const double *hi, const double *h, const double *kick)
{
    int64_t nbins = nbunch * (nslice > 0 ? nslice : 1);
    int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t j = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; j < n; j += stride) {
        int64_t bunch = (first + gt_slot_particle(idx, base, j)) % nbunch;
        gt_kick_particle(coords, n, j, bunch, nslice, lo, hi, h, kick, nbins);
    }
}

#else
/* Host loops (kernels/harness) over slots [jlo, jhi) of a beam whose slot
 * j holds particle j, one thread each, on the thread's own keys or
 * accumulators; the harness combines them. */
GT_DEVICE void gt_extent_host(const double *coords, int64_t n, int64_t first, int64_t nbunch, long long *keys,
                              int64_t jlo, int64_t jhi)
{
    for (int64_t j = jlo; j < jhi; j++) gt_extent_particle(coords, n, j, (first + j) % nbunch, keys, keys + nbunch);
}

GT_DEVICE void gt_accumulate_host(const double *coords, int64_t n, int64_t first, int64_t nbunch, int64_t nslice,
                                  const double *lo, const double *hi, const double *h, const int64_t *terms,
                                  int64_t nterms, long long *acc, long long *err, int64_t jlo, int64_t jhi)
{
    for (int64_t j = jlo; j < jhi; j++) {
        int bad = gt_accumulate_particle(coords, n, j, (first + j) % nbunch, nslice, lo, hi, h, terms, nterms, acc);
        if (bad >= 0) gt_word_min(err, j * nterms + bad);
    }
}

GT_DEVICE void gt_kick_host(double *coords, int64_t n, int64_t first, int64_t nbunch, int64_t nslice,
                            const double *lo, const double *hi, const double *h, const double *kick, int64_t jlo,
                            int64_t jhi)
{
    int64_t nbins = nbunch * (nslice > 0 ? nslice : 1);
    for (int64_t j = jlo; j < jhi; j++)
        gt_kick_particle(coords, n, j, (first + j) % nbunch, nslice, lo, hi, h, kick, nbins);
}
#endif

#endif
