/*
 * dsl_kernel_dsp.h - int8 dot products with the Armv7E-M / Armv8-M DSP extension
 * (SXTB16 + SMLAD, two 16x16 MACs per instruction) for the src/dsp/ kernels.
 *
 * An int8x4 word [b0 b1 b2 b3] is split into SXTB16(w) = [b0 b2] and SXTB16(w ROR 8)
 * = [b1 b3]; SMLAD on matching halves of weights and inputs adds four products.
 * Integer sums are exact, so the order differs from the portable code but not the result.
 * The dot helpers compute blocks of 2 weight rows x 2 input rows, or 4 weight rows x 1 input
 * row (one-row layers), so loads and SXTB16 splits are shared.
 */
#ifndef DSL_KERNEL_DSP_H
#define DSL_KERNEL_DSP_H

#include <stdint.h>
#include "dsl_kernel_internal.h" /* DSL_INLINE */
#include <arm_acle.h>

DSL_INLINE int32_t dsl_dsp_load_s8x4(const int8_t *p)
{
    int32_t v;
    __builtin_memcpy(&v, p, 4); /* unaligned word load (LDR), allowed on v7E-M / v8-M */
    return v;
}

DSL_INLINE int32_t dsl_dsp_ror8(int32_t x)
{
    return (int32_t)(((uint32_t)x >> 8) | ((uint32_t)x << 24)); /* gcc 12 has no __ror */
}

/* [b1 b3] of an int8x4 word: one SXTB16 with rotation (gcc 12 would emit ROR + SXTB16) */
DSL_INLINE int32_t dsl_dsp_sxtb16_ror8(int32_t x)
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__)
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
#else
    return __sxtb16(dsl_dsp_ror8(x)); /* host builds with the test shim */
#endif
}

/* the 2x2 block in plain C (SMLAD intrinsics): gcc spills it in a run-time loop, but unrolled for a
   short constant len it keeps the accumulators in registers */
