/*
 * test_kernels.c - tests of the runtime kernels against hand-checked values and against
 * naive references written directly from the formulas in dsl_kernels.h.
 *
 * Builds on the host (stdio) and on QEMU boards (semihosting): no libc calls here.
 * With TEST_VARIANT defined ("dsp" or "mve"), the variant kernels are linked under the
 * names <kernel>_variant and compared with the portable ones on random data, and the
 * benchmark conv is timed for both (instruction counts when the platform has them).
 * Prints one line per failure and a final "N passed, M failed"; returns M != 0.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_requantize.h"
#include "dsl_kernel_internal.h"
#include "test_platform.h"
#include "test_tconv_layout.h"

#ifdef TEST_VARIANT
void dsl_conv1d_s8_variant(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int8_t *out);
void dsl_conv1d_s16_s8_variant(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out);
void dsl_conv1d_s8_s16_variant(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int16_t *out);
void dsl_conv_transpose1d_s8_variant(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows,
                                     int8_t *out);
#endif

/* ---------------------------------------------------------------- output */

static int g_passed, g_failed;

static void put_int(int64_t v)
{
    char buf[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char out[26];
    int k = 0;
    do {
        buf[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0);
    if (v < 0) out[k++] = '-';
    while (n > 0) out[k++] = buf[--n];
    out[k] = 0;
    tp_puts(out);
}

static void check(int ok, const char *what, int64_t a, int64_t b)
{
    if (ok) {
        g_passed++;
        return;
    }
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(what);
    tp_puts(": got ");
    put_int(a);
    tp_puts(", expected ");
    put_int(b);
    tp_puts("\n");
}

static void check_eq(const char *what, int64_t got, int64_t expected) { check(got == expected, what, got, expected); }

/* compare two int arrays, count one test (one definition per element type) */
#define DEFINE_CHECK_ARRAY(name, type)                                   \
    static void name(const char *what, const type *got, const type *expected, int32_t n) \
    {                                                                    \
        int32_t i;                                                       \
        for (i = 0; i < n; i++) {                                        \
            if (got[i] != expected[i]) {                                 \
                tp_puts("  at index ");                                  \
                put_int(i);                                              \
                tp_puts("\n");                                           \
                check(0, what, got[i], expected[i]);                     \
                return;                                                  \
            }                                                            \
        }                                                                \
        check(1, what, 0, 0);                                            \
    }
DEFINE_CHECK_ARRAY(check_s8, int8_t)
DEFINE_CHECK_ARRAY(check_s16, int16_t)

/* ---------------------------------------------------------------- random */

static uint32_t g_rng = 0x12345678u;

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

/* uniform in [lo, hi] */
static int32_t rnd_range(int32_t lo, int32_t hi) { return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1)); }

static void fill_rnd_s8(int8_t *p, int32_t n, int32_t lo, int32_t hi)
{
    int32_t i;
    for (i = 0; i < n; i++) p[i] = (int8_t)rnd_range(lo, hi);
}

static void fill_rnd_s16(int16_t *p, int32_t n, int32_t lo, int32_t hi)
{
    int32_t i;
    for (i = 0; i < n; i++) p[i] = (int16_t)rnd_range(lo, hi);
}

/* ---------------------------------------------------------------- buffers */

#define MAX_IN 8192
#define MAX_W 32768
#define MAX_OUT 4096
#define MAX_CH 96

static int8_t g_in8[MAX_IN];
static int16_t g_in16[MAX_IN];
static int8_t g_w[MAX_W];
static int8_t g_wt[MAX_W]; /* transposed conv: g_w laid out phase-major for the kernel */
static int8_t g_out8_a[MAX_OUT], g_out8_b[MAX_OUT];
#ifdef TEST_VARIANT
static int8_t g_out8_c[MAX_OUT];
#endif
static int16_t g_out16_a[MAX_OUT], g_out16_b[MAX_OUT];
static int32_t g_bias[4 * MAX_CH], g_mult[MAX_CH], g_shift[MAX_CH];
static int8_t g_lut[256];
static int64_t g_acc[MAX_OUT];

/* ---------------------------------------------------------------- references (from the header text) */

/* stage(): requantize, + out_zero_point (int32 add, wrapping like C#'s unchecked int), clamp, then lut[v + 128] */
static int32_t ref_stage(const dsl_output_stage_t *s, int32_t o, int64_t acc)
{
    int32_t v = (int32_t)((uint32_t)dsl_requantize((int32_t)acc, s->multiplier[o], s->shift[o]) + (uint32_t)s->out_zero_point);
    if (v < s->act_min) v = s->act_min;
    if (v > s->act_max) v = s->act_max;
    if (s->lut != 0) return s->lut[v + 128];
    return v;
}

/* out[t][o] = stage(bias[o] + sum_j sum_c w[o][j][c] * in[t*stride + j*dilation][g*cg + c]); in given as int16 */
static void ref_conv1d(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int32_t *out)
{
    const int32_t cg = p->in_channels / p->groups;
    const int32_t og = p->out_channels / p->groups;
    int32_t t, o, j, c;
    for (t = 0; t < out_rows; t++) {
        for (o = 0; o < p->out_channels; o++) {
            const int32_t g = o / og;
            int64_t acc = p->stage.bias[o];
            for (j = 0; j < p->kernel; j++) {
                for (c = 0; c < cg; c++) {
                    acc += (int64_t)p->weights[(o * p->kernel + j) * cg + c] *
                           in[(t * p->stride + j * p->dilation) * p->in_channels + g * cg + c];
                }
            }
            out[t * p->out_channels + o] = ref_stage(&p->stage, o, acc);
        }
    }
}

/* Transposed conv as a scatter (the header's formula read the other way round):
   input row i, tap j lands on output row n = i*stride + j*dilation - history*stride.
   w: the tap weights W[out][kernel][in] (p->weights, phase-major, is not read). */
static void ref_conv_transpose1d(const dsl_conv_transpose1d_params_t *p, const int8_t *w, const int8_t *in,
                                 int32_t in_rows, int32_t *out)
{
    const int32_t history = ((p->kernel - 1) * p->dilation) / p->stride;
    const int32_t out_rows = in_rows * p->stride;
    int32_t i, j, o, c, n;
    for (n = 0; n < out_rows; n++)
        for (o = 0; o < p->out_channels; o++)
            g_acc[n * p->out_channels + o] = p->stage.bias[(n % p->stride) * p->out_channels + o];
    for (i = 0; i < history + in_rows; i++) {
        for (j = 0; j < p->kernel; j++) {
            n = i * p->stride + j * p->dilation - history * p->stride;
            if (n < 0 || n >= out_rows) continue;
            for (o = 0; o < p->out_channels; o++) {
                int64_t s = 0;
                for (c = 0; c < p->in_channels; c++)
                    s += (int64_t)w[(o * p->kernel + j) * p->in_channels + c] * in[i * p->in_channels + c];
                g_acc[n * p->out_channels + o] += s;
            }
        }
    }
    for (n = 0; n < out_rows; n++)
        for (o = 0; o < p->out_channels; o++)
            out[n * p->out_channels + o] = ref_stage(&p->stage, o, g_acc[n * p->out_channels + o]);
}

