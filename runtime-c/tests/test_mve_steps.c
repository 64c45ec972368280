/*
 * test_mve_steps.c - the Helium conv1d skeleton (dsl_conv1d_mve_body.h) instantiated as dslc
 * instantiates it in a generated step: shape and output-stage form as constants. Each instance is
 * compared with the portable library kernel (the reference, itself tested against the naive
 * formulas in test_kernels.c) on random data whose output stage takes that form: the shortcut,
 * the wide form (shift -1/0), general stages (mixed shifts, saturating left shifts), LUT or none,
 * full int8 range or a narrower clamp. Shapes cover the blockings: 4-channel blocks with a partial
 * last block (3, 5, 7 channels), 1 and 2 channels (rows in the lanes, odd row counts), one row,
 * dilation, stride with kernel not a multiple of it, windows shorter and longer than a vector,
 * int16 input and int16 output, depthwise (4 channels in the lanes, partial last block), groups of 4
 * or more output channels (blocks per group, 5 per group: partial blocks), other groups (per tap),
 * short windows (kernel x in_channels <= DSL_MVE_OUTER_MAX: the outer product, 3 to 9 channels, dilated,
 * stride above the kernel, int16 input and output), the full-range int16 clamp, windows or dilated
 * segments whose last chunk is 8 or 4 elements (widening loads, no predicate) in every block shape.
 * Builds on the host (tests/shim/arm_mve.h) and on Cortex-M55 (the real intrinsics).
 * Prints one line per failure and a final "N passed, M failed"; returns M != 0.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_kernel_internal.h"
#include "test_platform.h"

#define DSL_CONV1D_BODY mve_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_DOT(f) dsl_mve_##f
#include "dsl_conv1d_mve_body.h"

#define DSL_CONV1D_BODY mve_s16_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_CONV1D_16X8
#define DSL_DOT(f) dsl_mve_##f
#include "dsl_conv1d_mve_body.h"

#define DSL_CONV1D_BODY mve_s8_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_DOT(f) dsl_mve_##f
#include "dsl_conv1d_mve_body.h"

static int g_passed, g_failed;

static void put_int(int32_t v)
{
    char buf[16];
    int n = 0;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    if (v < 0) tp_puts("-");
    do {
        buf[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0);
    while (n > 0) {
        char c[2];
        c[0] = buf[--n];
        c[1] = 0;
        tp_puts(c);
    }
}

static uint32_t g_rng = 0x9E3779B9u;

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

static int32_t rnd_range(int32_t lo, int32_t hi) { return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1)); }

#define MAX_IN 4096
#define MAX_W 8192
#define MAX_OUT 2048
#define MAX_CH 64

static int8_t g_in8[MAX_IN];
static int16_t g_in16[MAX_IN];
static int8_t g_w[MAX_W];
static int8_t g_lut[256];
static int32_t g_bias[MAX_CH], g_mult[MAX_CH], g_shift[MAX_CH];
static int8_t g_out8_a[MAX_OUT], g_out8_b[MAX_OUT];
static int16_t g_out16_a[MAX_OUT], g_out16_b[MAX_OUT];

/* a stage whose every channel takes `form` (dsl_stage_form_t as a step of dslc would have it) */
static void make_stage(dsl_conv1d_params_t *p, dsl_stage_form_t form, int32_t int16_out)
{
    dsl_output_stage_t *s = &p->stage;
    int32_t o;
    for (o = 0; o < p->out_channels; o++) {
        g_bias[o] = rnd_range(-4000, 4000);
        g_mult[o] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        if ((rnd() % 6u) == 0) g_mult[o] = (int32_t)(0x40000000u + ((rnd() & 3u) << 28)); /* exact halves */
        if (form & DSL_STAGE_SHORTCUT) {
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
            g_shift[o] = int16_out ? rnd_range(-4, 0) : rnd_range(-14, 0);
#else
            g_shift[o] = int16_out ? rnd_range(-4, -2) : rnd_range(-14, -2);
#endif
        } else if (form & DSL_STAGE_WIDE) {
            g_shift[o] = rnd_range(-1, 0);
        } else { /* general: any of the forms per channel, saturating left shifts, multiplier 0 */
            g_shift[o] = rnd_range(-14, 1);
            if ((rnd() % 8u) == 0) g_shift[o] = rnd_range(2, 30);
            if ((rnd() % 10u) == 0) g_mult[o] = 0;
        }
    }
    s->bias = g_bias;
    s->multiplier = g_mult;
    s->shift = g_shift;
    if (int16_out) {
        s->out_zero_point = rnd_range(-100, 100);
        s->act_min = (form & DSL_STAGE_INT16_RANGE) || (rnd() & 1u) ? -32768 : rnd_range(-32768, 0);
        s->act_max = (form & DSL_STAGE_INT16_RANGE) || (rnd() & 1u) ? 32767 : rnd_range(0, 32767);
        s->lut = 0;
        return;
    }
    s->out_zero_point = rnd_range(-30, 30);
    if (form & DSL_STAGE_INT8_RANGE) {
        s->act_min = -128;
        s->act_max = 127;
    } else {
        s->act_min = rnd_range(-128, 0);
        s->act_max = rnd_range(0, 127);
    }
    for (o = 0; o < 256; o++) g_lut[o] = (int8_t)rnd_range(-128, 127);
    if (form & DSL_STAGE_LUT) {
        s->lut = g_lut;
    } else if (form & DSL_STAGE_NO_LUT) {
        s->lut = 0;
    } else {
        s->lut = (rnd() & 1u) ? g_lut : 0;
    }
}

