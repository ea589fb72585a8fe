/* rng.cuh: gotrack's random numbers (package device/rng in Go, where the
 * contract is described): Philox4x32-10 keyed by the run seed, counter
 * (block, particle in the whole beam, turn, element); uniform deviates in
 * (0, 1) from 53 bits; normal deviates by Marsaglia's polar method and
 * Poisson deviates as AT's atrandp, both through gt_log, a logarithm made
 * of operations that round the same in C and Go (no libm log), so that
 * every backend draws the same bits. */
#ifndef GOTRACK_RNG_CUH
#define GOTRACK_RNG_CUH

#include "gotrack.h"

#define GT_PHILOX_M0 0xD2511F53u
#define GT_PHILOX_M1 0xCD9E8D57u
#define GT_PHILOX_W0 0x9E3779B9u
#define GT_PHILOX_W1 0xBB67AE85u

/* gt_philox4x32 replaces ctr by its Philox4x32-10 block under key. */
GT_DEVICE void gt_philox4x32(uint32_t ctr[4], const uint32_t key[2])
{
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        uint64_t p0 = (uint64_t)GT_PHILOX_M0 * c0, p1 = (uint64_t)GT_PHILOX_M1 * c2;
        uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
        uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += GT_PHILOX_W0;
        k1 += GT_PHILOX_W1;
    }
    ctr[0] = c0;
    ctr[1] = c1;
    ctr[2] = c2;
    ctr[3] = c3;
}

/* gt_stream is rng.Stream: the random numbers of one particle in one
 * element in one turn. */
typedef struct {
    uint32_t key[2];
    uint32_t ctr[4]; /* ctr[0] counts the blocks */
    uint64_t buf[2];
    int used; /* words of buf taken (2: none left) */
    int has_spare;
    double spare;
} gt_stream;

/* gt_new_stream opens the stream of particle particle (index in the whole
 * beam), element element, turn turn, run seed seed. */
GT_DEVICE void gt_new_stream(gt_stream *s, uint64_t seed, int64_t particle, int64_t turn, int64_t element)
{
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)(seed >> 32);
    s->ctr[0] = 0;
    s->ctr[1] = (uint32_t)particle;
    s->ctr[2] = (uint32_t)turn;
    s->ctr[3] = (uint32_t)element;
    s->used = 2;
    s->has_spare = 0;
    s->spare = 0;
}

/* gt_stream_uint64: the next 64 random bits. */
GT_DEVICE uint64_t gt_stream_uint64(gt_stream *s)
{
    if (s->used == 2) {
        uint32_t b[4] = {s->ctr[0], s->ctr[1], s->ctr[2], s->ctr[3]};
        gt_philox4x32(b, s->key);
        s->ctr[0]++;
        s->buf[0] = (uint64_t)b[0] | ((uint64_t)b[1] << 32);
        s->buf[1] = (uint64_t)b[2] | ((uint64_t)b[3] << 32);
        s->used = 0;
    }
    return s->buf[s->used++];
}

/* gt_stream_uniform: a uniform deviate in (0, 1). */
GT_DEVICE double gt_stream_uniform(gt_stream *s)
{
    return ((double)(gt_stream_uint64(s) >> 11) + 0.5) * 0x1p-53;
}

/* gt_log: the natural logarithm of a positive finite x, as rng.Log. */
GT_DEVICE double gt_log(double x)
{
    int e;
    double m = frexp(x, &e);
    if (m < 0.70710678118654752440084436210484903928483593768847) {
        m *= 2;
        e--;
    }
    double f = (m - 1) / (m + 1);
    double q = f * f;
    /* Horner's scheme on the coefficients 1/(2k+1), k = 11 down to 0, each
     * the double nearest to it (the value of the division 1/(2k+1)). */
    double p = 0.043478260869565216; /* 1/23 */
    p = p * q + 0.047619047619047616; /* 1/21 */
    p = p * q + 0.05263157894736842; /* 1/19 */
    p = p * q + 0.058823529411764705; /* 1/17 */
    p = p * q + 0.06666666666666667; /* 1/15 */
    p = p * q + 0.07692307692307693; /* 1/13 */
    p = p * q + 0.09090909090909091; /* 1/11 */
    p = p * q + 0.1111111111111111; /* 1/9 */
    p = p * q + 0.14285714285714285; /* 1/7 */
    p = p * q + 0.2; /* 1/5 */
    p = p * q + 0.3333333333333333; /* 1/3 */
    p = p * q + 1.0;
    return (double)e * 0.693147180559945309417232121458176568 + 2 * f * p;
}

/* gt_stream_normal: a standard normal deviate (polar method, the second
 * of each pair kept for the next call). */
GT_DEVICE double gt_stream_normal(gt_stream *s)
{
    if (s->has_spare) {
        s->has_spare = 0;
        return s->spare;
    }
    for (;;) {
        double u = 2 * gt_stream_uniform(s) - 1;
        double v = 2 * gt_stream_uniform(s) - 1;
        double q = u * u + v * v;
        if (q >= 1 || q == 0) continue;
        double f = sqrt(-2 * gt_log(q) / q);
        s->spare = v * f;
        s->has_spare = 1;
        return u * f;
    }
}

/* gt_stream_poisson: a Poisson deviate of mean lambda (0 when lambda is
 * not positive). */
GT_DEVICE int gt_stream_poisson(gt_stream *s, double lambda)
{
    if (!(lambda > 0)) return 0;
    if (lambda < 11) {
        int k = -1;
        for (double p = 0; p > -lambda;) {
            p += gt_log(gt_stream_uniform(s));
            k++;
        }
        return k;
    }
    return (int)floor(lambda + sqrt(lambda) * gt_stream_normal(s));
}

#endif