static int32_t g_ref[MAX_OUT];

/* ---------------------------------------------------------------- requantize */

static void test_requantize(void)
{
    const int32_t half = 1 << 30; /* multiplier for a scale of 0.5 at shift 0 */
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    /* doubling high mul rounds the exact half up for positive products, toward zero for negative ones
       (gemmlowp nudge), the divide by 2^n rounds half away from zero */
    check_eq("dr 1*0.5", dsl_requantize(1, half, 0), 1);
    check_eq("dr -1*0.5", dsl_requantize(-1, half, 0), 0);
    check_eq("dr 3*0.5", dsl_requantize(3, half, 0), 2);
    check_eq("dr -3*0.5", dsl_requantize(-3, half, 0), -1);
    check_eq("dr 5*0.25 (double rounding up)", dsl_requantize(5, half, -1), 2);
    check_eq("dr -5*0.25", dsl_requantize(-5, half, -1), -1);
    check_eq("dr 6*0.25 (away from zero)", dsl_requantize(6, half, -1), 2);
    check_eq("dr -6*0.25 (away from zero)", dsl_requantize(-6, half, -1), -2);
    check_eq("dr -7*0.25", dsl_requantize(-7, half, -1), -2);
    check_eq("dr left shift", dsl_requantize(3, half, 2), 6);
    check_eq("dr saturate +", dsl_requantize(INT32_MAX, INT32_MAX, 30), INT32_MAX - 1); /* (2^31-1)^2 / 2^31 */
    check_eq("dr saturate -", dsl_requantize(INT32_MIN, INT32_MAX, 30), INT32_MIN + 1);
    check_eq("dr shift -31", dsl_requantize(INT32_MAX, INT32_MAX, -31), 1);
    check_eq("dr shift -31 neg", dsl_requantize(-INT32_MAX, INT32_MAX, -31), -1);
    check_eq("dr mult 0", dsl_requantize(123456, 0, 5), 0);
    check_eq("dr 1000*0.75/8", dsl_requantize(1000, 0x60000000, -3), 94); /* 93.75 */
    check_eq("dr -1000*0.75/8", dsl_requantize(-1000, 0x60000000, -3), -94);
#else
    /* (acc * M + 2^(30 - e)) >> (31 - e): round half toward +infinity */
    check_eq("sr 1*0.5", dsl_requantize(1, half, 0), 1);
    check_eq("sr -1*0.5", dsl_requantize(-1, half, 0), 0);
    check_eq("sr 3*0.5", dsl_requantize(3, half, 0), 2);
    check_eq("sr -3*0.5", dsl_requantize(-3, half, 0), -1);
    check_eq("sr 5*0.25", dsl_requantize(5, half, -1), 1);
    check_eq("sr -5*0.25", dsl_requantize(-5, half, -1), -1);
    check_eq("sr 6*0.25", dsl_requantize(6, half, -1), 2);
    check_eq("sr -6*0.25", dsl_requantize(-6, half, -1), -1);
    check_eq("sr -7*0.25", dsl_requantize(-7, half, -1), -2);
    check_eq("sr left shift", dsl_requantize(3, half, 2), 6);
    check_eq("sr saturate +", dsl_requantize(INT32_MAX, INT32_MAX, 30), INT32_MAX);
    check_eq("sr saturate -", dsl_requantize(INT32_MIN, INT32_MAX, 30), INT32_MIN);
    check_eq("sr shift -31", dsl_requantize(INT32_MAX, INT32_MAX, -31), 1);
    check_eq("sr shift -31 neg", dsl_requantize(-INT32_MAX, INT32_MAX, -31), -1);
    check_eq("sr mult 0", dsl_requantize(123456, 0, 5), 0);
    check_eq("sr 1000*0.75/8", dsl_requantize(1000, 0x60000000, -3), 94);
    check_eq("sr -1000*0.75/8", dsl_requantize(-1000, 0x60000000, -3), -94);
    {
        /* random: against q = floor(acc*M / 2^s), +1 when the remainder is at least half */
        int k, bad = 0;
        for (k = 0; k < 2000 && !bad; k++) {
            const int32_t acc = (int32_t)rnd();
            const int32_t m = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
            const int32_t e = rnd_range(-31, 0);
            const int64_t prod = (int64_t)acc * m;
            const int32_t s = 31 - e;
            int64_t q = prod / ((int64_t)1 << s);
            int64_t r = prod - q * ((int64_t)1 << s);
            if (r < 0) {
                q -= 1;
                r += (int64_t)1 << s;
            }
            if (r >= ((int64_t)1 << (s - 1))) q += 1;
            if (dsl_requantize(acc, m, e) != (int32_t)q) {
                bad = 1;
                check_eq("sr random", dsl_requantize(acc, m, e), q);
            }
        }
        if (!bad) check(1, "sr random", 0, 0);
    }
#endif
}

/* the kernels' per-channel shortcuts (dsl_requant_prepare/apply/apply_wide) against dsl_requantize, both rules */
static void test_requant_shortcut(void)
{
    static const int32_t edge_acc[7] = {INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX};
    int32_t k, bad = 0;
    for (k = 0; k < 20000 && !bad; k++) {
        const int32_t acc = (k % 5 == 0) ? edge_acc[rnd() % 7u] : (int32_t)rnd() >> rnd_range(0, 24);
        /* multipliers with few low bits make exact halves (where the rounding rules differ) */
        static const int32_t round_m[4] = {0x40000000, 0x60000000, 0x50000000, 0x70000000};
        const int32_t m = (k % 97 == 0) ? 0
                          : (k % 4 == 1) ? round_m[rnd() % 4u]
                                         : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        const int32_t e = (k % 3 == 0) ? rnd_range(-31, 30) : rnd_range(-20, 2);
        const dsl_requant_t q = dsl_requant_prepare(m, e);
        if (dsl_requant_apply_wide(&q, acc, DSL_STAGE_GENERAL) != dsl_requantize(acc, m, e)) {
            bad = 1;
            check_eq("requant wide shortcut vs dsl_requantize", dsl_requant_apply_wide(&q, acc, DSL_STAGE_GENERAL),
                     dsl_requantize(acc, m, e));
        }
        /* the forms dslc passes to a specialised step when every channel meets their condition (CStageForm) */
        if (q.right >= 0 && dsl_requant_apply_form(&q, acc, DSL_STAGE_SHORTCUT) != dsl_requantize(acc, m, e)) {
            bad = 1;
            check_eq("requant form SHORTCUT vs dsl_requantize", dsl_requant_apply_form(&q, acc, DSL_STAGE_SHORTCUT),
                     dsl_requantize(acc, m, e));
        }
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
        if ((e == -1 || e == 0) && m >= 0 && dsl_requant_apply_wide(&q, acc, DSL_STAGE_WIDE) != dsl_requantize(acc, m, e)) {
            bad = 1;
            check_eq("requant form WIDE vs dsl_requantize", dsl_requant_apply_wide(&q, acc, DSL_STAGE_WIDE),
                     dsl_requantize(acc, m, e));
        }
#endif
        if (dsl_requant_apply(&q, acc) != dsl_requantize(acc, m, e)) {
            bad = 1;
            tp_puts("  acc ");
            put_int(acc);
            tp_puts(" mult ");
            put_int(m);
            tp_puts(" shift ");
            put_int(e);
            tp_puts("\n");
            check_eq("requant shortcut vs dsl_requantize", dsl_requant_apply(&q, acc), dsl_requantize(acc, m, e));
        }
    }
    if (!bad) check(1, "requant shortcut vs dsl_requantize", 0, 0);
}

