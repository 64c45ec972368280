/*
 * dsl_kernel_dsp_pairs16.h - 16x8 dot products (int16 activations) on weights pre-widened to int16 pairs, for
 * the int16-input conv1d steps dslc emits on dsp cores (dsl_conv1d_dsp_pairs_body.h with DSL_CONV1D_16X8).
 *
 * Layout "pairs4s16" (dslc: Emit/DspPairedWeights.cs with int16 input): that of pairs4 (dsl_kernel_dsp_pairs.h:
 * blocks of 4 output channels, each with its header of biases and prepared requantization records, then per
 * window per group of 4 window elements 8 words, 2 per channel) except the order of the halves: channel c's
 * words are [w(e0) | w(e1) << 16] then [w(e2) | w(e3) << 16], the order int16 activations load in, so each
 * input word [x0 x1] meets its weight pair in one SMLAD with no unpacking on either side: per group of 4 inputs
 * x 4 channels two input loads, two LDM of weights and 8 SMLAD (12 instructions per 16 MACs; int8 pairs4: 13).
 * Input words are loaded with LDR (unaligned access is allowed on Armv7E-M; LDM is for the weights, whose
 * array is int32). Integer sums are exact and dslc proves they never wrap, so the order does not matter.
 */
#ifndef DSL_KERNEL_DSP_PAIRS16_H
#define DSL_KERNEL_DSP_PAIRS16_H

#include <stdint.h>
#include "dsl_kernel_dsp.h"
#include "dsl_kernel_dsp_pairs.h"

/* the last 1-3 inputs of a window as [x0 x1] and [x2 0] (absent ones 0; never read past the window) */
DSL_INLINE void dsl_dsp_pairs4s16_tail(const int32_t *w, const int16_t *x, int32_t rest, int32_t acc[4])
{
    const int32_t x0 = x[0], x1 = rest > 1 ? x[1] : 0, x2 = rest > 2 ? x[2] : 0;
    const int32_t xa = (int32_t)(((uint32_t)x0 & 0xFFFFu) | ((uint32_t)x1 << 16)), xb = x2 & 0xFFFF;
    int32_t c;
    for (c = 0; c < 4; c++) acc[c] = __smlad(w[2 * c + 1], xb, __smlad(w[2 * c], xa, acc[c]));
}

/* one group of 4 inputs for the 4 channels in plain C (a macro: the accumulators are the caller's locals) */
#define DSL_DSP_PAIRS4S16_GROUP_C()                                                 \
    do {                                                                            \
        const int32_t xa_ = dsl_dsp_load_s16x2(x), xb_ = dsl_dsp_load_s16x2(x + 2); \
        a0 = __smlad(w[1], xb_, __smlad(w[0], xa_, a0));                            \
        a1 = __smlad(w[3], xb_, __smlad(w[2], xa_, a1));                            \
        a2 = __smlad(w[5], xb_, __smlad(w[4], xa_, a2));                            \
        a3 = __smlad(w[7], xb_, __smlad(w[6], xa_, a3));                            \
        x += 4;                                                                     \
        w += 8;                                                                     \
    } while (0)

/* acc[c] += channel c of the block . x over len int16, w at the window's first word (plain C) */
DSL_INLINE void dsl_dsp_dot_pairs4s16_c(const int32_t *w, const int16_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        DSL_DSP_PAIRS4S16_GROUP_C();
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4s16_tail(w, x, len & 3, acc);
}

/* one group of 4 inputs x 4 channels (16 MACs) in 12 instructions; LDM fills r8-r11 in ascending order */
#define DSL_DSP_PAIRS4S16_GROUP_ASM                                                                                     \
    "ldr    %[xa], [%[x]], #4\n\t"                                                                                      \
    "ldr    %[xb], [%[x]], #4\n\t"                                                                                      \
    "ldm    %[w]!, {%[t0], %[t1], %[t2], %[t3]}\n\t"                                                                    \
    "smlad  %[a0], %[t0], %[xa], %[a0]\n\t"                                                                            \
    "smlad  %[a0], %[t1], %[xb], %[a0]\n\t"                                                                            \
    "smlad  %[a1], %[t2], %[xa], %[a1]\n\t"                                                                            \
    "smlad  %[a1], %[t3], %[xb], %[a1]\n\t"                                                                            \
    "ldm    %[w]!, {%[t0], %[t1], %[t2], %[t3]}\n\t"                                                                    \
    "smlad  %[a2], %[t0], %[xa], %[a2]\n\t"                                                                            \
    "smlad  %[a2], %[t1], %[xb], %[a2]\n\t"                                                                            \
    "smlad  %[a3], %[t2], %[xa], %[a3]\n\t"                                                                            \
    "smlad  %[a3], %[t3], %[xb], %[a3]\n\t"

/* the asm operands of one group (the accumulators, pointers and temporaries) */
#define DSL_DSP_PAIRS4S16_OPERANDS                                                                                      \
    [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w), [xa] "=&r"(xa),             \
        [xb] "=&r"(xb), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3)

/* a long window: the asm loop over two groups per iteration (26 instructions per 32 MACs), then an odd group and
   the tail */
DSL_INLINE void dsl_dsp_dot_pairs4s16_loop(const int32_t *w, const int16_t *x, int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i = len >> 3;
    int32_t xa, xb;
    register int32_t t0 __asm__("r8");
    register int32_t t1 __asm__("r9");
    register int32_t t2 __asm__("r10");
    register int32_t t3 __asm__("r11");
    if (i > 0) {
        __asm__ volatile("1:\n\t" DSL_DSP_PAIRS4S16_GROUP_ASM DSL_DSP_PAIRS4S16_GROUP_ASM
                         "subs   %[i], %[i], #1\n\t"
                         "bne    1b"
                         : DSL_DSP_PAIRS4S16_OPERANDS, [i] "+r"(i)
                         :
                         : "cc", "memory");
    }
    if (len & 4) {
        __asm__ volatile(DSL_DSP_PAIRS4S16_GROUP_ASM : DSL_DSP_PAIRS4S16_OPERANDS : : "memory");
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4s16_tail(w, x, len & 3, acc);
#else
    dsl_dsp_dot_pairs4s16_c(w, x, len, acc);
#endif
}

/* a constant short len: the groups unrolled (no loop counter, the accumulators stay in registers) */
DSL_INLINE void dsl_dsp_dot_pairs4s16_unrolled(const int32_t *w, const int16_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    DSL_DSP_PAIRS4_UNROLL
    for (i = 0; i < (len >> 2); i++) {
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
        int32_t xa, xb;
        register int32_t t0 __asm__("r8");
        register int32_t t1 __asm__("r9");
        register int32_t t2 __asm__("r10");
        register int32_t t3 __asm__("r11");
        __asm__ volatile(DSL_DSP_PAIRS4S16_GROUP_ASM : DSL_DSP_PAIRS4S16_OPERANDS : : "memory");
#else
        DSL_DSP_PAIRS4S16_GROUP_C();
#endif
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4s16_tail(w, x, len & 3, acc);
}

/* acc[c] += channel c of the block . x over len int16: unrolled for a constant len up to
   DSL_DSP_DOT_PAIRS4_INLINE_MAX (as the int8 pairs4 dot), else the asm loop */
DSL_INLINE void dsl_dsp_dot_pairs4s16(const int32_t *w, const int16_t *x, int32_t len, int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT_PAIRS4_INLINE_MAX) {
        dsl_dsp_dot_pairs4s16_unrolled(w, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot_pairs4s16_loop(w, x, len, acc);
}

#endif /* DSL_KERNEL_DSP_PAIRS16_H */
