/*
 * dsl_kernel_internal.h - helpers shared by the kernel files (not part of the model API).
 *
 * The output stage of dsl_kernels.h written once, so that every kernel and every
 * variant applies exactly the same integer steps:
 *   v = requantize(acc, multiplier, shift) + out_zero_point   (int32, two's complement wrap)
 *   v = clamp(v, act_min, act_max)
 *   out = lut ? lut[v + 128] : v
 */
#ifndef DSL_KERNEL_INTERNAL_H
#define DSL_KERNEL_INTERNAL_H

#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_requantize.h"

/* Keep gcc from turning copy / fill loops into memcpy / memset calls (no C library). */
#if defined(__GNUC__) && !defined(__clang__)
#define DSL_NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define DSL_NO_LIBCALLS
#endif

/* hot helpers are inlined at every optimisation level (-Os would otherwise call them and keep
   their accumulator arrays in memory) */
#if defined(__GNUC__)
#define DSL_INLINE static inline __attribute__((always_inline))
#else
#define DSL_INLINE static inline
#endif

/* The convolution kernels and specialised steps are compiled for speed even in -Os builds (gcc -Os keeps
   their accumulators in memory: 2-3x the instructions) and in -O0 debug builds (their force-inlined bodies,
   unoptimised, take ~30x the flash: 193 KB instead of 6 KB for the shipped model's light path on Cortex-M4). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__ARM_FEATURE_MVE)
/* Helium: without the first scheduling pass (before register allocation), which hoists the loads of a block
   ahead and spills what the 8 Q registers cannot hold (shape a, 8 -> 8 k7: 102 -> 71 instructions per row) */
#if defined(__OPTIMIZE_SIZE__) || !defined(__OPTIMIZE__)
#define DSL_HOT __attribute__((optimize("O2", "no-schedule-insns")))
#else
#define DSL_HOT __attribute__((optimize("no-schedule-insns")))
#endif
#elif defined(__GNUC__) && !defined(__clang__) && (defined(__OPTIMIZE_SIZE__) || !defined(__OPTIMIZE__))
#define DSL_HOT __attribute__((optimize("O2")))
#else
#define DSL_HOT
#endif

/* int32 add that wraps like the C# golden model's unchecked int arithmetic (no UB). */
DSL_INLINE int32_t dsl_add_wrap_i32(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

/*
 * Per-channel requantization, prepared once per output channel (dsl_requant_prepare) and
 * applied per output (dsl_requant_apply): the same bits as dsl_requantize() of
 * dsl_requantize.h, with shortcuts for the usual cases. X = acc * M (int64).
 * Default rule, shift <= -2: the rounding term 2^(30 - shift) is a multiple of 2^32, so
 *   (X + 2^(30 - shift)) >> (31 - shift) == ((X >> 32) + 2^(-2 - shift)) >> (-1 - shift)
 * (arithmetic shifts compose; |X >> 32| < 2^30 so the sum fits int32) and the result needs
 * no saturation: SMULL, ADD, ASR.
 * Default rule, shift -1 or 0 and M >= 0 (e.g. an int16 output layer): |X| <= 2^62 - 2^31, so
 *   (X + 2^(30 - shift)) >> 31 fits int32 and a further >> -shift gives the result, which
 *   needs no saturation (|result| <= |acc|): SMLAL, two 64-bit shift steps, ASR, out of line.
 * Double rounding, shift <= 0 and M >= 0: no left shift, and the doubling high multiply
 * (X + nudge) / 2^31 (truncating, nudge = 2^30 or 1 - 2^30 by the sign of X) equals
 * (X + 2^30) >> 31 (floor) in both signs; then dsl_rounding_divide_by_pot as in the header.
 * Every other case calls dsl_requantize() itself (out of line, as does the wide form).
 */
typedef struct {
    int32_t multiplier;
    int32_t shift;
    int32_t round; /* single-rounding shortcut: 2^(-2 - shift) */
    int32_t right; /* shortcut's final right shift; -1: no shortcut */
} dsl_requant_t;

DSL_INLINE dsl_requant_t dsl_requant_prepare(int32_t multiplier, int32_t shift)
{
    dsl_requant_t q;
    q.multiplier = multiplier;
    q.shift = shift;
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    q.right = shift <= -2 ? -1 - shift : -1;
    q.round = shift <= -2 ? (int32_t)1 << (-2 - shift) : 0;
#else
    q.right = shift <= 0 && multiplier >= 0 ? -shift : -1;
    q.round = 0;
#endif
    return q;
}

/* out of line: the rarer cases would otherwise be inlined at every store (and their invariants
   would take registers from the hot loops) */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static int32_t dsl_requantize_general(int32_t acc, int32_t multiplier, int32_t shift)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if ((shift == -1 || shift == 0) && multiplier >= 0) { /* the wide form (see above) */
        const int64_t round = (int64_t)1 << (30 - shift);
        return (int32_t)(((int64_t)acc * multiplier + round) >> 31) >> -shift;
    }
#endif
    return dsl_requantize(acc, multiplier, shift);
}