/* ---------------------------------------------------------------- random parameter sets */

/* bias_sets: 1, or stride for the transposed conv (bias per phase) */
static void make_stage(dsl_output_stage_t *s, int32_t channels, int32_t bias_sets, int32_t s16_out, int32_t shift_lo,
                       int32_t shift_hi)
{
    int32_t o;
    for (o = 0; o < channels * bias_sets; o++) g_bias[o] = rnd_range(-3000, 3000);
    for (o = 0; o < channels; o++) {
        g_mult[o] = (rnd() % 16u) == 0 ? 0 : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        g_shift[o] = rnd_range(shift_lo, shift_hi);
        if ((rnd() % 8u) == 0) g_shift[o] = rnd_range(-3, 1); /* around the requantize shortcut's edge */
        if ((rnd() % 8u) == 0) g_mult[o] = (int32_t)(0x40000000u + ((rnd() & 3u) << 28)); /* exact halves */
    }
    s->bias = g_bias;
    s->multiplier = g_mult;
    s->shift = g_shift;
    if (s16_out) {
        s->out_zero_point = rnd_range(-100, 100);
        s->act_min = (rnd() & 1u) ? -32768 : rnd_range(-32768, 0);
        s->act_max = (rnd() & 1u) ? 32767 : rnd_range(0, 32767);
        s->lut = 0;
    } else {
        s->out_zero_point = rnd_range(-20, 20);
        s->act_min = (rnd() & 1u) ? -128 : rnd_range(-128, 0);
        s->act_max = (rnd() & 1u) ? 127 : rnd_range(0, 127);
        fill_rnd_s8(g_lut, 256, -128, 127);
        s->lut = (rnd() % 3u) == 0 ? g_lut : 0;
    }
}

static int32_t pick_divisor(int32_t a, int32_t b)
{
    int32_t g, best = 1;
    for (g = 1; g <= a && g <= b; g++)
        if (a % g == 0 && b % g == 0 && (rnd() & 1u)) best = g;
    return best;
}

/* kind: 0 = s8 -> s8, 1 = s16 -> s8, 2 = s8 -> s16 */
static void random_conv(dsl_conv1d_params_t *p, int32_t *out_rows, int32_t *in_count, int32_t kind, int32_t big)
{
    int32_t in_rows;
    p->in_channels = big ? rnd_range(1, 72) : rnd_range(1, 12);
    p->out_channels = big ? rnd_range(1, 40) : rnd_range(1, 12);
    p->groups = (rnd() % 3u) == 0 ? pick_divisor(p->in_channels, p->out_channels) : 1;
    if ((rnd() % 6u) == 0) { /* depthwise */
        p->out_channels = p->in_channels;
        p->groups = p->in_channels;
    }
    p->kernel = rnd_range(1, 5);
    p->stride = (rnd() % 3u) == 0 ? rnd_range(2, 3) : 1;
    p->dilation = (rnd() % 3u) == 0 ? rnd_range(2, 4) : 1;
    *out_rows = rnd_range(1, 9);
    in_rows = (*out_rows - 1) * p->stride + (p->kernel - 1) * p->dilation + 1;
    *in_count = in_rows * p->in_channels;
    fill_rnd_s8(g_w, p->out_channels * p->kernel * (p->in_channels / p->groups), -128, 127);
    p->weights = g_w;
    if (kind == 1) {
        fill_rnd_s16(g_in16, *in_count, -32768, 32767);
        make_stage(&p->stage, p->out_channels, 1, 0, -24, -14);
    } else {
        fill_rnd_s8(g_in8, *in_count, -128, 127);
        make_stage(&p->stage, p->out_channels, 1, kind == 2, kind == 2 ? -10 : -16, kind == 2 ? -2 : -6);
    }
    if ((rnd() % 25u) == 0) g_shift[0] = 30; /* saturation */
}

static void test_conv_random(int32_t iterations)
{
    int32_t it, i;
    for (it = 0; it < iterations; it++) {
        dsl_conv1d_params_t p;
        int32_t out_rows, in_count, kind = it % 3;
        const int32_t n_out = 0;
        (void)n_out;
        random_conv(&p, &out_rows, &in_count, kind, it % 4 == 3);
        if (kind == 1) {
            ref_conv1d(&p, g_in16, out_rows, g_ref);
            dsl_conv1d_s16_s8(&p, g_in16, out_rows, g_out8_a);
            for (i = 0; i < out_rows * p.out_channels; i++) g_out8_b[i] = (int8_t)g_ref[i];
            check_s8("conv1d_s16_s8 random vs reference", g_out8_a, g_out8_b, out_rows * p.out_channels);
        } else {
            for (i = 0; i < in_count; i++) g_in16[i] = g_in8[i];
            ref_conv1d(&p, g_in16, out_rows, g_ref);
            if (kind == 0) {
                dsl_conv1d_s8(&p, g_in8, out_rows, g_out8_a);
                for (i = 0; i < out_rows * p.out_channels; i++) g_out8_b[i] = (int8_t)g_ref[i];
                check_s8("conv1d_s8 random vs reference", g_out8_a, g_out8_b, out_rows * p.out_channels);
            } else {
                dsl_conv1d_s8_s16(&p, g_in8, out_rows, g_out16_a);
                for (i = 0; i < out_rows * p.out_channels; i++) g_out16_b[i] = (int16_t)g_ref[i];
                check_s16("conv1d_s8_s16 random vs reference", g_out16_a, g_out16_b, out_rows * p.out_channels);
            }
        }
    }
}