DSL_INLINE void dsl_dsp_dot_2x2_c(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1, int32_t len,
                                  int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        const int32_t xa = dsl_dsp_load_s8x4(x0), xb = dsl_dsp_load_s8x4(x1);
        const int32_t xa02 = __sxtb16(xa), xa13 = dsl_dsp_sxtb16_ror8(xa);
        const int32_t xb02 = __sxtb16(xb), xb13 = dsl_dsp_sxtb16_ror8(xb);
        const int32_t wa = dsl_dsp_load_s8x4(w0), wb = dsl_dsp_load_s8x4(w1);
        const int32_t wa02 = __sxtb16(wa), wa13 = dsl_dsp_sxtb16_ror8(wa);
        const int32_t wb02 = __sxtb16(wb), wb13 = dsl_dsp_sxtb16_ror8(wb);
        a00 = __smlad(wa02, xa02, a00);
        a00 = __smlad(wa13, xa13, a00);
        a01 = __smlad(wa02, xb02, a01);
        a01 = __smlad(wa13, xb13, a01);
        a10 = __smlad(wb02, xa02, a10);
        a10 = __smlad(wb13, xa13, a10);
        a11 = __smlad(wb02, xb02, a11);
        a11 = __smlad(wb13, xb13, a11);
        x0 += 4;
        x1 += 4;
        w0 += 4;
        w1 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xa = *x0++, xb = *x1++, wa = *w0++, wb = *w1++;
        a00 += wa * xa;
        a01 += wa * xb;
        a10 += wb * xa;
        a11 += wb * xb;
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

/* dsl_dsp_dot_2x2 for a run-time len: out of line, so that the asm loop always finds its 12
   registers free. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot_2x2_loop(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1, int32_t len,
                                 int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i = len >> 2;
    /* gcc 12 spills this loop's live values; written out: 26 instructions per 16 MACs in 12
       registers. Even bytes first, then the words are loaded again for the odd bytes. */
    if (i > 0) {
        int32_t t0, t1, t2;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[t0], [%[x0]]\n\t"
            "ldr    %[t1], [%[x1]]\n\t"
            "ldr    %[t2], [%[w0]]\n\t"
            "sxtb16 %[t0], %[t0]\n\t"
            "sxtb16 %[t1], %[t1]\n\t"
            "sxtb16 %[t2], %[t2]\n\t"
            "smlad  %[a00], %[t2], %[t0], %[a00]\n\t"
            "smlad  %[a01], %[t2], %[t1], %[a01]\n\t"
            "ldr    %[t2], [%[w1]]\n\t"
            "sxtb16 %[t2], %[t2]\n\t"
            "smlad  %[a10], %[t2], %[t0], %[a10]\n\t"
            "smlad  %[a11], %[t2], %[t1], %[a11]\n\t"
            "ldr    %[t0], [%[x0]], #4\n\t"
            "ldr    %[t1], [%[x1]], #4\n\t"
            "ldr    %[t2], [%[w0]], #4\n\t"
            "sxtb16 %[t0], %[t0], ror #8\n\t"
            "sxtb16 %[t1], %[t1], ror #8\n\t"
            "sxtb16 %[t2], %[t2], ror #8\n\t"
            "smlad  %[a00], %[t2], %[t0], %[a00]\n\t"
            "smlad  %[a01], %[t2], %[t1], %[a01]\n\t"
            "ldr    %[t2], [%[w1]], #4\n\t"
            "sxtb16 %[t2], %[t2], ror #8\n\t"
            "smlad  %[a10], %[t2], %[t0], %[a10]\n\t"
            "smlad  %[a11], %[t2], %[t1], %[a11]\n\t"
            "subs   %[i], %[i], #1\n\t"
            "bne    1b"
            : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [x0] "+r"(x0), [x1] "+r"(x1),
              [w0] "+r"(w0), [w1] "+r"(w1), [i] "+r"(i), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2)
            :
            : "cc", "memory");
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xa = *x0++, xb = *x1++, wa = *w0++, wb = *w1++;
        a00 += wa * xa;
        a01 += wa * xb;
        a10 += wb * xa;
        a11 += wb * xb;
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
#else
    dsl_dsp_dot_2x2_c(w0, w1, x0, x1, len, acc);
#endif
}

/* acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len int8.
   A len known at compile time (a step specialised to its shape) and short: inline, so the
   compiler unrolls it and keeps the accumulators in registers; otherwise the asm loop. */
#define DSL_DSP_DOT_2X2_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot_2x2(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1, int32_t len,
                                int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT_2X2_INLINE_MAX) {
        dsl_dsp_dot_2x2_c(w0, w1, x0, x1, len, acc);
        return;
    }
#endif
    dsl_dsp_dot_2x2_loop(w0, w1, x0, x1, len, acc);
}