/* the shortcut alone, for callers that checked q->right >= 0 once (e.g. per call) */
DSL_INLINE int32_t dsl_requant_shortcut(const dsl_requant_t *q, int32_t acc)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return ((int32_t)(((int64_t)acc * q->multiplier) >> 32) + q->round) >> q->right;
#else
    const int32_t high = (int32_t)(((int64_t)acc * q->multiplier + ((int64_t)1 << 30)) >> 31);
    return dsl_rounding_divide_by_pot(high, q->right);
#endif
}

DSL_INLINE int32_t dsl_requant_apply(const dsl_requant_t *q, int32_t acc)
{
    if (q->right >= 0) return dsl_requant_shortcut(q, acc);
    return dsl_requantize_general(acc, q->multiplier, q->shift);
}

/*
 * What a step knows of its output stage when it is compiled (flags, a constant argument of the
 * kernel bodies): a generated step passes the facts dslc knows, so the compiler drops the
 * run-time tests; the library kernels pass DSL_STAGE_GENERAL (nothing known). The bits are the
 * same either way: each flag only selects the branch the run-time test would take.
 */
typedef int32_t dsl_stage_form_t;
#define DSL_STAGE_GENERAL 0    /* per-output run-time tests */
#define DSL_STAGE_SHORTCUT 1   /* every channel takes dsl_requant_shortcut (q->right >= 0) */
#define DSL_STAGE_WIDE 2       /* default rule: every channel takes the wide form (shift -1 or 0, M >= 0) */
#define DSL_STAGE_NO_LUT 4     /* s->lut == 0 */
#define DSL_STAGE_LUT 8        /* s->lut != 0 */
#define DSL_STAGE_INT8_RANGE 16 /* act_min == -128 and act_max == 127 */
#define DSL_STAGE_INT16_RANGE 32 /* int16 output: act_min == -32768 and act_max == 32767 */
#define DSL_STAGE_ZP_IN_ROUND 64 /* default rule, with SHORTCUT: round + zero point * 2^right fits int32 (the
                                  zero point may be folded into the rounding term: dsl_stage_dsp.h) */

/* the wide form (default rule, shift -1 or 0, M >= 0; see above) */
DSL_INLINE int32_t dsl_requant_wide(const dsl_requant_t *q, int32_t acc)
{
    return (int32_t)(((int64_t)acc * q->multiplier + ((int64_t)1 << (30 - q->shift))) >> 31) >> -q->shift;
}

DSL_INLINE int32_t dsl_requant_apply_form(const dsl_requant_t *q, int32_t acc, dsl_stage_form_t form)
{
    if (form & DSL_STAGE_SHORTCUT) return dsl_requant_shortcut(q, acc);
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_WIDE) return dsl_requant_wide(q, acc);
#endif
    return dsl_requant_apply(q, acc);
}

/* requantize + zero point + clamp (+ LUT) to int8. */
DSL_INLINE int8_t dsl_stage_s8(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t *q, dsl_stage_form_t form)
{
    int32_t v = dsl_add_wrap_i32(dsl_requant_apply_form(q, acc, form), s->out_zero_point);
    v = (form & DSL_STAGE_INT8_RANGE) ? dsl_clamp_i32(v, -128, 127) : dsl_clamp_i32(v, s->act_min, s->act_max);
    if (form & DSL_STAGE_NO_LUT) return (int8_t)v;
    if ((form & DSL_STAGE_LUT) || s->lut != 0) return s->lut[v + 128];
    return (int8_t)v;
}

/* dsl_requant_apply with the wide form inline: for int16 outputs (the last layer), whose
   shifts are usually near 0 (prepare does not mark the form: an extra field or code in it
   costs the conv loops registers, measured +11% on Cortex-M3) */
DSL_INLINE int32_t dsl_requant_apply_wide(const dsl_requant_t *q, int32_t acc, dsl_stage_form_t form)
{
    if (form & (DSL_STAGE_SHORTCUT | DSL_STAGE_WIDE)) return dsl_requant_apply_form(q, acc, form);
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (q->right < 0 && (q->shift == 0 || q->shift == -1) && q->multiplier >= 0) return dsl_requant_wide(q, acc);
#endif
    return dsl_requant_apply(q, acc);
}