static void random_tconv(dsl_conv_transpose1d_params_t *p, int32_t *in_rows, int32_t big)
{
    int32_t history;
    p->in_channels = big ? rnd_range(1, 72) : rnd_range(1, 10);
    p->out_channels = big ? rnd_range(1, 40) : rnd_range(1, 10);
    p->kernel = rnd_range(1, 8);
    p->stride = rnd_range(1, 4);
    p->dilation = (rnd() % 3u) == 0 ? rnd_range(2, 3) : 1;
    *in_rows = rnd_range(1, 6);
    history = ((p->kernel - 1) * p->dilation) / p->stride;
    fill_rnd_s8(g_in8, (history + *in_rows) * p->in_channels, -128, 127);
    fill_rnd_s8(g_w, p->out_channels * p->kernel * p->in_channels, -128, 127);
    relay_tconv_weights(p, g_w, g_wt);
    p->weights = g_wt;
    make_stage(&p->stage, p->out_channels, p->stride, 0, -16, -6);
}

static void test_tconv_random(int32_t iterations)
{
    int32_t it, i;
    for (it = 0; it < iterations; it++) {
        dsl_conv_transpose1d_params_t p;
        int32_t in_rows, n;
        random_tconv(&p, &in_rows, it % 4 == 3);
        n = in_rows * p.stride * p.out_channels;
        ref_conv_transpose1d(&p, g_w, g_in8, in_rows, g_ref);
        dsl_conv_transpose1d_s8(&p, g_in8, in_rows, g_out8_a);
        for (i = 0; i < n; i++) g_out8_b[i] = (int8_t)g_ref[i];
        check_s8("conv_transpose1d_s8 random vs reference", g_out8_a, g_out8_b, n);
    }
}

/* Transposed convs of fixed shapes that stress the phase decomposition (the random ones may
   miss some): each kernel variant against the scatter reference, random data. */
static void test_tconv_shapes(void)
{
    /* in, out, kernel, stride, dilation, in rows */
    static const int32_t shapes[][6] = {
        {16, 8, 16, 8, 1, 1},  {8, 4, 10, 5, 1, 8},  {4, 2, 8, 4, 1, 40}, {2, 2, 4, 2, 1, 160}, /* shipped, light */
        {40, 24, 16, 8, 1, 1}, {64, 24, 10, 5, 1, 3}, {24, 12, 8, 4, 1, 9}, {12, 8, 4, 2, 1, 17}, /* heavy-like */
        {3, 5, 5, 2, 1, 4},    {5, 3, 7, 3, 1, 5},   {1, 1, 2, 3, 1, 3},  {7, 1, 1, 4, 1, 2},   /* k % s != 0, k < s */
        {6, 3, 3, 2, 2, 5},    {3, 4, 4, 2, 3, 4},   {5, 5, 5, 4, 2, 3},  {2, 3, 3, 3, 3, 6},   /* dilation */
        {9, 7, 7, 3, 2, 1},    {17, 9, 6, 4, 3, 2},  {33, 3, 3, 1, 2, 3}, {1, 9, 9, 2, 1, 1},
    };
    int32_t k, i;
    for (k = 0; k < (int32_t)(sizeof shapes / sizeof shapes[0]); k++) {
        dsl_conv_transpose1d_params_t p;
        int32_t in_rows, n, history;
        p.in_channels = shapes[k][0];
        p.out_channels = shapes[k][1];
        p.kernel = shapes[k][2];
        p.stride = shapes[k][3];
        p.dilation = shapes[k][4];
        in_rows = shapes[k][5];
        history = ((p.kernel - 1) * p.dilation) / p.stride;
        n = in_rows * p.stride * p.out_channels;
        fill_rnd_s8(g_in8, (history + in_rows) * p.in_channels, -128, 127);
        fill_rnd_s8(g_w, p.out_channels * p.kernel * p.in_channels, -128, 127);
        relay_tconv_weights(&p, g_w, g_wt);
        p.weights = g_wt;
        make_stage(&p.stage, p.out_channels, p.stride, 0, -16, -6);
        ref_conv_transpose1d(&p, g_w, g_in8, in_rows, g_ref);
        for (i = 0; i < n; i++) g_out8_b[i] = (int8_t)g_ref[i];
        dsl_conv_transpose1d_s8(&p, g_in8, in_rows, g_out8_a);
        check_s8("conv_transpose1d_s8 shape vs reference", g_out8_a, g_out8_b, n);
#ifdef TEST_VARIANT
        dsl_conv_transpose1d_s8_variant(&p, g_in8, in_rows, g_out8_a);
        check_s8("conv_transpose1d_s8 " TEST_VARIANT " shape vs reference", g_out8_a, g_out8_b, n);
#endif
    }
}

/* ---------------------------------------------------------------- hand-checked convolutions */

static const int32_t k_one_mult[4] = {0x40000000, 0x40000000, 0x40000000, 0x40000000}; /* 0.5 * 2^1 = 1.0 */
static const int32_t k_one_shift[4] = {1, 1, 1, 1};
static const int32_t k_zero_bias[4] = {0, 0, 0, 0};

static void identity_stage(dsl_output_stage_t *s)
{
    s->bias = k_zero_bias;
    s->multiplier = k_one_mult;
    s->shift = k_one_shift;
    s->out_zero_point = 0;
    s->act_min = -128;
    s->act_max = 127;
    s->lut = 0;
}

