/*
 * dsl_kernel_dsp_pairs.h - dot products on weights stored as int16 pairs (dslc chooses this layout per
 * convolution when the core's flash allows it): no SXTB16 on the weights in the inner loop.
 *
 * Layout "pairs4" of a convolution with groups 1 (dslc: Emit/DspPairedWeights.cs; the test's
 * make_pairs4 in tests/test_dsp_pairs.c): output channels in blocks of 4 (a last block of 1-3
 * channels is padded with zero weights); per block, per window of contiguous inputs (one of
 * kernel x in_channels with dilation 1, else one of in_channels per tap), per group of 4 window
 * elements e0..e3 (the last group padded with zero weights), 8 int32 words: for channel c = 0..3 of
 * the block, [w(e0) | w(e2) << 16] then [w(e1) | w(e3) << 16] (int16 halves): the halves SXTB16 gives
 * the input word [x0 x2], [x1 x3], so one SMLAD takes each pair.
 * Each block starts with DSL_DSP_PAIRS4_HEADER_WORDS words: the biases of its 4 channels, then their 4
 * dsl_requant_t records as dsl_dsp_requant_prepare (dsl_stage_dsp.h) gives them for the step's form and
 * rounding rule (padding channels: zeros), so the kernel loads them instead of preparing each channel.
 */
#ifndef DSL_KERNEL_DSP_PAIRS_H
#define DSL_KERNEL_DSP_PAIRS_H

#include <stdint.h>
#include "dsl_kernel_dsp.h"

/* words at the start of a block: 4 biases, 4 records of 4 words */
#define DSL_DSP_PAIRS4_HEADER_WORDS 20

/* words of one window of one block of 4 channels */
DSL_INLINE int32_t dsl_dsp_pairs4_window_words(int32_t len)
{
    return ((len + 3) >> 2) * 8;
}

/* the last 1-3 inputs of a window as the halves [x0 x2] and [x1 0] (never read past the window) */
DSL_INLINE void dsl_dsp_pairs4_tail(const int32_t *w, const int8_t *x, int32_t rest, int32_t acc[4])
{
    const int32_t x0 = x[0], x1 = rest > 1 ? x[1] : 0, x2 = rest > 2 ? x[2] : 0;
    const int32_t xe = (int32_t)(((uint32_t)x0 & 0xFFFFu) | ((uint32_t)x2 << 16)), xo = x1 & 0xFFFF;
    int32_t c;
    for (c = 0; c < 4; c++) acc[c] = __smlad(w[2 * c + 1], xo, __smlad(w[2 * c], xe, acc[c]));
}

/* one group of 4 inputs for the 4 channels in plain C: a0..a3 += w . [x0..x3], then x and w advance (a macro, not a
   function: the accumulators are the caller's locals and must stay in registers) */
#define DSL_DSP_PAIRS4_GROUP_C()                                                    \
    do {                                                                            \
        const int32_t xv_ = dsl_dsp_load_s8x4(x);                                   \
        const int32_t xe_ = __sxtb16(xv_), xo_ = dsl_dsp_sxtb16_ror8(xv_);          \
        a0 = __smlad(w[1], xo_, __smlad(w[0], xe_, a0));                            \
        a1 = __smlad(w[3], xo_, __smlad(w[2], xe_, a1));                            \
        a2 = __smlad(w[5], xo_, __smlad(w[4], xe_, a2));                            \
        a3 = __smlad(w[7], xo_, __smlad(w[6], xe_, a3));                            \
        x += 4;                                                                     \
        w += 8;                                                                     \
    } while (0)

/* acc[c] += channel c of the block . x over len int8, w at the window's first word (plain C) */
DSL_INLINE void dsl_dsp_dot_pairs4_c(const int32_t *w, const int8_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        DSL_DSP_PAIRS4_GROUP_C();
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4_tail(w, x, len & 3, acc);
}

/* one group of 4 inputs x 4 channels (16 MACs) in 13 instructions: the input word, SXTB16 into [x0 x2] [x1 x3],
   LDM of two channels' words at a time into r8-r11 (LDM fills registers in ascending order, so they are fixed) */