/* the 2x1 block in plain C (SMLAD intrinsics): unrolled for a short constant len */
DSL_INLINE void dsl_dsp_dot_2x1_c(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        const int32_t xv = dsl_dsp_load_s8x4(x);
        const int32_t x02 = __sxtb16(xv), x13 = dsl_dsp_sxtb16_ror8(xv);
        const int32_t wa = dsl_dsp_load_s8x4(w0), wb = dsl_dsp_load_s8x4(w1);
        a0 = __smlad(__sxtb16(wa), x02, a0);
        a0 = __smlad(dsl_dsp_sxtb16_ror8(wa), x13, a0);
        a1 = __smlad(__sxtb16(wb), x02, a1);
        a1 = __smlad(dsl_dsp_sxtb16_ror8(wb), x13, a1);
        x += 4;
        w0 += 4;
        w1 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += *w0++ * xv;
        a1 += *w1++ * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* dsl_dsp_dot_2x1 for a run-time len: out of line, the asm loop in 10 registers (gcc 12 spills the C
   loop: 21 instructions per 8 MACs, 5 of them stack traffic; here 15). */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot_2x1_loop(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t xe, xo, t, u;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[xo], [%[x]], #4\n\t"
            "ldr    %[u], [%[w0]], #4\n\t"
            "sxtb16 %[xe], %[xo]\n\t"
            "sxtb16 %[xo], %[xo], ror #8\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a0], %[t], %[xe], %[a0]\n\t"
            "smlad  %[a0], %[u], %[xo], %[a0]\n\t"
            "ldr    %[u], [%[w1]], #4\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a1], %[t], %[xe], %[a1]\n\t"
            "smlad  %[a1], %[u], %[xo], %[a1]\n\t"
            "subs   %[i], %[i], #1\n\t"
            "bne    1b"
            : [a0] "+r"(a0), [a1] "+r"(a1), [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1), [i] "+r"(i),
              [xe] "=&r"(xe), [xo] "=&r"(xo), [t] "=&r"(t), [u] "=&r"(u)
            :
            : "cc", "memory");
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += *w0++ * xv;
        a1 += *w1++ * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
#else
    dsl_dsp_dot_2x1_c(w0, w1, x, len, acc);
#endif
}

/* acc[0] += w0.x, acc[1] += w1.x over len int8: inline for a short constant len, else the asm loop */
#define DSL_DSP_DOT_2X1_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot_2x1(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT_2X1_INLINE_MAX) {
        dsl_dsp_dot_2x1_c(w0, w1, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot_2x1_loop(w0, w1, x, len, acc);
}

/* the 4x1 block in plain C: acc[k] += (w + k * w_stride).x for k = 0..3 over len int8 */
DSL_INLINE void dsl_dsp_dot_4x1_c(const int8_t *w, int32_t w_stride, const int8_t *x, int32_t len, int32_t acc[4])
{
    const int8_t *w0 = w, *w1 = w + w_stride, *w2 = w + 2 * w_stride, *w3 = w + 3 * w_stride;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        const int32_t xv = dsl_dsp_load_s8x4(x);
        const int32_t x02 = __sxtb16(xv), x13 = dsl_dsp_sxtb16_ror8(xv);
        const int32_t v0 = dsl_dsp_load_s8x4(w0), v1 = dsl_dsp_load_s8x4(w1);
        const int32_t v2 = dsl_dsp_load_s8x4(w2), v3 = dsl_dsp_load_s8x4(w3);
        a0 = __smlad(__sxtb16(v0), x02, a0);
        a0 = __smlad(dsl_dsp_sxtb16_ror8(v0), x13, a0);
        a1 = __smlad(__sxtb16(v1), x02, a1);
        a1 = __smlad(dsl_dsp_sxtb16_ror8(v1), x13, a1);
        a2 = __smlad(__sxtb16(v2), x02, a2);
        a2 = __smlad(dsl_dsp_sxtb16_ror8(v2), x13, a2);
        a3 = __smlad(__sxtb16(v3), x02, a3);
        a3 = __smlad(dsl_dsp_sxtb16_ror8(v3), x13, a3);
        x += 4;
        w0 += 4;
        w1 += 4;
        w2 += 4;
        w3 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += *w0++ * xv;
        a1 += *w1++ * xv;
        a2 += *w2++ * xv;
        a3 += *w3++ * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* dsl_dsp_dot_4x1 for a run-time len: out of line, the asm loop in 13 registers, 25 instructions
   per 16 MACs (each input word is split once for 4 weight rows). Rows 1 and 3 are addressed as
   [row 0 + w_stride] and [row 2 + w_stride], so two pointers and the stride serve four rows. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot_4x1_loop(const int8_t *w, int32_t w_stride, const int8_t *x, int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int8_t *w0 = w, *w2 = w + 2 * w_stride;
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t xe, xo, t, u;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[xo], [%[x]], #4\n\t"
            "ldr    %[u], [%[w0], %[ws]]\n\t"
            "sxtb16 %[xe], %[xo]\n\t"
            "sxtb16 %[xo], %[xo], ror #8\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a1], %[t], %[xe], %[a1]\n\t"
            "smlad  %[a1], %[u], %[xo], %[a1]\n\t"
            "ldr    %[u], [%[w0]], #4\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a0], %[t], %[xe], %[a0]\n\t"
            "smlad  %[a0], %[u], %[xo], %[a0]\n\t"
            "ldr    %[u], [%[w2], %[ws]]\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a3], %[t], %[xe], %[a3]\n\t"
            "smlad  %[a3], %[u], %[xo], %[a3]\n\t"
            "ldr    %[u], [%[w2]], #4\n\t"
            "sxtb16 %[t], %[u]\n\t"
            "sxtb16 %[u], %[u], ror #8\n\t"
            "smlad  %[a2], %[t], %[xe], %[a2]\n\t"
            "smlad  %[a2], %[u], %[xo], %[a2]\n\t"
            "subs   %[i], %[i], #1\n\t"
            "bne    1b"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w0] "+r"(w0),
              [w2] "+r"(w2), [i] "+r"(i), [xe] "=&r"(xe), [xo] "=&r"(xo), [t] "=&r"(t), [u] "=&r"(u)
            : [ws] "r"(w_stride)
            : "cc", "memory");
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += w0[0] * xv;
        a1 += w0[w_stride] * xv;
        a2 += w2[0] * xv;
        a3 += w2[w_stride] * xv;
        w0++;
        w2++;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