static void test_conv_hand(void)
{
    dsl_conv1d_params_t p;
    /* 1 in, 1 out, k=3, weights [1, -2, 3]: y[t] = x[t] - 2 x[t+1] + 3 x[t+2] */
    static const int8_t w3[3] = {1, -2, 3};
    static const int8_t x[6] = {1, 2, 3, 4, -5, 10};
    int8_t y[4];
    identity_stage(&p.stage);
    p.in_channels = 1;
    p.out_channels = 1;
    p.kernel = 3;
    p.stride = 1;
    p.dilation = 1;
    p.groups = 1;
    p.weights = w3;
    dsl_conv1d_s8(&p, x, 4, y);
    check_eq("conv hand y0", y[0], 1 - 4 + 9);
    check_eq("conv hand y1", y[1], 2 - 6 + 12);
    check_eq("conv hand y2", y[2], 3 - 8 - 15);
    check_eq("conv hand y3", y[3], 4 + 10 + 30);
    /* stride 2, dilation 2: y[t] = x[2t] - 2 x[2t+2] + 3 x[2t+4]; only t = 0 fits in 6 rows with k=3 d=2 -> in 5 rows */
    p.stride = 2;
    p.dilation = 2;
    dsl_conv1d_s8(&p, x, 1, y);
    check_eq("conv hand stride/dilation", y[0], 1 - 6 - 15);
    /* saturation and zero point: weights*100 ... */
    {
        static const int8_t wbig[3] = {127, 127, 127};
        static const int8_t xbig[3] = {127, 127, 127};
        int16_t y16[1];
        p.stride = 1;
        p.dilation = 1;
        p.weights = wbig;
        dsl_conv1d_s8(&p, xbig, 1, y);
        check_eq("conv hand saturate s8", y[0], 127);
        p.stage.act_min = -32768;
        p.stage.act_max = 32767;
        p.stage.out_zero_point = -20000;
        dsl_conv1d_s8_s16(&p, xbig, 1, y16);
        check_eq("conv hand s16 out", y16[0], 3 * 127 * 127 - 20000);
        p.stage.act_max = 1000;
        dsl_conv1d_s8_s16(&p, xbig, 1, y16);
        check_eq("conv hand s16 clamp", y16[0], 1000);
    }
    /* groups = 2: 2 in, 4 out, k=1: out0,out1 see in0; out2,out3 see in1. Fused ReLU and zero point 5. */
    {
        static const int8_t wg[4] = {2, -3, 4, 1};
        static const int8_t xg[4] = {10, 20, -1, 7}; /* two rows */
        int8_t yg[8];
        identity_stage(&p.stage);
        p.stage.out_zero_point = 5;
        p.stage.act_min = 5; /* ReLU at zero point 5 */
        p.in_channels = 2;
        p.out_channels = 4;
        p.kernel = 1;
        p.groups = 2;
        p.weights = wg;
        dsl_conv1d_s8(&p, xg, 2, yg);
        check_eq("conv groups r0o0", yg[0], 25);
        check_eq("conv groups r0o1", yg[1], 5); /* -30 + 5 clamped to 5 */
        check_eq("conv groups r0o2", yg[2], 85);
        check_eq("conv groups r0o3", yg[3], 25);
        check_eq("conv groups r1o0", yg[4], 5); /* -2 + 5 = 3 -> 5 */
        check_eq("conv groups r1o1", yg[5], 8);
        check_eq("conv groups r1o2", yg[6], 33);
        check_eq("conv groups r1o3", yg[7], 12);
    }
    /* LUT applied last, index v + 128 */
    {
        static const int8_t w1[1] = {1};
        static const int8_t x1[2] = {-128, 3};
        int8_t l[256], y1[2];
        int32_t i;
        for (i = 0; i < 256; i++) l[i] = (int8_t)(127 - i); /* l[v + 128] = -1 - v */
        identity_stage(&p.stage);
        p.stage.lut = l;
        p.in_channels = 1;
        p.out_channels = 1;
        p.groups = 1;
        p.weights = w1;
        dsl_conv1d_s8(&p, x1, 2, y1);
        check_eq("conv lut -128", y1[0], 127);
        check_eq("conv lut 3", y1[1], -4);
    }
    /* int16 input: 1000 * 3 - 2000 * 2, bias 7, scale 1 */
    {
        static const int8_t w2[2] = {3, -2};
        static const int16_t x16[2] = {1000, 2000};
        static const int32_t b7[1] = {7};
        int8_t y1[1];
        identity_stage(&p.stage);
        p.stage.bias = b7;
        p.stage.multiplier = k_one_mult;
        p.stage.shift = k_one_shift;
        p.kernel = 2;
        p.weights = w2;
        p.stage.shift = k_one_shift;
        {
            static const int32_t sh[1] = {-4}; /* 0.5 * 2^-4 = 1/32: (3000 - 4000 + 7)/32 = -31.03 -> -31 */
            p.stage.shift = sh;
            dsl_conv1d_s16_s8(&p, x16, 1, y1);
            check_eq("conv s16 in", y1[0], -31);
        }
    }
}

static void test_tconv_hand(void)
{
    /* stride 2, kernel 4, 1 channel: history = 3 / 2 = 1 row; out[n] = sum over i*2 + j == n + 2 of w[j] in[i];
       tap weights w[j] = {1, 2, 3, 4}, phase-major: phase 0 taps j = 2, 0; phase 1 taps j = 3, 1 */
    static const int8_t w[4] = {3, 1, 4, 2};
    /* stride 3, kernel 2: phase 0 tap j = 0, phase 1 tap j = 1, phase 2 none */
    static const int8_t w_s3[2] = {1, 2};
    static const int8_t x[3] = {10, 1, -1}; /* history row 10, new rows 1, -1 */
    int8_t y[4];
    dsl_conv_transpose1d_params_t p;
    identity_stage(&p.stage);
    p.in_channels = 1;
    p.out_channels = 1;
    p.kernel = 4;
    p.stride = 2;
    p.dilation = 1;
    p.weights = w;
    dsl_conv_transpose1d_s8(&p, x, 2, y);
    /* n=0: m=2: (i=1,j=0) 1*1 + (i=0,j=2) 3*10 = 31 */
    check_eq("tconv hand n0", y[0], 31);
    /* n=1: m=3: (i=1,j=1) 2*1 + (i=0,j=3) 4*10 = 42 */
    check_eq("tconv hand n1", y[1], 42);
    /* n=2: m=4: (i=2,j=0) -1 + (i=1,j=2) 3 = 2 */
    check_eq("tconv hand n2", y[2], 2);
    /* n=3: m=5: (i=2,j=1) -2 + (i=1,j=3) 4 = 2 */
    check_eq("tconv hand n3", y[3], 2);
    /* stride 3, kernel 2: history = 0; taps never overlap, out = [w0 x0, w1 x0, 0, w0 x1, ...] (+bias) */
    p.kernel = 2;
    p.stride = 3;
    p.weights = w_s3;
    dsl_conv_transpose1d_s8(&p, x, 1, y);
    check_eq("tconv hand s3 n0", y[0], 10);
    check_eq("tconv hand s3 n1", y[1], 20);
    check_eq("tconv hand s3 n2 (no tap)", y[2], 0);
}

/* ---------------------------------------------------------------- elementwise */

static int32_t ref_add1(const dsl_add_params_t *p, int32_t a, int32_t b)
{
    const int32_t a2 = dsl_requantize((a - p->a_zero_point) * (1 << p->left_shift), p->a_multiplier, p->a_shift);
    const int32_t b2 = dsl_requantize((b - p->b_zero_point) * (1 << p->left_shift), p->b_multiplier, p->b_shift);
    int32_t v = dsl_requantize(a2 + b2, p->out_multiplier, p->out_shift) + p->out_zero_point;
    v = v < p->act_min ? p->act_min : (v > p->act_max ? p->act_max : v);
    return p->lut ? p->lut[v + 128] : v;
}

