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

/* int32 add that wraps like the C# golden model's unchecked int arithmetic (no UB). */
static inline int32_t dsl_add_wrap_i32(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* requantize + zero point + clamp (+ LUT) to int8. */
static inline int8_t dsl_stage_s8(const dsl_output_stage_t *s, int32_t acc, int32_t multiplier, int32_t shift)
{
    int32_t v = dsl_add_wrap_i32(dsl_requantize(acc, multiplier, shift), s->out_zero_point);
    v = dsl_clamp_i32(v, s->act_min, s->act_max);
    if (s->lut != 0) return s->lut[v + 128];
    return (int8_t)v;
}

/* requantize + zero point + clamp to int16 (no LUT for int16 outputs). */
static inline int16_t dsl_stage_s16(const dsl_output_stage_t *s, int32_t acc, int32_t multiplier, int32_t shift)
{
    int32_t v = dsl_add_wrap_i32(dsl_requantize(acc, multiplier, shift), s->out_zero_point);
    v = dsl_clamp_i32(v, s->act_min, s->act_max);
    return (int16_t)v;
}

/*
 * Plain C int8 dot products in the blocks the convolution kernels use (the src/dsp and
 * src/mve kernels have the same skeleton with SMLAD / VMLADAVA versions of these):
 * 2 weight rows x 2 input rows share their loads.
 * acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len int8
 */
static inline void dsl_dot_2x2(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1, int32_t len,
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
static inline void dsl_dot_2x1(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
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
static inline int32_t dsl_dot_1x1(const int8_t *w, const int8_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = 0; i < len; i++) acc += w[i] * x[i];
    return acc;
}

/*
 * Transposed convolution: for output row n the taps j that contribute satisfy
 * i * stride + j * dilation == m with m = n + history * stride and i >= 0.
 * They form j = first, first + step, ... (step = stride / gcd(stride, dilation)),
 * bounded by j < kernel and j * dilation <= m. Returns first, or kernel when none.
 */
static inline int32_t dsl_tconv_first_tap(int32_t m, int32_t stride, int32_t dilation, int32_t kernel, int32_t step)
{
    int32_t j;
    for (j = 0; j < step && j < kernel && j * dilation <= m; j++) {
        if ((m - j * dilation) % stride == 0) return j;
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
