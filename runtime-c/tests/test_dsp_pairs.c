/*
 * test_dsp_pairs.c - the DSP convolution on weights in the "pairs4" layout (dsl_kernel_dsp_pairs.h,
 * dsl_conv1d_dsp_pairs_body.h) against the portable dsl_conv1d_s8 / dsl_conv1d_s8_s16 on random shapes
 * with groups 1: channel counts not multiples of 4, window lengths not multiples of 4, stride, dilation,
 * one-row layers, zero points, clamps, LUT, int16 output; with run-time shapes (the asm loop on the
 * target) and constant ones (the inline block a generated step uses). The input ends at the end of its
 * buffer, so a read past a window shows under AddressSanitizer.
 * Host: built with tests/shim (C emulation of SXTB16 / SMLAD); target: Cortex-M4/M7/M33.
 * Prints "N passed, M failed".
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"
#include "dsl_kernel_dsp_pairs.h"
#include "dsl_stage_dsp.h"
#include "test_platform.h"
#define TEST_RNG_SEED 0x2468ACE1u
#include "test_check.h"
#include "test_stage_form.h"

#define DSL_CONV1D_BODY pairs_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_DOT(f) dsl_dsp_##f
#include "dsl_conv1d_dsp_pairs_body.h"

#define DSL_CONV1D_BODY pairs_s8_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_DOT(f) dsl_dsp_##f
#include "dsl_conv1d_dsp_pairs_body.h"

#define MAX_CIN 200
#define MAX_COUT 40
#define MAX_K 5
#define MAX_IN (((6 - 1) * 3 + (MAX_K - 1) * 4 + 1) * MAX_CIN)
#define MAX_WORDS (((MAX_COUT + 3) / 4) * (20 + MAX_K * ((MAX_CIN + 3) / 4) * 8))

static int8_t g_in[MAX_IN];
static int8_t g_w[MAX_COUT * MAX_K * MAX_CIN];
static int32_t g_words[MAX_WORDS];
static int32_t g_bias[MAX_COUT], g_mult[MAX_COUT], g_shift[MAX_COUT];
static int8_t g_lut[256];
static int8_t g_out8_a[6 * MAX_COUT], g_out8_b[6 * MAX_COUT];
static int16_t g_out16_a[6 * MAX_COUT], g_out16_b[6 * MAX_COUT];
static void check(int ok, const char *what, int32_t iteration)
{
    if (ok) {
        g_passed++;
        return;
    }
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(what);
    tp_puts(" iteration ");
    put_int((uint32_t)iteration);
    tp_puts("\n");
}

/* the layout as dsl_kernel_dsp_pairs.h describes it, from weights [out][kernel][in] and the stage prepared for
   form (the block headers) */
static void make_pairs4(const int8_t *w, int32_t cin, int32_t cout, int32_t kernel, int32_t dilation,
                        const dsl_output_stage_t *s, dsl_stage_form_t form, int32_t *words)
{
    const int32_t windows = dilation == 1 ? 1 : kernel, win = dilation == 1 ? kernel * cin : cin;
    const int32_t groups4 = (win + 3) / 4;
    int32_t b, j, g, c, *out = words;
    for (b = 0; b < (cout + 3) / 4; b++) {
        for (c = 0; c < 4; c++) {
            const int32_t o = 4 * b + c;
            int32_t *rec = out + 4 + 4 * c;
            out[c] = o < cout ? s->bias[o] : 0;
            rec[0] = rec[1] = rec[2] = rec[3] = 0;
            if (o < cout) {
                const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
                rec[0] = q.multiplier;
                rec[1] = q.shift;
                rec[2] = q.round;
                rec[3] = q.right;
            }
        }
        out += DSL_DSP_PAIRS4_HEADER_WORDS;
        for (j = 0; j < windows; j++)
            for (g = 0; g < groups4; g++)
                for (c = 0; c < 4; c++) {
                    int32_t e[4], k;
                    for (k = 0; k < 4; k++) {
                        const int32_t o = 4 * b + c, i = 4 * g + k;
                        e[k] = o < cout && i < win ? w[o * kernel * cin + j * cin + i] : 0;
                    }
                    *out++ = (int32_t)(((uint32_t)e[0] & 0xFFFFu) | ((uint32_t)e[2] << 16));
                    *out++ = (int32_t)(((uint32_t)e[1] & 0xFFFFu) | ((uint32_t)e[3] << 16));
                }
    }
}