#define DSL_DSP_PAIRS4_GROUP_ASM                                                                                        \
    "ldr    %[xo], [%[x]], #4\n\t"                                                                                      \
    "ldm    %[w]!, {%[t0], %[t1], %[t2], %[t3]}\n\t"                                                                    \
    "sxtb16 %[xe], %[xo]\n\t"                                                                                          \
    "sxtb16 %[xo], %[xo], ror #8\n\t"                                                                                  \
    "smlad  %[a0], %[t0], %[xe], %[a0]\n\t"                                                                            \
    "smlad  %[a0], %[t1], %[xo], %[a0]\n\t"                                                                            \
    "smlad  %[a1], %[t2], %[xe], %[a1]\n\t"                                                                            \
    "smlad  %[a1], %[t3], %[xo], %[a1]\n\t"                                                                            \
    "ldm    %[w]!, {%[t0], %[t1], %[t2], %[t3]}\n\t"                                                                    \
    "smlad  %[a2], %[t0], %[xe], %[a2]\n\t"                                                                            \
    "smlad  %[a2], %[t1], %[xo], %[a2]\n\t"                                                                            \
    "smlad  %[a3], %[t2], %[xe], %[a3]\n\t"                                                                            \
    "smlad  %[a3], %[t3], %[xo], %[a3]\n\t"

/* the same for a long window: the asm loop over two groups per iteration (28 instructions per 32 MACs), then
   an odd group and the tail */
DSL_INLINE void dsl_dsp_dot_pairs4_loop(const int32_t *w, const int8_t *x, int32_t len, int32_t acc[4])
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i = len >> 3;
    int32_t xe, xo;
    register int32_t t0 __asm__("r8");
    register int32_t t1 __asm__("r9");
    register int32_t t2 __asm__("r10");
    register int32_t t3 __asm__("r11");
    if (i > 0) {
        __asm__ volatile("1:\n\t" DSL_DSP_PAIRS4_GROUP_ASM DSL_DSP_PAIRS4_GROUP_ASM
                         "subs   %[i], %[i], #1\n\t"
                         "bne    1b"
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
                           [i] "+r"(i), [xe] "=&r"(xe), [xo] "=&r"(xo), [t0] "=&r"(t0), [t1] "=&r"(t1),
                           [t2] "=&r"(t2), [t3] "=&r"(t3)
                         :
                         : "cc", "memory");
    }
    if (len & 4) {
        __asm__ volatile(DSL_DSP_PAIRS4_GROUP_ASM
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
                           [xe] "=&r"(xe), [xo] "=&r"(xo), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2),
                           [t3] "=&r"(t3)
                         :
                         : "memory");
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4_tail(w, x, len & 3, acc);
#else
    dsl_dsp_dot_pairs4_c(w, x, len, acc);
#endif
}

/* GCC 8+: unroll the next loop completely (-O2 peels only loops that do not grow the code) */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define DSL_DSP_PAIRS4_UNROLL _Pragma("GCC unroll 16")
#else
#define DSL_DSP_PAIRS4_UNROLL
#endif

/* dsl_dsp_dot_pairs4_c for a constant len: the groups unrolled, no loop counter and no call (the
   accumulators stay in registers). On the target each group is DSL_DSP_PAIRS4_GROUP_ASM (13 instructions per
   16 MACs); in C the compiler would hoist the weight loads out of a row loop and spill them */
DSL_INLINE void dsl_dsp_dot_pairs4_unrolled(const int32_t *w, const int8_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    DSL_DSP_PAIRS4_UNROLL
    for (i = 0; i < (len >> 2); i++) {
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__)
        int32_t xe, xo;
        register int32_t t0 __asm__("r8");
        register int32_t t1 __asm__("r9");
        register int32_t t2 __asm__("r10");
        register int32_t t3 __asm__("r11");
        __asm__ volatile(DSL_DSP_PAIRS4_GROUP_ASM
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
                           [xe] "=&r"(xe), [xo] "=&r"(xo), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2),
                           [t3] "=&r"(t3)
                         :
                         : "memory");
#else
        DSL_DSP_PAIRS4_GROUP_C();
#endif
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    if (len & 3) dsl_dsp_pairs4_tail(w, x, len & 3, acc);
}

/* acc[c] += channel c of the block . x over len int8: inline and unrolled for a constant len up to
   DSL_DSP_DOT_PAIRS4_INLINE_MAX (the windows of layers with many short rows), else the asm loop, inline too
   (measured on Cortex-M4: a call costs its block ~20 instructions of argument and accumulator traffic) */
#define DSL_DSP_DOT_PAIRS4_INLINE_MAX 64
DSL_INLINE void dsl_dsp_dot_pairs4(const int32_t *w, const int8_t *x, int32_t len, int32_t acc[4])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len) && len <= DSL_DSP_DOT_PAIRS4_INLINE_MAX) {
        dsl_dsp_dot_pairs4_unrolled(w, x, len, acc);
        return;
    }
#endif
    dsl_dsp_dot_pairs4_loop(w, x, len, acc);
}

#endif /* DSL_KERNEL_DSP_PAIRS_H */