#else
    dsl_dsp_dot_4x1_c(w, w_stride, x, len, acc);
#endif
}

/* acc[k] += (w + k * w_stride).x for k = 0..3 over len int8: 4 weight rows share each input word.
   Inline for a short constant len (a specialised step), else the asm loop. */
#define DSL_DSP_DOT_4X1_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot_4x1(const int8_t *w, int32_t w_stride, const int8_t *x, int32_t len, int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT_4X1_INLINE_MAX) {
        dsl_dsp_dot_4x1_c(w, w_stride, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot_4x1_loop(w, w_stride, x, len, acc);
}

/* The weights of one output channel split once (SXTB16) for a whole row loop: a short window of
   constant length (<= DSL_DSP_WSPLIT_MAX) then stays in registers, where the loop would otherwise
   reload it per row (the int8 output stores may alias it, as far as the compiler knows). */
#define DSL_DSP_WSPLIT_MAX 16
#if defined(__GNUC__)
#define DSL_DSP_IS_CONSTANT(x) __builtin_constant_p(x)
#else
#define DSL_DSP_IS_CONSTANT(x) 0
#endif
typedef struct {
    int32_t even[DSL_DSP_WSPLIT_MAX / 4], odd[DSL_DSP_WSPLIT_MAX / 4]; /* SXTB16 of each word, and of it ROR 8 */
    int32_t tail[3];                                                  /* the len % 4 last weights */
} dsl_dsp_wsplit_t;

DSL_INLINE void dsl_dsp_wsplit(const int8_t *w, int32_t len, dsl_dsp_wsplit_t *r)
{
    int32_t i;
    for (i = 0; i < (len >> 2); i++) {
        const int32_t v = dsl_dsp_load_s8x4(w + 4 * i);
        r->even[i] = __sxtb16(v);
        r->odd[i] = dsl_dsp_sxtb16_ror8(v);
    }
    for (i = 0; i < (len & 3); i++) r->tail[i] = w[(len & ~3) + i];
}