static void make_stage(dsl_output_stage_t *s, int32_t cout, int32_t s16_out)
{
    const int32_t s16_wide = rnd() & 1u; /* else every int16 channel takes the shortcut */
    int32_t o;
    for (o = 0; o < cout; o++) {
        g_bias[o] = rnd_range(-3000, 3000);
        g_mult[o] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        g_shift[o] = s16_out ? rnd_range(-10, s16_wide ? 0 : -2) : rnd_range(-16, -6);
    }
    for (o = 0; o < 256; o++) g_lut[o] = (int8_t)rnd_range(-128, 127);
    s->bias = g_bias;
    s->multiplier = g_mult;
    s->shift = g_shift;
    s->out_zero_point = (rnd() % 5u) == 0 ? 0 : rnd_range(-20, 20);
    s->act_min = s16_out ? -32768 : ((rnd() & 1u) ? -128 : rnd_range(-128, 0));
    s->act_max = s16_out ? ((rnd() & 3u) ? 32767 : rnd_range(0, 32767)) : 127;
    s->lut = !s16_out && (rnd() % 3u) == 0 ? g_lut : 0;
}


/* random weights, input at the end of g_in, stage; returns the input pointer */
static const int8_t *setup(dsl_conv1d_params_t *p, int32_t out_rows, int32_t s16_out)
{
    const int32_t in_rows = (out_rows - 1) * p->stride + (p->kernel - 1) * p->dilation + 1;
    const int32_t n_in = in_rows * p->in_channels;
    int32_t i;
    int8_t *in = g_in + MAX_IN - n_in;
    for (i = 0; i < n_in; i++) in[i] = (int8_t)rnd_range(-128, 127);
    for (i = 0; i < p->out_channels * p->kernel * p->in_channels; i++) g_w[i] = (int8_t)rnd_range(-128, 127);
    p->groups = 1;
    p->weights = g_w;
    make_stage(&p->stage, p->out_channels, s16_out);
    return in;
}

/* a run-time shape: pairs layout vs portable kernel */
static void compare(dsl_conv1d_params_t *p, int32_t out_rows, int32_t s16_out, int32_t it)
{
    const int8_t *in = setup(p, out_rows, s16_out);
    dsl_conv1d_params_t q = *p;
    const int32_t n = out_rows * p->out_channels;
    int32_t i, same = 1;
    const dsl_stage_form_t forms[2] = {DSL_STAGE_GENERAL, stage_form(&p->stage, p->out_channels, s16_out)};
    int32_t f;
    q.weights = (const int8_t *)(const void *)g_words;
    for (f = 0; f < 2; f++) {
        make_pairs4(g_w, p->in_channels, p->out_channels, p->kernel, p->dilation, &p->stage, forms[f], g_words);
        same = 1;
        if (s16_out) {
            dsl_conv1d_s8_s16(p, in, out_rows, g_out16_a);
            pairs_s8_s16_body(&q, in, out_rows, g_out16_b, p->in_channels, p->out_channels, p->kernel, p->stride,
                              p->dilation, 1, forms[f]);
            for (i = 0; i < n; i++) same &= g_out16_a[i] == g_out16_b[i];
            check(same, f ? "pairs4 conv1d_s8_s16 (stage form) vs portable" : "pairs4 conv1d_s8_s16 vs portable", it);
        } else {
            dsl_conv1d_s8(p, in, out_rows, g_out8_a);
            pairs_s8_body(&q, in, out_rows, g_out8_b, p->in_channels, p->out_channels, p->kernel, p->stride,
                          p->dilation, 1, forms[f]);
            for (i = 0; i < n; i++) same &= g_out8_a[i] == g_out8_b[i];
            check(same, f ? "pairs4 conv1d_s8 (stage form) vs portable" : "pairs4 conv1d_s8 vs portable", it);
        }
    }
}

/* constant shapes (as a generated step passes them): {cin, cout, kernel, stride, dilation, rows, int16 out}:
   windows of 3, 7, 12 and 16 inputs (short), 24, 48 and 64 (the unrolled blocks of layers with many rows), 50
   and 61 (a tail of 2 and 1 inputs after them), 65 (just past the unrolled ones: the loop), 1 to 16 channels;
   int16 outputs with one channel (the last layer) and one row */
#define N_CONSTANT 14
static const int32_t g_shapes[N_CONSTANT][7] = {
    {3, 5, 1, 1, 1, 2, 0},   {7, 6, 1, 1, 1, 3, 0},  {4, 1, 3, 2, 1, 1, 0},  {4, 3, 3, 1, 2, 2, 0},
    {12, 16, 2, 1, 1, 6, 0}, {24, 7, 2, 1, 1, 5, 0}, {32, 4, 2, 2, 1, 6, 0}, {25, 6, 2, 1, 1, 4, 0},
    {61, 5, 1, 1, 1, 3, 0},  {13, 9, 5, 1, 1, 6, 0}, {16, 5, 3, 1, 2, 6, 0}, {2, 1, 5, 1, 1, 6, 1},
    {8, 1, 7, 1, 1, 5, 1},   {5, 6, 3, 2, 2, 1, 1}};

/* the forms of the shipped model's pairs4 layers, as constants (the form is a constant in a generated step) */
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
#define FORM_ZP 0
#else
#define FORM_ZP DSL_STAGE_ZP_IN_ROUND
#endif
#define FORM_LUT (DSL_STAGE_SHORTCUT | DSL_STAGE_LUT | DSL_STAGE_INT8_RANGE | FORM_ZP)
#define FORM_NO_LUT (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE | FORM_ZP)
#define FORM_S16 (DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE | FORM_ZP)

