/*
 * test_tconv_s16.c - the mixed-precision transposed convolutions dsl_conv_transpose1d_s16_s8, _s8_s16 and
 * _s16_s16 against a naive scatter reference written from dsl_kernels.h (int64 sums): random shapes (odd
 * channel counts, kernel not a multiple of the stride, kernel < stride, dilation, stride 1, one-row inputs),
 * fixed shapes of the shipped decoder, and extreme int16 inputs whose sums reach the proven bound
 * |bias| + 32768 * sum |w| < 2^31 exactly (the sum is INT32_MAX, or near INT32_MIN).
 * The bodies are also instantiated with constant shapes and output-stage forms, as dslc's specialised steps.
 * With TEST_VARIANT ("dsp" or "mve"), the variant kernels are linked as <kernel>_variant and compared with the
 * portable ones, and TCONV_SPEC_DSP / TCONV_SPEC_MVE instantiate the variant's blocks in the constant-shape
 * steps. Under QEMU -icount it prints the instructions of s8 and the s16 kinds on decoder-like shapes.
 * Builds on the host (stdio) and on QEMU boards (semihosting): no libc calls here.
 * Prints one line per failure and a final "N passed, M failed"; returns M != 0.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_requantize.h"
#include "dsl_kernel_internal.h"
#include "test_platform.h"
#define TEST_RNG_SEED 0x9E3779B9u
#include "test_check.h"
#include "test_tconv_layout.h"
#if defined(TCONV_SPEC_DSP)
#include "dsl_kernel_dsp.h"
#define TCONV_SPEC_DOT(f) dsl_dsp_##f
#elif defined(TCONV_SPEC_MVE)
#include "dsl_kernel_mve.h"
#define TCONV_SPEC_DOT(f) dsl_mve_##f
#else
#define TCONV_SPEC_DOT(f) dsl_##f
#endif

/* the three kinds' bodies, for the constant-shape steps below */
#define DSL_CONV_TRANSPOSE1D_BODY spec_tconv_s16_s8_body
#define DSL_CONV_TRANSPOSE1D_OUT int8_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s8
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) TCONV_SPEC_DOT(f)
#include "dsl_conv_transpose1d_body.h"
#define DSL_CONV_TRANSPOSE1D_BODY spec_tconv_s8_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_DOT(f) TCONV_SPEC_DOT(f)
#include "dsl_conv_transpose1d_body.h"
#define DSL_CONV_TRANSPOSE1D_BODY spec_tconv_s16_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) TCONV_SPEC_DOT(f)
#include "dsl_conv_transpose1d_body.h"

#ifdef TEST_VARIANT
void dsl_conv_transpose1d_s8_variant(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows,
                                     int8_t *out);
void dsl_conv_transpose1d_s16_s8_variant(const dsl_conv_transpose1d_params_t *p, const int16_t *in, int32_t in_rows,
                                         int8_t *out);
void dsl_conv_transpose1d_s8_s16_variant(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows,
                                         int16_t *out);
void dsl_conv_transpose1d_s16_s16_variant(const dsl_conv_transpose1d_params_t *p, const int16_t *in, int32_t in_rows,
                                          int16_t *out);
#endif

/* ---------------------------------------------------------------- buffers */

#define MAX_IN 8192
#define MAX_W 65536
#define MAX_OUT 4096
#define MAX_CH 80
#define MAX_STRIDE 8

static int8_t g_in8[MAX_IN];
static int16_t g_in16[MAX_IN];
static int8_t g_w[MAX_W];
static int8_t g_wt[MAX_W]; /* g_w laid out phase-major for the kernels */
static int8_t g_out8[MAX_OUT];
static int16_t g_out16[MAX_OUT];
static int32_t g_got[MAX_OUT], g_want[MAX_OUT], g_portable[MAX_OUT];
static int32_t g_bias[MAX_STRIDE * MAX_CH], g_mult[MAX_CH], g_shift[MAX_CH];
static int8_t g_lut[256];
static int64_t g_acc[MAX_OUT];