static void test_add(void)
{
    int32_t it, r, c;
    {
        /* hand: equal scales 0.5 each (left_shift 20, a/b mult 0.5, out mult 2^-20*2): out = a + b - zps */
        dsl_add_params_t p;
        static const int8_t a[2] = {10, -50};
        static const int8_t b[2] = {3, -100};
        int8_t o[2];
        p.a_zero_point = 2;
        p.b_zero_point = -1;
        p.left_shift = 20;
        p.a_multiplier = 0x40000000; /* 0.5 */
        p.a_shift = 0;
        p.b_multiplier = 0x40000000;
        p.b_shift = 0;
        p.out_multiplier = 0x40000000; /* 0.5 * 2^-18 = 2^-19 = 2 / 2^20 */
        p.out_shift = -18;
        p.out_zero_point = 1;
        p.act_min = -128;
        p.act_max = 127;
        p.lut = 0;
        dsl_add_s8(&p, a, b, 2, 1, 2, o);
        check_eq("add hand 0", o[0], (10 - 2) + (3 + 1) + 1);
        check_eq("add hand 1 (saturate)", o[1], -128);
    }
    for (it = 0; it < 600; it++) {
        /* dslc's parameters (left_shift 20, input shifts 0..-3) and, every fourth set, the edges of
           the kernel's lean form: left shifts 0..22 (the sum of two inputs stays in int32), input
           shifts down to -25 (the lean single-rule form needs left_shift + 1 + shift >= 0),
           multipliers with few low bits (exact halves, where the rounding rules differ), output
           shifts down to 0 */
        static const int32_t round_m[4] = {0x40000000, 0x60000000, 0x50000000, 0x70000000};
        dsl_add_params_t p;
        const int32_t rows = rnd_range(1, 6), ch = rnd_range(1, 40);
        const int32_t bcast = (int32_t)(rnd() & 1u);
        const int32_t edge = (it % 4) == 3;
        p.a_zero_point = rnd_range(-128, 127);
        p.b_zero_point = rnd_range(-128, 127);
        p.left_shift = edge ? rnd_range(0, 22) : 20;
        p.a_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        p.b_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        p.a_shift = edge ? rnd_range(-25, 0) : rnd_range(-3, 0);
        p.b_shift = edge ? rnd_range(-25, 0) : rnd_range(-3, 0);
        p.out_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        p.out_shift = edge ? rnd_range(-24, 0) : rnd_range(-20, -16);
        p.out_zero_point = rnd_range(-20, 20);
        p.act_min = (rnd() & 1u) ? -128 : rnd_range(-128, 0);
        p.act_max = (rnd() & 1u) ? 127 : rnd_range(0, 127);
        fill_rnd_s8(g_lut, 256, -128, 127);
        p.lut = (rnd() & 1u) ? g_lut : 0;
        fill_rnd_s8(g_in8, rows * ch, -128, 127);
        fill_rnd_s8(g_in8 + 4096, rows * ch, -128, 127);
        if (edge) { /* the extreme differences in - zp */
            g_in8[0] = p.a_zero_point >= 0 ? -128 : 127;
            g_in8[4096] = p.b_zero_point >= 0 ? -128 : 127;
        }
        dsl_add_s8(&p, g_in8, g_in8 + 4096, bcast ? 0 : ch, rows, ch, g_out8_a);
        for (r = 0; r < rows; r++)
            for (c = 0; c < ch; c++)
                g_out8_b[r * ch + c] = (int8_t)ref_add1(&p, g_in8[r * ch + c], g_in8[4096 + (bcast ? 0 : r * ch) + c]);
        check_s8(bcast ? "add random broadcast" : "add random", g_out8_a, g_out8_b, rows * ch);
    }
}

static void test_mul(void)
{
    int32_t it, r, c;
    {
        /* hand: (a - 1) * (b + 2) * 1/4, out zp -3 */
        dsl_mul_params_t p;
        static const int8_t a[3] = {5, -7, 127};
        static const int8_t b[1] = {2}; /* broadcast */
        int8_t o[3];
        p.a_zero_point = 1;
        p.b_zero_point = -2;
        p.multiplier = 0x40000000;
        p.shift = -1;
        p.out_zero_point = -3;
        p.act_min = -128;
        p.act_max = 100;
        p.lut = 0;
        dsl_mul_s8(&p, a, b, 0, 3, 1, o);
        check_eq("mul hand 0", o[0], 4 - 3);   /* 16/4 = 4 */
        check_eq("mul hand 1", o[1], -8 - 3);  /* -32/4 */
        check_eq("mul hand 2 clamp", o[2], 100); /* 504/4 - 3 = 123 -> 100 */
    }
    for (it = 0; it < 300; it++) {
        dsl_mul_params_t p;
        const int32_t rows = rnd_range(1, 6), ch = rnd_range(1, 40);
        const int32_t bcast = (int32_t)(rnd() & 1u);
        p.a_zero_point = rnd_range(-128, 127);
        p.b_zero_point = rnd_range(-128, 127);
        p.multiplier = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        p.shift = rnd_range(-12, -6);
        p.out_zero_point = rnd_range(-20, 20);
        p.act_min = (rnd() & 1u) ? -128 : rnd_range(-128, 0);
        p.act_max = (rnd() & 1u) ? 127 : rnd_range(0, 127);
        fill_rnd_s8(g_lut, 256, -128, 127);
        p.lut = (rnd() & 1u) ? g_lut : 0;
        fill_rnd_s8(g_in8, rows * ch, -128, 127);
        fill_rnd_s8(g_in8 + 4096, rows * ch, -128, 127);
        dsl_mul_s8(&p, g_in8, g_in8 + 4096, bcast ? 0 : ch, rows, ch, g_out8_a);
        for (r = 0; r < rows; r++) {
            for (c = 0; c < ch; c++) {
                const int32_t a = g_in8[r * ch + c], b = g_in8[4096 + (bcast ? 0 : r * ch) + c];
                int32_t v = dsl_requantize((a - p.a_zero_point) * (b - p.b_zero_point), p.multiplier, p.shift) +
                            p.out_zero_point;
                v = v < p.act_min ? p.act_min : (v > p.act_max ? p.act_max : v);
                g_out8_b[r * ch + c] = (int8_t)(p.lut ? p.lut[v + 128] : v);
            }
        }
        check_s8(bcast ? "mul random broadcast" : "mul random", g_out8_a, g_out8_b, rows * ch);
    }
}