/* shape n with the form as a constant when it is one of the above, else as a run-time value */
#define PAIRS4_RUN(body, out, n, form)                                                                                \
    body(q, in, g_shapes[n][5], out, g_shapes[n][0], g_shapes[n][1], g_shapes[n][2], g_shapes[n][3],               \
         g_shapes[n][4], 1, form)
#define PAIRS4_CASE(n)                                                                                               \
    case n:                                                                                                          \
        if (g_shapes[n][6]) {                                                                                        \
            if (form == FORM_S16)                                                                                    \
                PAIRS4_RUN(pairs_s8_s16_body, g_out16_b, n, FORM_S16);                                               \
            else                                                                                                     \
                PAIRS4_RUN(pairs_s8_s16_body, g_out16_b, n, form);                                                   \
        } else if (form == FORM_LUT) {                                                                               \
            PAIRS4_RUN(pairs_s8_body, g_out8_b, n, FORM_LUT);                                                        \
        } else if (form == FORM_NO_LUT) {                                                                            \
            PAIRS4_RUN(pairs_s8_body, g_out8_b, n, FORM_NO_LUT);                                                     \
        } else {                                                                                                     \
            PAIRS4_RUN(pairs_s8_body, g_out8_b, n, form);                                                            \
        }                                                                                                            \
        break;

/* compiled for speed at every level, as generated steps are (DSL_HOT): at -O0 its 42 inlined bodies would
   outgrow a Thumb conditional branch */
DSL_HOT static void run_constant(int32_t k, const dsl_conv1d_params_t *q, const int8_t *in, dsl_stage_form_t form)
{
    switch (k) {
        PAIRS4_CASE(0)
        PAIRS4_CASE(1)
        PAIRS4_CASE(2)
        PAIRS4_CASE(3)
        PAIRS4_CASE(4)
        PAIRS4_CASE(5)
        PAIRS4_CASE(6)
        PAIRS4_CASE(7)
        PAIRS4_CASE(8)
        PAIRS4_CASE(9)
        PAIRS4_CASE(10)
        PAIRS4_CASE(11)
        PAIRS4_CASE(12)
        PAIRS4_CASE(13)
    default: break;
    }
}

/* counts of the constant-form runs, so the test fails if the stage generator stops producing them */
static int32_t g_constant_form_runs;

static void compare_constant(int32_t it)
{
    int32_t k;
    for (k = 0; k < N_CONSTANT; k++) {
        dsl_conv1d_params_t p, q;
        const int32_t *sh = g_shapes[k];
        const int8_t *in;
        int32_t i, same = 1;
        dsl_stage_form_t form;
        p.in_channels = sh[0];
        p.out_channels = sh[1];
        p.kernel = sh[2];
        p.stride = sh[3];
        p.dilation = sh[4];
        in = setup(&p, sh[5], sh[6]);
        q = p;
        q.weights = (const int8_t *)(const void *)g_words;
        form = stage_form(&p.stage, p.out_channels, sh[6]);
        make_pairs4(g_w, p.in_channels, p.out_channels, p.kernel, p.dilation, &p.stage, form, g_words);
        g_constant_form_runs += form == FORM_LUT || form == FORM_NO_LUT || form == FORM_S16;
        run_constant(k, &q, in, form);
        if (sh[6]) {
            dsl_conv1d_s8_s16(&p, in, sh[5], g_out16_a);
            for (i = 0; i < sh[5] * sh[1]; i++) same &= g_out16_a[i] == g_out16_b[i];
        } else {
            dsl_conv1d_s8(&p, in, sh[5], g_out8_a);
            for (i = 0; i < sh[5] * sh[1]; i++) same &= g_out8_a[i] == g_out8_b[i];
        }
        check(same, "pairs4 constant shape vs portable", it * N_CONSTANT + k);
    }
}

int main(void)
{
    int32_t it;
    for (it = 0; it < 300; it++) {
        dsl_conv1d_params_t p;
        const int32_t big = it % 3 == 0;
        p.in_channels = big ? rnd_range(1, MAX_CIN) : rnd_range(1, 12);
        p.out_channels = big ? rnd_range(1, MAX_COUT) : rnd_range(1, 12);
        p.kernel = rnd_range(1, MAX_K);
        p.stride = (rnd() % 3u) == 0 ? rnd_range(2, 3) : 1;
        p.dilation = (rnd() % 3u) == 0 ? rnd_range(2, 4) : 1;
        compare(&p, (rnd() & 1u) ? 1 : rnd_range(1, 6), it % 4 == 1, it);
    }
    for (it = 0; it < 20; it++) compare_constant(it);
    check(g_constant_form_runs >= 20, "constant stage forms exercised", g_constant_form_runs);
    put_int((uint32_t)g_passed);
    tp_puts(" passed, ");
    put_int((uint32_t)g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