/* the kinds: input and output element */
enum { K_S16_S8, K_S8_S16, K_S16_S16, KINDS };
static const char *const k_kind_name[KINDS] = {"conv_transpose1d_s16_s8", "conv_transpose1d_s8_s16",
                                               "conv_transpose1d_s16_s16"};
static int32_t in16(int32_t kind) { return kind != K_S8_S16; }
static int32_t out16(int32_t kind) { return kind != K_S16_S8; }

/* ---------------------------------------------------------------- reference (from the header text) */

static int32_t ref_stage(const dsl_output_stage_t *s, int32_t o, int64_t acc)
{
    int32_t v = (int32_t)((uint32_t)dsl_requantize((int32_t)acc, s->multiplier[o], s->shift[o]) +
                          (uint32_t)s->out_zero_point);
    if (v < s->act_min) v = s->act_min;
    if (v > s->act_max) v = s->act_max;
    if (s->lut != 0) return s->lut[v + 128];
    return v;
}

/* input element i of the current kind's input buffer */
static int32_t input_at(int32_t kind, int32_t i) { return in16(kind) ? g_in16[i] : g_in8[i]; }

/* scatter: input row i, tap j lands on output row n = i*stride + j*dilation - history*stride; int64 sums
   (an accumulation outside int32 is a test-data error, reported as a failure) */
static void ref_tconv(int32_t kind, const dsl_conv_transpose1d_params_t *p, int32_t in_rows, int32_t *out)
{
    const int32_t history = ((p->kernel - 1) * p->dilation) / p->stride;
    const int32_t out_rows = in_rows * p->stride, cout = p->out_channels, cin = p->in_channels;
    int32_t i, j, o, c, n;
    for (n = 0; n < out_rows; n++)
        for (o = 0; o < cout; o++) g_acc[n * cout + o] = p->stage.bias[(n % p->stride) * cout + o];
    for (i = 0; i < history + in_rows; i++) {
        for (j = 0; j < p->kernel; j++) {
            n = i * p->stride + j * p->dilation - history * p->stride;
            if (n < 0 || n >= out_rows) continue;
            for (o = 0; o < cout; o++) {
                int64_t s = 0;
                for (c = 0; c < cin; c++)
                    s += (int64_t)g_w[(o * p->kernel + j) * cin + c] * input_at(kind, i * cin + c);
                g_acc[n * cout + o] += s;
            }
        }
    }
    for (n = 0; n < out_rows * cout; n++) {
        if (g_acc[n] < INT32_MIN || g_acc[n] > INT32_MAX) {
            g_failed++;
            tp_puts("FAIL test data: a sum outside int32\n");
        }
        out[n] = ref_stage(&p->stage, n % cout, g_acc[n]);
    }
}

/* ---------------------------------------------------------------- kernels under test */

typedef enum { IMPL_PORTABLE, IMPL_VARIANT } impl_t;

/* the library kernel f, or with TEST_VARIANT its variant f_variant */
#ifdef TEST_VARIANT
#define IMPL_LAST IMPL_VARIANT
#define VARIANT_NAME TEST_VARIANT
#define PICK(impl, f) ((impl) == IMPL_VARIANT ? f##_variant : f)
#else
#define IMPL_LAST IMPL_PORTABLE
#define VARIANT_NAME "portable"
#define PICK(impl, f) ((void)(impl), f)
#endif

/* run one kind on g_in8 / g_in16 into g_out8 / g_out16 (nothing else: the benchmark times this) */
static void call_kind(int32_t kind, impl_t impl, const dsl_conv_transpose1d_params_t *p, int32_t in_rows)
{
    if (kind == K_S16_S8) PICK(impl, dsl_conv_transpose1d_s16_s8)(p, g_in16, in_rows, g_out8);
    else if (kind == K_S8_S16) PICK(impl, dsl_conv_transpose1d_s8_s16)(p, g_in8, in_rows, g_out16);
    else PICK(impl, dsl_conv_transpose1d_s16_s16)(p, g_in16, in_rows, g_out16);
}

