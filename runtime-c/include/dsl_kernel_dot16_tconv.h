/*
 * dsl_kernel_dot16_tconv.h - the 16x8 dot-product blocks of 2 weight rows (2 output channels) that the
 * transposed convolution skeleton with int16 input needs (dsl_conv_transpose1d_body.h, DSL_CONV_TRANSPOSE1D_16X8):
 *   dot16_2x2: acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len
 *   dot16_2x1: acc[0] += w0.x, acc[1] += w1.x over len
 * int8 weights, int16 inputs, int32 sums (dslc proves they cannot wrap). The portable blocks always; the dsp
 * and mve ones when the variant's header (dsl_kernel_dsp.h, dsl_kernel_mve.h) was included first, as the
 * variant kernel files and generated steps do. dsl_mve_dot16_2x2 is dsl_kernel_mve.h's.
 */
#ifndef DSL_KERNEL_DOT16_TCONV_H
#define DSL_KERNEL_DOT16_TCONV_H

#include <stdint.h>
#include "dsl_kernel_internal.h"

DSL_INLINE void dsl_dot16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1, int32_t len,
                              int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t xa = x0[i], xb = x1[i], wa = w0[i], wb = w1[i];
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

DSL_INLINE void dsl_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t xv = x[i];
        a0 += w0[i] * xv;
        a1 += w1[i] * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
}

#if defined(DSL_KERNEL_DSP_H)
/* SMLAD on int16 pairs: each int8x4 weight word becomes [w0 w1], [w2 w3] (dsl_dsp_unpack_w16), shared by the
   two input rows; each input pair word is shared by the two weight rows. */
DSL_INLINE void dsl_dsp_dot16_2x2_c(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1,
                                    int32_t len, int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t wa01, wa23, wb01, wb23;
        int32_t xv;
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w0), &wa01, &wa23);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w1), &wb01, &wb23);
        xv = dsl_dsp_load_s16x2(x0);
        a00 = __smlad(wa01, xv, a00);
        a10 = __smlad(wb01, xv, a10);
        xv = dsl_dsp_load_s16x2(x0 + 2);
        a00 = __smlad(wa23, xv, a00);
        a10 = __smlad(wb23, xv, a10);
        xv = dsl_dsp_load_s16x2(x1);
        a01 = __smlad(wa01, xv, a01);
        a11 = __smlad(wb01, xv, a11);
        xv = dsl_dsp_load_s16x2(x1 + 2);
        a01 = __smlad(wa23, xv, a01);
        a11 = __smlad(wb23, xv, a11);
        w0 += 4;
        w1 += 4;
        x0 += 4;
        x1 += 4;
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

DSL_INLINE void dsl_dsp_dot16_2x1_c(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t wa01, wa23, wb01, wb23;
        const int32_t x01 = dsl_dsp_load_s16x2(x), x23 = dsl_dsp_load_s16x2(x + 2);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w0), &wa01, &wa23);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w1), &wb01, &wb23);
        a0 = __smlad(wa01, x01, a0);
        a0 = __smlad(wa23, x23, a0);
        a1 = __smlad(wb01, x01, a1);
        a1 = __smlad(wb23, x23, a1);
        w0 += 4;
        w1 += 4;
        x += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += *w0++ * xv;
        a1 += *w1++ * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* dsl_dsp_dot16_2x2 for a run-time len: out of line, the asm loop in 12 registers (gcc 12 spills the C loop:
   38 instructions per 16 MACs; here 28). Per 4 elements: each weight word unpacked to [w0 w1], [w2 w3], the
   input pairs loaded again for the second weight row. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot16_2x2_loop(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1,
                                   int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t t0, t1, t2;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[t0], [%[w0]], #4\n\t"
            "sxtb16 %[t1], %[t0]\n\t"
            "sxtb16 %[t0], %[t0], ror #8\n\t"
            "pkhbt  %[t2], %[t1], %[t0], lsl #16\n\t"
            "pkhtb  %[t0], %[t0], %[t1], asr #16\n\t"
            "ldr    %[t1], [%[x0]]\n\t"
            "smlad  %[a00], %[t2], %[t1], %[a00]\n\t"
            "ldr    %[t1], [%[x1]]\n\t"
            "smlad  %[a01], %[t2], %[t1], %[a01]\n\t"
            "ldr    %[t1], [%[x0], #4]\n\t"
            "smlad  %[a00], %[t0], %[t1], %[a00]\n\t"
            "ldr    %[t1], [%[x1], #4]\n\t"
            "smlad  %[a01], %[t0], %[t1], %[a01]\n\t"
            "ldr    %[t0], [%[w1]], #4\n\t"
            "sxtb16 %[t1], %[t0]\n\t"
            "sxtb16 %[t0], %[t0], ror #8\n\t"
            "pkhbt  %[t2], %[t1], %[t0], lsl #16\n\t"
            "pkhtb  %[t0], %[t0], %[t1], asr #16\n\t"
            "ldr    %[t1], [%[x0]], #8\n\t"
            "smlad  %[a10], %[t2], %[t1], %[a10]\n\t"
            "ldr    %[t1], [%[x1]], #8\n\t"
            "smlad  %[a11], %[t2], %[t1], %[a11]\n\t"
            "ldr    %[t1], [%[x0], #-4]\n\t"
            "smlad  %[a10], %[t0], %[t1], %[a10]\n\t"
            "ldr    %[t1], [%[x1], #-4]\n\t"
            "smlad  %[a11], %[t0], %[t1], %[a11]\n\t"
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
    dsl_dsp_dot16_2x2_c(w0, w1, x0, x1, len, acc);
#endif
}