/* requantize + zero point + clamp to int16 (no LUT for int16 outputs). */
DSL_INLINE int16_t dsl_stage_s16(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t *q,
                                 dsl_stage_form_t form)
{
    int32_t v = dsl_add_wrap_i32(dsl_requant_apply_wide(q, acc, form), s->out_zero_point);
    v = dsl_clamp_i32(v, s->act_min, s->act_max);
    return (int16_t)v;
}

/*
 * Plain C int8 dot products in the blocks the convolution kernels use (the src/dsp and
 * src/mve kernels have the same skeleton with SMLAD / VMLADAVA versions of these):
 * 2 weight rows x 2 input rows share their loads.
 * acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len int8
 */
DSL_INLINE void dsl_dot_2x2(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1, int32_t len,
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

/* acc[0] += w0.x, acc[1] += w1.x over len int8 */
DSL_INLINE void dsl_dot_2x1(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
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

/* acc + w.x over len int8 */
DSL_INLINE int32_t dsl_dot_1x1(const int8_t *w, const int8_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = 0; i < len; i++) acc += w[i] * x[i];
    return acc;
}

/* 16x8 (int16 inputs, int8 weights): acc[0] += w.x0, acc[1] += w.x1 over len */
DSL_INLINE void dsl_dot16_1x2(const int8_t *w, const int16_t *x0, const int16_t *x1, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t wi = w[i];
        a0 += wi * x0[i];
        a1 += wi * x1[i];
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* 16x8: acc[k] += w.(x + k * x_stride) for k = 0..3 over len (one channel on 4 rows: an odd last channel) */
DSL_INLINE void dsl_dot16_1x4(const int8_t *w, const int16_t *x, int32_t x_stride, int32_t len, int32_t acc[4])
{
    const int16_t *x1 = x + x_stride, *x2 = x + 2 * x_stride, *x3 = x + 3 * x_stride;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t wi = w[i];
        a0 += wi * x[i];
        a1 += wi * x1[i];
        a2 += wi * x2[i];
        a3 += wi * x3[i];
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* 16x8, one row, 2 channels (hidden layers with int16 activations; dsl_dot16_2x2 is dsl_kernel_dot16_tconv.h's):
   acc[0] += w0.x, acc[1] += w1.x over len */
DSL_INLINE void dsl_dot16_row2x1_c(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
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

/* dsl_dot16_row2x1 for a run-time len: out of line, its registers its own (inlined in the skeleton, gcc 12 spills an
   accumulator of this loop on Cortex-M3: 9 instead of 7 instructions per 2 MACs) */
#if defined(__GNUC__)
__attribute__((noinline, unused))
#endif
static void dsl_dot16_row2x1_loop(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    dsl_dot16_row2x1_c(w0, w1, x, len, acc);
}

/* 16x8: acc[0] += w0.x, acc[1] += w1.x over len (one row, 2 channels) */
DSL_INLINE void dsl_dot16_row2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
#if defined(__GNUC__)
    if (__builtin_constant_p(len)) {
        dsl_dot16_row2x1_c(w0, w1, x, len, acc);
        return;
    }
#endif
    dsl_dot16_row2x1_loop(w0, w1, x, len, acc);
}

/* 16x8: acc + w.x over len */
DSL_INLINE int32_t dsl_dot16_1x1(const int8_t *w, const int16_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = 0; i < len; i++) acc += w[i] * x[i];
    return acc;
}

/*
 * Transposed convolution: output row n (m = n + history * stride) receives tap j from
 * input row i = (m - j * dilation) / stride when that divides exactly and i >= 0. The
 * taps that divide depend only on the phase n % stride (m = n (mod stride)): they are
 * j = first, first + step, ... with step = stride / gcd(stride, dilation), first the
 * smallest j with j * dilation = phase (mod stride), or kernel when there is none below
 * kernel. i >= 0 bounds them by j * dilation <= m.
 */
static inline int32_t dsl_tconv_phase_first_tap(int32_t phase, int32_t stride, int32_t dilation, int32_t kernel,
                                                int32_t step)
{
    int32_t j;
    for (j = 0; j < step && j < kernel; j++) {
        if ((j * dilation) % stride == phase) return j;
    }
    return kernel;
}

static inline int32_t dsl_tconv_tap_step(int32_t stride, int32_t dilation)
{
    int32_t a = stride, b = dilation;
    while (b != 0) {
        const int32_t t = a % b;
        a = b;
        b = t;
    }
    return stride / a;
}

static inline int32_t dsl_tconv_history(int32_t kernel, int32_t stride, int32_t dilation)
{
    return ((kernel - 1) * dilation) / stride;
}

#endif /* DSL_KERNEL_INTERNAL_H */