/* call_kind, its outputs copied as int32 into out */
static void run_kind(int32_t kind, impl_t impl, const dsl_conv_transpose1d_params_t *p, int32_t in_rows, int32_t *out)
{
    const int32_t n = in_rows * p->stride * p->out_channels;
    int32_t i;
    call_kind(kind, impl, p, in_rows);
    for (i = 0; i < n; i++) out[i] = out16(kind) ? g_out16[i] : g_out8[i];
}

/* ---------------------------------------------------------------- test data */

/* the output stage: bias per phase, per-channel requantization around the kind's useful shifts (with the
   requantize shortcut's edges, multiplier 0 and exact halves), the output type's clamp, a LUT for int8 outputs */
static void make_stage(int32_t kind, dsl_output_stage_t *s, int32_t cout, int32_t stride)
{
    /* |acc| reaches ~2^22 (int16 x int8 x tens of terms) or ~2^14 (int8 x int8) */
    const int32_t shift_lo = in16(kind) ? (out16(kind) ? -16 : -24) : (out16(kind) ? -10 : -16);
    const int32_t shift_hi = in16(kind) ? (out16(kind) ? -6 : -14) : (out16(kind) ? -2 : -6);
    int32_t o;
    for (o = 0; o < cout * stride; o++) g_bias[o] = rnd_range(-3000, 3000);
    for (o = 0; o < cout; o++) {
        g_mult[o] = (rnd() % 16u) == 0 ? 0 : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        g_shift[o] = rnd_range(shift_lo, shift_hi);
        if ((rnd() % 8u) == 0) g_shift[o] = rnd_range(-3, 1);
        if ((rnd() % 8u) == 0) g_mult[o] = (int32_t)(0x40000000u + ((rnd() & 3u) << 28));
    }
    if ((rnd() % 25u) == 0) g_shift[0] = 30; /* saturation */
    s->bias = g_bias;
    s->multiplier = g_mult;
    s->shift = g_shift;
    if (out16(kind)) {
        s->out_zero_point = 0; /* int16 tensors are symmetric */
        s->act_min = (rnd() & 1u) ? -32768 : (rnd() & 1u) ? 0 : rnd_range(-32768, 0); /* 0: a fused ReLU */
        s->act_max = (rnd() & 1u) ? 32767 : rnd_range(0, 32767);
        s->lut = 0;
    } else {
        s->out_zero_point = rnd_range(-20, 20);
        s->act_min = (rnd() & 1u) ? -128 : rnd_range(-128, 0);
        s->act_max = (rnd() & 1u) ? 127 : rnd_range(0, 127);
        for (o = 0; o < 256; o++) g_lut[o] = (int8_t)rnd_range(-128, 127);
        s->lut = (rnd() % 3u) == 0 ? g_lut : 0;
    }
}

/* dslc's int16-input condition: |bias[phase][o]| + 32768 * sum over the phase's taps |w| < 2^31; where random
   weights break it, halve that channel's weights until it holds (dslc would keep such a tensor int8) */
static void fit_bound(const dsl_conv_transpose1d_params_t *p)
{
    int32_t o, phase, j, c, again = 1;
    while (again) {
        again = 0;
        for (o = 0; o < p->out_channels; o++) {
            for (phase = 0; phase < p->stride; phase++) {
                int64_t sum = 0;
                for (j = 0; j < p->kernel; j++)
                    if ((j * p->dilation) % p->stride == phase)
                        for (c = 0; c < p->in_channels; c++) {
                            const int32_t w = g_w[(o * p->kernel + j) * p->in_channels + c];
                            sum += w < 0 ? -w : w;
                        }
                {
                    const int32_t b = p->stage.bias[phase * p->out_channels + o];
                    if ((b < 0 ? -(int64_t)b : b) + 32768 * sum >= ((int64_t)1 << 31)) {
                        int8_t *w = g_w + o * p->kernel * p->in_channels;
                        for (j = 0; j < p->kernel * p->in_channels; j++) w[j] = (int8_t)(w[j] / 2);
                        again = 1;
                    }
                }
            }
        }
    }
}