static int32_t in_count(const dsl_conv1d_params_t *p, int32_t rows)
{
    return ((rows - 1) * p->stride + (p->kernel - 1) * p->dilation + 1) * p->in_channels;
}

static void check(const char *what, int32_t n, int32_t mismatch)
{
    if (mismatch < 0) {
        g_passed++;
        return;
    }
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(what);
    tp_puts(": output ");
    put_int(mismatch);
    tp_puts(" of ");
    put_int(n);
    tp_puts("\n");
}

/* kind 0: s8 -> s8, 1: s16 -> s8, 2: s8 -> s16. One random trial of the instance `step`. */
typedef void (*step_s8_t)(const dsl_conv1d_params_t *p, const int8_t *in, int8_t *out);
typedef void (*step_s16_s8_t)(const dsl_conv1d_params_t *p, const int16_t *in, int8_t *out);
typedef void (*step_s8_s16_t)(const dsl_conv1d_params_t *p, const int8_t *in, int16_t *out);

static void trial(const char *what, int32_t kind, const void *step, int32_t rows, int32_t cin, int32_t cout,
                  int32_t kernel, int32_t stride, int32_t dilation, int32_t groups, dsl_stage_form_t form)
{
    dsl_conv1d_params_t p;
    int32_t i, n, bad = -1;
    p.in_channels = cin;
    p.out_channels = cout;
    p.kernel = kernel;
    p.stride = stride;
    p.dilation = dilation;
    p.groups = groups;
    p.weights = g_w;
    for (i = 0; i < cout * kernel * (cin / groups); i++) g_w[i] = (int8_t)rnd_range(-128, 127);
    make_stage(&p, form, kind == 2);
    n = rows * cout;
    if (kind == 1) {
        for (i = 0; i < in_count(&p, rows); i++) g_in16[i] = (int16_t)rnd_range(-32768, 32767);
        dsl_conv1d_s16_s8(&p, g_in16, rows, g_out8_a);
        for (i = 0; i < n + 8; i++) g_out8_b[i] = 0x5A;
        ((step_s16_s8_t)(uintptr_t)step)(&p, g_in16, g_out8_b);
    } else {
        for (i = 0; i < in_count(&p, rows); i++) g_in8[i] = (int8_t)rnd_range(-128, 127);
        if (kind == 0) {
            dsl_conv1d_s8(&p, g_in8, rows, g_out8_a);
            for (i = 0; i < n + 8; i++) g_out8_b[i] = 0x5A;
            ((step_s8_t)(uintptr_t)step)(&p, g_in8, g_out8_b);
        } else {
            dsl_conv1d_s8_s16(&p, g_in8, rows, g_out16_a);
            for (i = 0; i < n + 8; i++) g_out16_b[i] = 0x5A5A;
            ((step_s8_s16_t)(uintptr_t)step)(&p, g_in8, g_out16_b);
        }
    }
    for (i = 0; i < n && bad < 0; i++) {
        if (kind == 2 ? g_out16_a[i] != g_out16_b[i] : g_out8_a[i] != g_out8_b[i]) bad = i;
    }
    /* nothing written past the output */
    for (i = n; i < n + 8 && bad < 0; i++) {
        if (kind == 2 ? g_out16_b[i] != 0x5A5A : g_out8_b[i] != 0x5A) bad = i;
    }
    check(what, n, bad);
}

