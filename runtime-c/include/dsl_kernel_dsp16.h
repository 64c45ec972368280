/*
 * dsl_kernel_dsp16.h - 16x8 dot products (int16 activations, int8 weights) with the Armv7E-M / Armv8-M
 * DSP extension, for the int16-input conv1d kernels of src/dsp/ (dsl_conv1d_dsp_body.h) on hidden
 * layers: many channels, long windows.
 *
 * SMLAD multiplies matching int16 halves. Two int16 activations load as one word [x0 x1]; an int8x4
 * weight word [b0 b1 b2 b3] splits into SXTB16 = [b0 b2] and SXTB16 ROR 8 = [b1 b3]. The halves are
 * brought together on whichever side is shared by more products:
 *   1x4 (one output channel, 4 rows): the weights, PKHBT / PKHTB to [b0 b1], [b2 b3], are shared by the
 *     4 rows, whose words meet them as loaded: 23 instructions per 16 MACs (12 registers);
 *   4x1 (4 output channels, one row): the row's words, PKHBT / PKHTB to [x0 x2], [x1 x3], are shared by
 *     the 4 channels, whose split weights meet them: 26 instructions per 16 MACs (13 registers).
 * Integer sums are exact, so the order differs from the portable code but not the result; the caller
 * guarantees no int32 sum wraps (dslc's proof, dsl_kernels.h).
 * A constant short window (a specialised step) takes the C form, which gcc unrolls; else the asm loop.
 */
#ifndef DSL_KERNEL_DSP16_H
#define DSL_KERNEL_DSP16_H

#include <stdint.h>
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"

/* [x0 x2] and [x1 x3] of the int16 pairs a = [x0 x1], b = [x2 x3] */
DSL_INLINE void dsl_dsp_pack_x16(int32_t a, int32_t b, int32_t *x02, int32_t *x13)
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__)
    int32_t lo, hi; /* gcc 12 does not form PKHBT / PKHTB from the C below */
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo) : "r"(a), "r"(b));
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi) : "r"(b), "r"(a));
    *x02 = lo;
    *x13 = hi;
#else
    *x02 = (int32_t)(((uint32_t)a & 0xFFFFu) | ((uint32_t)b << 16));
    *x13 = (int32_t)(((uint32_t)a >> 16) | ((uint32_t)b & 0xFFFF0000u));
#endif
}

/* the 1x4 block in C: acc[k] += w.(x + k * x_stride) for k = 0..3 over len */
DSL_INLINE void dsl_dsp_dot16_1x4_c(const int8_t *w, const int16_t *x, int32_t x_stride, int32_t len, int32_t acc[4])
{
    const int16_t *x0 = x, *x1 = x + x_stride, *x2 = x + 2 * x_stride, *x3 = x + 3 * x_stride;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t w01, w23;
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w), &w01, &w23);
        a0 = __smlad(w01, dsl_dsp_load_s16x2(x0), a0);
        a0 = __smlad(w23, dsl_dsp_load_s16x2(x0 + 2), a0);
        a1 = __smlad(w01, dsl_dsp_load_s16x2(x1), a1);
        a1 = __smlad(w23, dsl_dsp_load_s16x2(x1 + 2), a1);
        a2 = __smlad(w01, dsl_dsp_load_s16x2(x2), a2);
        a2 = __smlad(w23, dsl_dsp_load_s16x2(x2 + 2), a2);
        a3 = __smlad(w01, dsl_dsp_load_s16x2(x3), a3);
        a3 = __smlad(w23, dsl_dsp_load_s16x2(x3 + 2), a3);
        w += 4;
        x0 += 4;
        x1 += 4;
        x2 += 4;
        x3 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t wi = *w++;
        a0 += wi * *x0++;
        a1 += wi * *x1++;
        a2 += wi * *x2++;
        a3 += wi * *x3++;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* dsl_dsp_dot16_1x4 for a run-time or long len: out of line, the asm loop. Rows 1 and 3 are addressed
   as [row 0 + stride] and [row 2 + stride] (the loads that post-increment come second). */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot16_1x4_loop(const int8_t *w, const int16_t *x, int32_t x_stride, int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int16_t *x0 = x, *x2 = x + 2 * x_stride;
    const int32_t rs = x_stride * (int32_t)sizeof(int16_t);
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t t, u, v;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[t], [%[w]], #4\n\t"
            "sxtb16 %[u], %[t]\n\t"
            "sxtb16 %[t], %[t], ror #8\n\t"
            "pkhbt  %[v], %[u], %[t], lsl #16\n\t"
            "pkhtb  %[t], %[t], %[u], asr #16\n\t"
            "ldr    %[u], [%[x0], %[rs]]\n\t"
            "smlad  %[a1], %[v], %[u], %[a1]\n\t"
            "ldr    %[u], [%[x0]], #4\n\t"
            "smlad  %[a0], %[v], %[u], %[a0]\n\t"
            "ldr    %[u], [%[x0], %[rs]]\n\t"
            "smlad  %[a1], %[t], %[u], %[a1]\n\t"
            "ldr    %[u], [%[x0]], #4\n\t"
            "smlad  %[a0], %[t], %[u], %[a0]\n\t"
            "ldr    %[u], [%[x2], %[rs]]\n\t"
            "smlad  %[a3], %[v], %[u], %[a3]\n\t"
            "ldr    %[u], [%[x2]], #4\n\t"
            "smlad  %[a2], %[v], %[u], %[a2]\n\t"
            "ldr    %[u], [%[x2], %[rs]]\n\t"
            "smlad  %[a3], %[t], %[u], %[a3]\n\t"
            "ldr    %[u], [%[x2]], #4\n\t"
            "smlad  %[a2], %[t], %[u], %[a2]\n\t"
            "subs   %[i], %[i], #1\n\t"
            "bne    1b"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x0] "+r"(x0), [x2] "+r"(x2),
              [w] "+r"(w), [i] "+r"(i), [t] "=&r"(t), [u] "=&r"(u), [v] "=&r"(v)
            : [rs] "r"(rs)
            : "cc", "memory");
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t wi = *w++;
        a0 += wi * x0[0];
        a1 += wi * x0[x_stride];
        a2 += wi * x2[0];
        a3 += wi * x2[x_stride];
        x0++;
        x2++;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