/* random inputs (history + in_rows rows) and weights for the shape in p; inputs sometimes all extreme */
static void make_data(int32_t kind, dsl_conv_transpose1d_params_t *p, int32_t in_rows)
{
    const int32_t history = ((p->kernel - 1) * p->dilation) / p->stride;
    const int32_t count = (history + in_rows) * p->in_channels;
    const uint32_t style = rnd() % 4u;
    int32_t i;
    for (i = 0; i < count; i++) {
        int32_t v = rnd_range(-32768, 32767);
        if (style == 1) v = (rnd() & 1u) ? -32768 : 32767;
        if (style == 2) v = rnd_range(-40, 40); /* quiet */
        g_in16[i] = (int16_t)v;
        g_in8[i] = (int8_t)(style == 1 ? ((rnd() & 1u) ? -128 : 127) : rnd_range(-128, 127));
    }
    for (i = 0; i < p->out_channels * p->kernel * p->in_channels; i++) g_w[i] = (int8_t)rnd_range(-128, 127);
    make_stage(kind, &p->stage, p->out_channels, p->stride);
    if (in16(kind)) fit_bound(p);
    relay_tconv_weights(p, g_w, g_wt);
    p->weights = g_wt;
}

/* the library kernel (and with TEST_VARIANT the variant) of one kind against the reference */
static void check_kinds_case(const char *what, int32_t case_id, int32_t kind, const dsl_conv_transpose1d_params_t *p,
                             int32_t in_rows)
{
    const int32_t n = in_rows * p->stride * p->out_channels;
    ref_tconv(kind, p, in_rows, g_want);
    run_kind(kind, IMPL_PORTABLE, p, in_rows, g_portable);
    check_i32(what, case_id, g_portable, g_want, n);
#ifdef TEST_VARIANT
    run_kind(kind, IMPL_VARIANT, p, in_rows, g_got);
    check_i32(k_kind_name[kind], case_id, g_got, g_portable, n); /* variant vs portable */
#endif
}

/* ---------------------------------------------------------------- tests */

static void test_random(int32_t iterations)
{
    int32_t it;
    for (it = 0; it < iterations; it++) {
        const int32_t kind = it % KINDS, big = it % 4 == 3;
        dsl_conv_transpose1d_params_t p;
        int32_t in_rows;
        p.in_channels = big ? rnd_range(1, 72) : rnd_range(1, 11);
        p.out_channels = big ? rnd_range(1, 40) : rnd_range(1, 11);
        p.kernel = rnd_range(1, 9);
        p.stride = rnd_range(1, 5);
        p.dilation = (rnd() % 3u) == 0 ? rnd_range(2, 3) : 1;
        in_rows = (rnd() % 4u) == 0 ? 1 : rnd_range(1, 7);
        make_data(kind, &p, in_rows);
        check_kinds_case(k_kind_name[kind], it, kind, &p, in_rows);
    }
}