/* the instances: name, kind, rows, in, out, kernel, stride, dilation, groups, form */
#define SC DSL_STAGE_SHORTCUT
#define WIDE DSL_STAGE_WIDE
#define LUT DSL_STAGE_LUT
#define NOLUT DSL_STAGE_NO_LUT
#define R8 DSL_STAGE_INT8_RANGE
#define R16 DSL_STAGE_INT16_RANGE
#define STEPS(X)                                                   \
    X(s8_a, 0, 5, 4, 8, 8, 4, 1, 1, SC | LUT | R8)                 \
    X(s8_b, 0, 3, 8, 7, 10, 5, 1, 1, SC | NOLUT)                   \
    X(s8_c, 0, 1, 24, 16, 3, 1, 1, 1, SC | NOLUT | R8)             \
    X(s8_d, 0, 6, 5, 5, 3, 1, 3, 1, SC | LUT)                      \
    X(s8_e, 0, 7, 3, 1, 5, 2, 1, 1, SC | LUT | R8)                 \
    X(s8_f, 0, 5, 6, 2, 3, 1, 2, 1, SC | NOLUT)                    \
    X(s8_g, 0, 4, 17, 3, 2, 3, 1, 1, NOLUT)                        \
    X(s8_h, 0, 2, 33, 9, 1, 1, 1, 1, LUT | R8)                     \
    X(s8_i, 0, 3, 6, 6, 3, 1, 2, 3, SC | LUT)                      \
    X(s8_j, 0, 4, 5, 5, 4, 2, 1, 5, SC | NOLUT | R8)               \
    X(s8_k, 0, 9, 2, 2, 4, 2, 1, 1, DSL_STAGE_GENERAL)             \
    X(s8_l, 0, 1, 40, 1, 3, 1, 3, 1, SC | NOLUT | R8)              \
    X(s8_m, 0, 4, 8, 8, 3, 2, 3, 8, LUT)                           \
    X(s8_n, 0, 3, 3, 3, 5, 1, 1, 3, SC | NOLUT)                    \
    X(s8_o, 0, 3, 8, 8, 3, 2, 1, 2, SC | LUT | R8)                 \
    X(s8_p, 0, 4, 6, 10, 2, 1, 2, 2, NOLUT)                        \
    X(s8_q, 0, 9, 2, 4, 2, 1, 1, 1, SC | LUT | R8)                 \
    X(s8_r, 0, 7, 1, 5, 3, 2, 1, 1, SC | NOLUT)                    \
    X(s8_s, 0, 6, 2, 7, 2, 3, 2, 1, DSL_STAGE_GENERAL)             \
    X(s8_t, 0, 5, 4, 3, 1, 1, 1, 1, SC | LUT)                      \
    X(s8_u, 0, 3, 1, 8, 1, 1, 1, 1, SC | NOLUT | R8)               \
    X(s8_v, 0, 5, 4, 8, 2, 1, 1, 1, SC | LUT | R8)                 \
    X(s8_w, 0, 4, 12, 5, 2, 2, 1, 1, SC | NOLUT)                   \
    X(s8_x, 0, 6, 10, 3, 2, 1, 1, 1, NOLUT)                        \
    X(s8_y, 0, 7, 4, 2, 2, 1, 1, 1, SC | NOLUT | R8)               \
    X(s8_z, 0, 9, 2, 1, 2, 1, 1, 1, SC | LUT)                      \
    X(s8_aa, 0, 5, 4, 6, 3, 1, 2, 1, SC | NOLUT)                   \
    X(s8_ab, 0, 3, 8, 2, 3, 1, 3, 1, SC | LUT)                     \
    X(s16_a, 1, 9, 1, 4, 4, 2, 1, 1, SC | LUT | R8)                \
    X(s16_b, 1, 5, 1, 6, 9, 3, 1, 1, SC | NOLUT)                   \
    X(s16_c, 1, 7, 2, 1, 5, 1, 1, 1, SC | NOLUT | R8)              \
    X(s16_d, 1, 3, 3, 2, 3, 2, 2, 1, LUT)                          \
    X(s16_e, 1, 4, 4, 4, 2, 1, 1, 2, SC | LUT | R8)                \
    X(s16_f, 1, 5, 6, 6, 3, 1, 2, 6, SC | NOLUT)                   \
    X(s16_g, 1, 3, 4, 12, 3, 2, 1, 2, SC | LUT)                    \
    X(s16_h, 1, 6, 1, 9, 3, 1, 1, 1, SC | NOLUT | R8)              \
    X(s16_i, 1, 5, 2, 3, 2, 3, 1, 1, DSL_STAGE_GENERAL)            \
    X(s16_j, 1, 5, 3, 5, 4, 2, 1, 1, SC | NOLUT | R8)              \
    X(s16_k, 1, 7, 1, 1, 4, 1, 1, 1, SC | LUT)                     \
    X(s16_l, 1, 4, 6, 2, 2, 1, 1, 1, SC | LUT)                     \
    X(s16o_a, 2, 9, 2, 1, 5, 1, 1, 1, WIDE)                        \
    X(s16o_b, 2, 6, 8, 1, 7, 1, 1, 1, SC)                          \
    X(s16o_c, 2, 5, 3, 2, 3, 1, 2, 1, WIDE)                        \
    X(s16o_d, 2, 3, 5, 3, 2, 2, 1, 1, DSL_STAGE_GENERAL)           \
    X(s16o_e, 2, 2, 20, 5, 3, 1, 1, 1, WIDE)                       \
    X(s16o_f, 2, 7, 2, 6, 2, 1, 1, 1, WIDE)                        \
    X(s16o_g, 2, 5, 1, 3, 4, 1, 1, 1, SC | R16)                    \
    X(s16o_h, 2, 9, 2, 1, 2, 1, 1, 1, SC | R16)                    \
    X(s16o_i, 2, 6, 8, 1, 1, 1, 1, 1, WIDE)

/* per kind: the body and its element types */
#define BODY_0 mve_s8_body
#define BODY_1 mve_s16_s8_body
#define BODY_2 mve_s8_s16_body
#define IN_0 int8_t
#define IN_1 int16_t
#define IN_2 int8_t
#define OUT_0 int8_t
#define OUT_1 int8_t
#define OUT_2 int16_t

/* one instance: a step function with the shape and form as constants, as dslc emits it */
#define DEFINE_STEP(name, kind, rows, cin, cout, k, s, d, g, form)                        \
    DSL_HOT static void name(const dsl_conv1d_params_t *p, const IN_##kind *in, OUT_##kind *out) \
    {                                                                                     \
        BODY_##kind(p, in, rows, out, cin, cout, k, s, d, g, form);                       \
    }
STEPS(DEFINE_STEP)

#define RUN_STEP(name, kind, rows, cin, cout, k, s, d, g, form)                           \
    for (t = 0; t < trials; t++) trial(#name, kind, (const void *)(uintptr_t)name, rows, cin, cout, k, s, d, g, form);

int main(void)
{
    const int32_t trials = 12;
    int32_t t;
    STEPS(RUN_STEP)
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