static void test_lut_rescale_copy(void)
{
    int32_t i, it;
    /* lut */
    for (i = 0; i < 256; i++) g_lut[i] = (int8_t)(i ^ 0x5A);
    for (i = 0; i < 256; i++) g_in8[i] = (int8_t)(i - 128);
    dsl_lut_s8(g_lut, g_in8, 256, g_out8_a);
    for (i = 0; i < 256; i++) g_out8_b[i] = g_lut[g_in8[i] + 128];
    check_s8("lut all values", g_out8_a, g_out8_b, 256);
    check_eq("lut -128 -> lut[0]", g_out8_a[0], (int8_t)0x5A);

    /* rescale: hand */
    {
        dsl_rescale_params_t p;
        static const int8_t x[4] = {0, 10, -10, 127};
        int8_t y[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        p.in_zero_point = 2;
        p.multiplier = 0x60000000; /* 0.75 * 2^1 = 1.5 */
        p.shift = 1;
        p.out_zero_point = -1;
        dsl_rescale_s8(&p, x, 2, 2, 2, y, 4); /* 2 rows of 2 into a 4-wide concat buffer */
        check_eq("rescale 0", y[0], -3 - 1);     /* -2 * 1.5 = -3 */
        check_eq("rescale 1", y[1], 12 - 1);     /* 8 * 1.5 */
        check_eq("rescale 2", y[4], -18 - 1);    /* -12 * 1.5 */
        check_eq("rescale 3 saturate", y[5], 127);
        check_eq("rescale stride untouched", y[2], 0);
        p.multiplier = 0;
        dsl_rescale_s8(&p, x, 2, 2, 2, y + 2, 4);
        check_eq("rescale copy 0", y[2], 0);
        check_eq("rescale copy 1", y[3], 10);
        check_eq("rescale copy 2", y[6], -10);
        check_eq("rescale copy 3", y[7], 127);
    }
    for (it = 0; it < 100; it++) {
        dsl_rescale_params_t p;
        const int32_t rows = rnd_range(1, 5), ch = rnd_range(1, 30), ins = ch + rnd_range(0, 5), outs = ch + rnd_range(0, 5);
        int32_t r, c;
        p.in_zero_point = rnd_range(-128, 127);
        p.multiplier = (it % 5 == 0) ? 0 : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        p.shift = rnd_range(-2, 1);
        p.out_zero_point = rnd_range(-128, 127);
        fill_rnd_s8(g_in8, rows * ins, -128, 127);
        fill_rnd_s8(g_out8_a, rows * outs, -128, 127);
        for (i = 0; i < rows * outs; i++) g_out8_b[i] = g_out8_a[i];
        dsl_rescale_s8(&p, g_in8, ins, rows, ch, g_out8_a, outs);
        for (r = 0; r < rows; r++) {
            for (c = 0; c < ch; c++) {
                int32_t v = g_in8[r * ins + c];
                if (p.multiplier != 0) {
                    v = dsl_requantize(v - p.in_zero_point, p.multiplier, p.shift) + p.out_zero_point;
                    v = v < -128 ? -128 : (v > 127 ? 127 : v);
                }
                g_out8_b[r * outs + c] = (int8_t)v;
            }
        }
        check_s8("rescale random", g_out8_a, g_out8_b, rows * outs);
    }

    /* history shift, copy, fill */
    {
        uint8_t buf[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        static const uint8_t want[10] = {7, 8, 9, 10, 5, 6, 7, 8, 9, 10};
        dsl_history_shift(buf, 4, 6);
        check_s8("history shift", (const int8_t *)buf, (const int8_t *)want, 10);
    }
    {
        uint8_t buf[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        static const uint8_t want[10] = {3, 4, 5, 6, 7, 8, 7, 8, 9, 10};
        dsl_history_shift(buf, 6, 2); /* history longer than the new part: overlapping move */
        check_s8("history shift overlap", (const int8_t *)buf, (const int8_t *)want, 10);
    }
    {
        uint8_t a[7] = {1, 2, 3, 4, 5, 6, 7}, b[7] = {0, 0, 0, 0, 0, 0, 9};
        int8_t f[5] = {0, 0, 0, 0, 1};
        static const int8_t fw[5] = {-7, -7, -7, -7, 1};
        dsl_copy_bytes(b, a, 6);
        check_eq("copy bytes", b[5] == 6 && b[0] == 1 && b[6] == 9, 1);
        dsl_fill_s8(f, -7, 4);
        check_s8("fill", f, fw, 5);
    }
}

/* ---------------------------------------------------------------- variants */

#ifdef TEST_VARIANT
static void test_variant_random(int32_t iterations)
{
    int32_t it;
    for (it = 0; it < iterations; it++) {
        dsl_conv1d_params_t p;
        dsl_conv_transpose1d_params_t tp;
        int32_t out_rows, in_count, in_rows, n;
        const int32_t big = it % 2;
        random_conv(&p, &out_rows, &in_count, 0, big);
        n = out_rows * p.out_channels;
        dsl_conv1d_s8(&p, g_in8, out_rows, g_out8_a);
        dsl_conv1d_s8_variant(&p, g_in8, out_rows, g_out8_b);
        check_s8("conv1d_s8 " TEST_VARIANT " vs portable", g_out8_b, g_out8_a, n);

        random_conv(&p, &out_rows, &in_count, 2, big);
        n = out_rows * p.out_channels;
        dsl_conv1d_s8_s16(&p, g_in8, out_rows, g_out16_a);
        dsl_conv1d_s8_s16_variant(&p, g_in8, out_rows, g_out16_b);
        check_s16("conv1d_s8_s16 " TEST_VARIANT " vs portable", g_out16_b, g_out16_a, n);

        random_conv(&p, &out_rows, &in_count, 1, big);
        n = out_rows * p.out_channels;
        dsl_conv1d_s16_s8(&p, g_in16, out_rows, g_out8_a);
        dsl_conv1d_s16_s8_variant(&p, g_in16, out_rows, g_out8_b);
        check_s8("conv1d_s16_s8 " TEST_VARIANT " vs portable", g_out8_b, g_out8_a, n);

        random_tconv(&tp, &in_rows, big);
        n = in_rows * tp.stride * tp.out_channels;
        dsl_conv_transpose1d_s8(&tp, g_in8, in_rows, g_out8_a);
        dsl_conv_transpose1d_s8_variant(&tp, g_in8, in_rows, g_out8_b);
        check_s8("conv_transpose1d_s8 " TEST_VARIANT " vs portable", g_out8_b, g_out8_a, n);
    }
}
#endif

/* ---------------------------------------------------------------- benchmark */

#define BENCH_CIN 64
#define BENCH_COUT 64
#define BENCH_K 3
#define BENCH_ROWS 20

typedef void (*conv_fn)(const dsl_conv1d_params_t *, const int8_t *, int32_t, int8_t *);
typedef void (*tconv_fn)(const dsl_conv_transpose1d_params_t *, const int8_t *, int32_t, int8_t *);

static uint64_t bench_conv(conv_fn f, const dsl_conv1d_params_t *p, int8_t *out)
{
    uint64_t t0, t1, e0, e1;
    e0 = tp_icount_ticks();
    e1 = tp_icount_ticks();
    t0 = tp_icount_ticks();
    f(p, g_in8, BENCH_ROWS, out);
    t1 = tp_icount_ticks();
    return tp_icount_instructions((t1 - t0) - (e1 - e0));
}

static uint64_t bench_tconv(tconv_fn f, const dsl_conv_transpose1d_params_t *p, int8_t *out)
{
    uint64_t t0, t1, e0, e1;
    e0 = tp_icount_ticks();
    e1 = tp_icount_ticks();
    t0 = tp_icount_ticks();
    f(p, g_in8, BENCH_ROWS, out);
    t1 = tp_icount_ticks();
    return tp_icount_instructions((t1 - t0) - (e1 - e0));
}

static void report(const char *what, const char *variant, uint64_t n)
{
    tp_puts("instructions ");
    tp_puts(what);
    tp_puts(" ");
    tp_puts(variant);
    tp_puts(": ");
    put_int((int64_t)n);
    tp_puts("\n");
}

static void benchmark(void)
{
    dsl_conv1d_params_t p;
    dsl_conv_transpose1d_params_t tp;
    int32_t o;
    p.in_channels = BENCH_CIN;
    p.out_channels = BENCH_COUT;
    p.kernel = BENCH_K;
    p.stride = 1;
    p.dilation = 1;
    p.groups = 1;
    fill_rnd_s8(g_w, BENCH_COUT * BENCH_K * BENCH_CIN, -128, 127);
    fill_rnd_s8(g_in8, (BENCH_ROWS + BENCH_K - 1) * BENCH_CIN, -128, 127);
    p.weights = g_w;
    for (o = 0; o < BENCH_COUT; o++) {
        g_bias[o] = rnd_range(-3000, 3000);
        g_mult[o] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        g_shift[o] = -9;
    }
    for (o = BENCH_COUT; o < 2 * BENCH_COUT; o++) g_bias[o] = rnd_range(-3000, 3000); /* tconv: 2 phases */
    p.stage.bias = g_bias;
    p.stage.multiplier = g_mult;
    p.stage.shift = g_shift;
    p.stage.out_zero_point = 3;
    p.stage.act_min = -128;
    p.stage.act_max = 127;
    p.stage.lut = 0;
    /* transposed: 64 -> 64 channels, k=4, stride 2 (history 1 row), 20 input rows -> 40 output rows */
    tp.in_channels = BENCH_CIN;
    tp.out_channels = BENCH_COUT;
    tp.kernel = 4;
    tp.stride = 2;
    tp.dilation = 1;
    tp.weights = g_w;
    tp.stage = p.stage;

    if (tp_have_icount()) {
        tp_puts("benchmark conv1d_s8: 64 in, 64 out, k=3, 20 rows (245760 MACs); "
                "conv_transpose1d_s8: 64 in, 64 out, k=4, stride 2, 20 in rows (327680 MACs); "
                "depthwise: 64 channels, k=3, 20 rows (3840 MACs); "
                "conv1d_s16_s8: 1 in, 64 out, k=32, stride 16, 20 rows (40960 MACs)\n");
        report("conv1d_s8", "portable", bench_conv(dsl_conv1d_s8, &p, g_out8_a));
        report("conv_transpose1d_s8", "portable", bench_tconv(dsl_conv_transpose1d_s8, &tp, g_out8_b));
#ifdef TEST_VARIANT
        report("conv1d_s8", TEST_VARIANT, bench_conv(dsl_conv1d_s8_variant, &p, g_out8_c));
        check_s8("benchmark conv " TEST_VARIANT " vs portable", g_out8_c, g_out8_a, BENCH_ROWS * BENCH_COUT);
        report("conv_transpose1d_s8", TEST_VARIANT, bench_tconv(dsl_conv_transpose1d_s8_variant, &tp, g_out8_c));
        check_s8("benchmark tconv " TEST_VARIANT " vs portable", g_out8_c, g_out8_b, 2 * BENCH_ROWS * BENCH_COUT);
#endif
        {
            /* first layer: 1 -> 64 channels, k=32, stride 16 on 20 rows (336 int16 samples) */
            dsl_conv1d_params_t p1 = p;
            const int32_t samples = 19 * 16 + 32;
            uint64_t t0, t1, e0, e1;
            int32_t i;
            for (i = 0; i < samples; i++) g_in16[i] = (int16_t)rnd_range(-32768, 32767);
            p1.in_channels = 1;
            p1.kernel = 32;
            p1.stride = 16;
            for (o = 0; o < BENCH_COUT; o++) g_shift[o] = -16;
            e0 = tp_icount_ticks();
            e1 = tp_icount_ticks();
            t0 = tp_icount_ticks();
            dsl_conv1d_s16_s8(&p1, g_in16, BENCH_ROWS, g_out8_a);
            t1 = tp_icount_ticks();
            report("conv1d_s16_s8", "portable", tp_icount_instructions((t1 - t0) - (e1 - e0)));
#ifdef TEST_VARIANT
            e0 = tp_icount_ticks();
            e1 = tp_icount_ticks();
            t0 = tp_icount_ticks();
            dsl_conv1d_s16_s8_variant(&p1, g_in16, BENCH_ROWS, g_out8_c);
            t1 = tp_icount_ticks();
            report("conv1d_s16_s8", TEST_VARIANT, tp_icount_instructions((t1 - t0) - (e1 - e0)));
            check_s8("benchmark conv s16 " TEST_VARIANT " vs portable", g_out8_c, g_out8_a, BENCH_ROWS * BENCH_COUT);
#endif
            for (o = 0; o < BENCH_COUT; o++) g_shift[o] = -9;
        }
        p.groups = BENCH_CIN; /* depthwise */
        report("conv1d_s8 depthwise", "portable", bench_conv(dsl_conv1d_s8, &p, g_out8_a));
#ifdef TEST_VARIANT
        report("conv1d_s8 depthwise", TEST_VARIANT, bench_conv(dsl_conv1d_s8_variant, &p, g_out8_c));
        check_s8("benchmark depthwise " TEST_VARIANT " vs portable", g_out8_c, g_out8_a, BENCH_ROWS * BENCH_COUT);
#endif
    } else {
        dsl_conv1d_s8(&p, g_in8, BENCH_ROWS, g_out8_a);
#ifdef TEST_VARIANT
        dsl_conv1d_s8_variant(&p, g_in8, BENCH_ROWS, g_out8_c);
        check_s8("benchmark conv " TEST_VARIANT " vs portable", g_out8_c, g_out8_a, BENCH_ROWS * BENCH_COUT);
#endif
    }
}

int main(void)
{
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    tp_puts("rounding: double (TFLite/CMSIS-NN)\n");
#else
    tp_puts("rounding: single (default)\n");
#endif
    test_requantize();
    test_requant_shortcut();
    test_conv_hand();
    test_tconv_hand();
    test_conv_random(600);
    test_tconv_random(300);
    test_tconv_shapes();
    test_add();
    test_mul();
    test_lut_rescale_copy();
#ifdef TEST_VARIANT
    test_variant_random(300);
#endif
    benchmark();
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