/* in, out, kernel, stride, dilation, in rows */
static const int32_t k_shapes[][6] = {
    {16, 8, 16, 8, 1, 1},  {8, 4, 10, 5, 1, 8},  {4, 2, 8, 4, 1, 40}, {2, 2, 4, 2, 1, 160}, /* shipped, light */
    {40, 24, 16, 8, 1, 1}, {64, 24, 10, 5, 1, 3}, {24, 12, 8, 4, 1, 9}, {12, 8, 4, 2, 1, 17}, /* heavy-like */
    {3, 5, 5, 2, 1, 4},    {5, 3, 7, 3, 1, 5},   {1, 1, 2, 3, 1, 3},  {7, 1, 1, 4, 1, 2},   /* k % s != 0, k < s */
    {6, 3, 3, 2, 2, 5},    {3, 4, 4, 2, 3, 4},   {5, 5, 5, 4, 2, 3},  {2, 3, 3, 3, 3, 6},   /* dilation */
    {9, 7, 7, 3, 2, 1},    {17, 9, 6, 4, 3, 2},  {33, 3, 3, 1, 2, 3}, {1, 9, 9, 2, 1, 1},
    {13, 7, 5, 1, 1, 6},   {1, 1, 1, 1, 1, 1},   {31, 33, 3, 1, 1, 7}, {5, 2, 6, 2, 1, 1},  /* stride 1, tiny */
};

static void test_shapes(void)
{
    int32_t k, kind;
    for (k = 0; k < (int32_t)(sizeof k_shapes / sizeof k_shapes[0]); k++) {
        for (kind = 0; kind < KINDS; kind++) {
            dsl_conv_transpose1d_params_t p;
            p.in_channels = k_shapes[k][0];
            p.out_channels = k_shapes[k][1];
            p.kernel = k_shapes[k][2];
            p.stride = k_shapes[k][3];
            p.dilation = k_shapes[k][4];
            make_data(kind, &p, k_shapes[k][5]);
            check_kinds_case(k_kind_name[kind], 1000 + k, kind, &p, k_shapes[k][5]);
        }
    }
}

/* sums at the proven bound: taps * in_channels = 511 per phase of weights -128 on inputs of one sign
   gives |sum| = 511 * 128 * 32768 (or * 32767) and the bias takes it to INT32_MAX (or near INT32_MIN); an
   identity-like stage (multiplier 2^30, shift -15..-24) maps it to the clamp of its sign */
static void test_bound(void)
{
    /* in, out, kernel, stride, dilation: 511 = 73 * 7 taps per phase */
    static const int32_t shapes[][5] = {{73, 3, 14, 2, 1}, {73, 2, 7, 1, 1}, {73, 5, 7, 1, 2}, {73, 3, 21, 3, 1}};
    int32_t k, kind, sign, o, i;
    for (k = 0; k < (int32_t)(sizeof shapes / sizeof shapes[0]); k++) {
        for (kind = 0; kind < KINDS; kind++) {
            if (!in16(kind)) continue;
            for (sign = 0; sign < 2; sign++) {
                dsl_conv_transpose1d_params_t p;
                const int32_t in_rows = 3;
                int32_t history, count;
                p.in_channels = shapes[k][0];
                p.out_channels = shapes[k][1];
                p.kernel = shapes[k][2];
                p.stride = shapes[k][3];
                p.dilation = shapes[k][4];
                history = ((p.kernel - 1) * p.dilation) / p.stride;
                count = (history + in_rows) * p.in_channels;
                for (i = 0; i < count; i++) g_in16[i] = (int16_t)(sign ? 32767 : -32768);
                for (i = 0; i < p.out_channels * p.kernel * p.in_channels; i++) g_w[i] = -128;
                for (o = 0; o < p.out_channels * p.stride; o++)
                    g_bias[o] = sign ? -(INT32_MAX - 511 * 128 * 32768) : INT32_MAX - 511 * 128 * 32768;
                for (o = 0; o < p.out_channels; o++) {
                    g_mult[o] = 0x40000000;
                    g_shift[o] = -15 - o % 10;
                }
                p.stage.bias = g_bias;
                p.stage.multiplier = g_mult;
                p.stage.shift = g_shift;
                p.stage.out_zero_point = 0;
                p.stage.act_min = out16(kind) ? -32768 : -128;
                p.stage.act_max = out16(kind) ? 32767 : 127;
                p.stage.lut = 0;
                relay_tconv_weights(&p, g_w, g_wt);
                p.weights = g_wt;
                check_kinds_case("bound", 2000 + 10 * k + sign, kind, &p, in_rows);
            }
        }
    }
}