#else
    dsl_dsp_dot16_1x4_c(w, x, x_stride, len, acc);
#endif
}

/* acc[k] += w.(x + k * x_stride) for k = 0..3 over len: one output channel on 4 rows */
#define DSL_DSP_DOT16_1X4_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot16_1x4(const int8_t *w, const int16_t *x, int32_t x_stride, int32_t len, int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT16_1X4_INLINE_MAX) {
        dsl_dsp_dot16_1x4_c(w, x, x_stride, len, acc);
        return;
    }
#endif
    dsl_dsp_dot16_1x4_loop(w, x, x_stride, len, acc);
}

/* the 4x1 block in C: acc[k] += (w + k * w_stride).x for k = 0..3 over len */
DSL_INLINE void dsl_dsp_dot16_4x1_c(const int8_t *w, int32_t w_stride, const int16_t *x, int32_t len, int32_t acc[4])
{
    const int8_t *w0 = w, *w1 = w + w_stride, *w2 = w + 2 * w_stride, *w3 = w + 3 * w_stride;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t x02, x13;
        const int32_t v0 = dsl_dsp_load_s8x4(w0), v1 = dsl_dsp_load_s8x4(w1);
        const int32_t v2 = dsl_dsp_load_s8x4(w2), v3 = dsl_dsp_load_s8x4(w3);
        dsl_dsp_pack_x16(dsl_dsp_load_s16x2(x), dsl_dsp_load_s16x2(x + 2), &x02, &x13);
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

/* dsl_dsp_dot16_4x1 for a run-time or long len: out of line, the asm loop. Weight rows 1 and 3 are
   addressed as [row 0 + w_stride] and [row 2 + w_stride]. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot16_4x1_loop(const int8_t *w, int32_t w_stride, const int16_t *x, int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int8_t *w0 = w, *w2 = w + 2 * w_stride;
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t xe, xo, t, u;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[t], [%[x]], #4\n\t"
            "ldr    %[u], [%[x]], #4\n\t"
            "pkhbt  %[xe], %[t], %[u], lsl #16\n\t"
            "pkhtb  %[xo], %[u], %[t], asr #16\n\t"
            "ldr    %[u], [%[w0], %[ws]]\n\t"
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
    dsl_dsp_dot16_4x1_c(w, w_stride, x, len, acc);
#endif
}

/* acc[k] += (w + k * w_stride).x for k = 0..3 over len: 4 output channels on one row */
#define DSL_DSP_DOT16_4X1_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot16_4x1(const int8_t *w, int32_t w_stride, const int16_t *x, int32_t len, int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT16_4X1_INLINE_MAX) {
        dsl_dsp_dot16_4x1_c(w, w_stride, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot16_4x1_loop(w, w_stride, x, len, acc);
}

#endif /* DSL_KERNEL_DSP16_H */