/* dsl_dsp_dot16_2x1 for a run-time len: out of line, the asm loop in 10 registers, 16 instructions per 8 MACs.
   Here the input is unpacked instead of the weights (one input row, two weight rows): [x0 x1], [x2 x3] become
   [x0 x2], [x1 x3] (PKHBT / PKHTB) to meet SXTB16's [w0 w2], [w1 w3]. */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dsp_dot16_2x1_loop(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i = len >> 2;
    if (i > 0) {
        int32_t xe, xo, t, u;
        __asm__ volatile(
            "1:\n\t"
            "ldr    %[t], [%[x]], #4\n\t"
            "ldr    %[xo], [%[x]], #4\n\t"
            "ldr    %[u], [%[w0]], #4\n\t"
            "pkhbt  %[xe], %[t], %[xo], lsl #16\n\t"
            "pkhtb  %[xo], %[xo], %[t], asr #16\n\t"
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
    dsl_dsp_dot16_2x1_c(w0, w1, x, len, acc);
#endif
}

/* the blocks: inline C for a short len known at compile time (a specialised step: unrolled, the accumulators
   in registers), otherwise the asm loops */
#define DSL_DSP_DOT16_INLINE_MAX 16
DSL_INLINE void dsl_dsp_dot16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1, int32_t len,
                                  int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT16_INLINE_MAX) {
        dsl_dsp_dot16_2x2_c(w0, w1, x0, x1, len, acc);
        return;
    }
#endif
    dsl_dsp_dot16_2x2_loop(w0, w1, x0, x1, len, acc);
}

DSL_INLINE void dsl_dsp_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT16_INLINE_MAX) {
        dsl_dsp_dot16_2x1_c(w0, w1, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot16_2x1_loop(w0, w1, x, len, acc);
}
#endif /* DSL_KERNEL_DSP_H */

#if defined(DSL_KERNEL_MVE_H)
/* VMLADAVA.S16 on 8 lanes, the weights widened by VLDRB.S16; the input vector is shared by both weight rows */
DSL_INLINE void dsl_mve_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 3; i > 0; i--) {
        const int16x8_t xv = vldrhq_s16(x);
        a0 = vmladavaq_s16(a0, vldrbq_s16(w0), xv);
        a1 = vmladavaq_s16(a1, vldrbq_s16(w1), xv);
        x += 8;
        w0 += 8;
        w1 += 8;
    }
    if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        const int16x8_t xv = vldrhq_z_s16(x, p);
        a0 = vmladavaq_s16(a0, vldrbq_z_s16(w0, p), xv);
        a1 = vmladavaq_s16(a1, vldrbq_z_s16(w1, p), xv);
    }
    acc[0] = a0;
    acc[1] = a1;
}
#endif /* DSL_KERNEL_MVE_H */

#endif /* DSL_KERNEL_DOT16_TCONV_H */