/* The bodies with constant shapes and output-stage forms, as dslc's specialised steps call them (the variant's
   blocks with TCONV_SPEC_DSP / _MVE), against the reference: one function per shape and kind. */
#define SPEC_SHAPES(X)                   \
    X(a, 16, 8, 16, 8, 1, 1)             \
    X(b, 8, 4, 10, 5, 1, 8)              \
    X(c, 4, 2, 8, 4, 1, 40)              \
    X(d, 5, 3, 7, 3, 2, 5)               \
    X(e, 12, 7, 4, 1, 1, 3)              \
    X(f, 24, 12, 8, 4, 1, 9)
#define SPEC_FORM_S8 (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE)
#define SPEC_FORM_S16 (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT16_RANGE)
#define SPEC_STEP(id, ci, co, k, s, d, rows)                                                                      \
    DSL_HOT static void spec_##id(int32_t kind, int32_t general, const dsl_conv_transpose1d_params_t *p)           \
    {                                                                                                             \
        if (kind == K_S16_S8) {                                                                                   \
            if (general) spec_tconv_s16_s8_body(p, g_in16, rows, g_out8, ci, co, k, s, d, DSL_STAGE_GENERAL);     \
            else spec_tconv_s16_s8_body(p, g_in16, rows, g_out8, ci, co, k, s, d, SPEC_FORM_S8);                  \
        } else if (kind == K_S8_S16) {                                                                            \
            if (general) spec_tconv_s8_s16_body(p, g_in8, rows, g_out16, ci, co, k, s, d, DSL_STAGE_GENERAL);     \
            else spec_tconv_s8_s16_body(p, g_in8, rows, g_out16, ci, co, k, s, d, SPEC_FORM_S16);                 \
        } else {                                                                                                  \
            if (general) spec_tconv_s16_s16_body(p, g_in16, rows, g_out16, ci, co, k, s, d, DSL_STAGE_GENERAL);   \
            else spec_tconv_s16_s16_body(p, g_in16, rows, g_out16, ci, co, k, s, d, SPEC_FORM_S16);               \
        }                                                                                                         \
    }
SPEC_SHAPES(SPEC_STEP)

static void test_specialised(void)
{
    typedef void (*spec_fn)(int32_t, int32_t, const dsl_conv_transpose1d_params_t *);
#define SPEC_ROW(id, ci, co, k, s, d, rows) {spec_##id, {ci, co, k, s, d, rows}},
    static const struct {
        spec_fn f;
        int32_t shape[6];
    } steps[] = {SPEC_SHAPES(SPEC_ROW)};
#undef SPEC_ROW
    int32_t k, kind, general, o, i;
    for (k = 0; k < (int32_t)(sizeof steps / sizeof steps[0]); k++) {
        for (kind = 0; kind < KINDS; kind++) {
            for (general = 0; general < 2; general++) {
                dsl_conv_transpose1d_params_t p;
                const int32_t rows = steps[k].shape[5];
                p.in_channels = steps[k].shape[0];
                p.out_channels = steps[k].shape[1];
                p.kernel = steps[k].shape[2];
                p.stride = steps[k].shape[3];
                p.dilation = steps[k].shape[4];
                make_data(kind, &p, rows);
                if (!general) { /* a stage that fits the form: shortcut shifts, no LUT, the full range */
                    for (o = 0; o < p.out_channels; o++) {
                        if (g_mult[o] < 0x40000000) g_mult[o] = 0x40000000;
                        if (g_shift[o] > -2) g_shift[o] = -2;
                    }
                    p.stage.lut = 0;
                    p.stage.act_min = out16(kind) ? -32768 : -128;
                    p.stage.act_max = out16(kind) ? 32767 : 127;
                    if (out16(kind)) p.stage.out_zero_point = 0;
                }
                ref_tconv(kind, &p, rows, g_want);
                steps[k].f(kind, general, &p);
                for (i = 0; i < rows * p.stride * p.out_channels; i++) g_got[i] = out16(kind) ? g_out16[i] : g_out8[i];
                check_i32(general ? "specialised step (general form)" : "specialised step (shortcut form)",
                          3000 + 10 * k + kind, g_got, g_want, rows * p.stride * p.out_channels);
            }
        }
    }
}