/* acc[0] += w.x0, acc[1] += w.x1 over len int8, w split by dsl_dsp_wsplit (same len) */
DSL_INLINE void dsl_dsp_dot_2x1_split(const dsl_dsp_wsplit_t *w, const int8_t *x0, const int8_t *x1, int32_t len,
                                      int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = 0; i < (len >> 2); i++) {
        const int32_t xa = dsl_dsp_load_s8x4(x0 + 4 * i), xb = dsl_dsp_load_s8x4(x1 + 4 * i);
        a0 = __smlad(w->even[i], __sxtb16(xa), a0);
        a0 = __smlad(w->odd[i], dsl_dsp_sxtb16_ror8(xa), a0);
        a1 = __smlad(w->even[i], __sxtb16(xb), a1);
        a1 = __smlad(w->odd[i], dsl_dsp_sxtb16_ror8(xb), a1);
    }
    for (i = 0; i < (len & 3); i++) {
        a0 += w->tail[i] * x0[(len & ~3) + i];
        a1 += w->tail[i] * x1[(len & ~3) + i];
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* acc + w.x over len int8 */
DSL_INLINE int32_t dsl_dsp_dot_1x1(const int8_t *w, const int8_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        const int32_t xv = dsl_dsp_load_s8x4(x), wv = dsl_dsp_load_s8x4(w);
        acc = __smlad(__sxtb16(wv), __sxtb16(xv), acc);
        acc = __smlad(dsl_dsp_sxtb16_ror8(wv), dsl_dsp_sxtb16_ror8(xv), acc);
        x += 4;
        w += 4;
    }
    for (i = len & 3; i > 0; i--) acc += *w++ * *x++;
    return acc;
}

/* 16x8: an int8x4 weight word becomes the int16 pairs [w0 w1], [w2 w3] (SXTB16 + PKHBT/PKHTB)
   to meet the int16 input pairs [x0 x1], [x2 x3] as loaded. */
DSL_INLINE void dsl_dsp_unpack_w16(int32_t wv, int32_t *w01, int32_t *w23)
{
    const int32_t w02 = __sxtb16(wv), w13 = dsl_dsp_sxtb16_ror8(wv);
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__)
    int32_t lo, hi; /* gcc 12 does not form PKHBT / PKHTB from the C below */
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo) : "r"(w02), "r"(w13));
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi) : "r"(w13), "r"(w02));
    *w01 = lo;
    *w23 = hi;
#else
    *w01 = (int32_t)(((uint32_t)w02 & 0xFFFFu) | ((uint32_t)w13 << 16));
    *w23 = (int32_t)(((uint32_t)w02 >> 16) | ((uint32_t)w13 & 0xFFFF0000u));
#endif
}

DSL_INLINE int32_t dsl_dsp_load_s16x2(const int16_t *p)
{
    int32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
}

/* 16x8: acc[0] += w.x0, acc[1] += w.x1 over len */
DSL_INLINE void dsl_dsp_dot16_1x2(const int8_t *w, const int16_t *x0, const int16_t *x1, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t w01, w23;
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w), &w01, &w23);
        a0 = __smlad(w01, dsl_dsp_load_s16x2(x0), a0);
        a0 = __smlad(w23, dsl_dsp_load_s16x2(x0 + 2), a0);
        a1 = __smlad(w01, dsl_dsp_load_s16x2(x1), a1);
        a1 = __smlad(w23, dsl_dsp_load_s16x2(x1 + 2), a1);
        w += 4;
        x0 += 4;
        x1 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t wi = *w++;
        a0 += wi * *x0++;
        a1 += wi * *x1++;
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* 16x8: acc + w.x over len */
DSL_INLINE int32_t dsl_dsp_dot16_1x1(const int8_t *w, const int16_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t w01, w23;
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w), &w01, &w23);
        acc = __smlad(w01, dsl_dsp_load_s16x2(x), acc);
        acc = __smlad(w23, dsl_dsp_load_s16x2(x + 2), acc);
        w += 4;
        x += 4;
    }
    for (i = len & 3; i > 0; i--) acc += *w++ * *x++;
    return acc;
}

#endif /* DSL_KERNEL_DSP_H */