/* ---------------------------------------------------------------- instruction counts */

static void report(const char *what, const char *variant, const int32_t *shape, uint64_t n)
{
    const int64_t macs = (int64_t)shape[5] * shape[3] * shape[1] * (shape[2] / shape[3]) * shape[0];
    tp_puts("instructions ");
    tp_puts(what);
    tp_puts(" ");
    tp_puts(variant);
    tp_puts(" ");
    put_int(shape[0]);
    tp_puts("->");
    put_int(shape[1]);
    tp_puts(" k");
    put_int(shape[2]);
    tp_puts(" s");
    put_int(shape[3]);
    tp_puts(" rows ");
    put_int(shape[5]);
    tp_puts(": ");
    put_int((int64_t)n);
    tp_puts(" (");
    put_int((int64_t)(n * 100 / (uint64_t)macs));
    tp_puts(" per 100 MACs)\n");
}

/* s8 and the s16 kinds on the shipped model's decoder shapes (dslc inspect -m models/dsl_soundstream_s): heavy
   net.6, net.8, net.10 (net.4, 192 -> 64 k16 s8, has more weights than these buffers), light net.2, net.4
   (kernel a multiple of the stride: MACs = rows * k * in * out) */
static void benchmark(void)
{
    static const int32_t shapes[][6] = {{64, 24, 10, 5, 1, 8}, {24, 12, 8, 4, 1, 40}, {12, 8, 4, 2, 1, 160},
                                        {16, 8, 16, 8, 1, 1},  {8, 4, 10, 5, 1, 8}};
    int32_t k, kind;
    if (!tp_have_icount()) return;
    for (k = 0; k < (int32_t)(sizeof shapes / sizeof shapes[0]); k++) {
        dsl_conv_transpose1d_params_t p;
        const int32_t rows = shapes[k][5];
        p.in_channels = shapes[k][0];
        p.out_channels = shapes[k][1];
        p.kernel = shapes[k][2];
        p.stride = shapes[k][3];
        p.dilation = shapes[k][4];
        for (kind = -1; kind < KINDS; kind++) {
            impl_t impl;
            make_data(kind < 0 ? K_S16_S8 : kind, &p, rows);
            for (impl = IMPL_PORTABLE; impl <= IMPL_LAST; impl++) {
                uint64_t t0, t1, e0, e1;
                e0 = tp_icount_ticks();
                e1 = tp_icount_ticks();
                t0 = tp_icount_ticks();
                if (kind < 0) PICK(impl, dsl_conv_transpose1d_s8)(&p, g_in8, rows, g_out8);
                else call_kind(kind, impl, &p, rows);
                t1 = tp_icount_ticks();
                report(kind < 0 ? "conv_transpose1d_s8" : k_kind_name[kind],
                       impl == IMPL_VARIANT ? VARIANT_NAME : "portable",
                       shapes[k], tp_icount_instructions((t1 - t0) - (e1 - e0)));
            }
        }
    }
}

int main(void)
{
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    tp_puts("rounding: double (TFLite/CMSIS-NN)\n");
#else
    tp_puts("rounding: single (default)\n");
#endif
    test_random(600);
    test_shapes();
    test_bound();
    test_specialised();
    benchmark();
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
