/*
 * test_kernels_s16.c - the mixed-precision kernels of dsl_kernels.h (int16 activations, 16x8):
 * dsl_conv1d_s16_s16 and dsl_conv1d_s16_s8 (whose 16x8 blocks they share), dsl_add_s16, dsl_mul_s16,
 * dsl_rescale_s8_s16 / _s16_s8 / _s16, against naive references written from the formulas of
 * dsl_kernels.h (int64 sums, dsl_requantize; no code shared with the kernels).
 *
 * Convolutions: random shapes (odd channel counts, windows not a multiple of 4, stride > kernel,
 * dilation, groups, depthwise, one row, long windows of 64 channels x 7 taps), random and extreme
 * int16 inputs (all -32768 / 32767 against weights of matching sign), biases at the bound dslc proves
 * (|bias| + 32768 * sum |w| < 2^31), int16 clamps narrowed by a fused ReLU, the wide requantization
 * (shift -1, 0). The skeleton of the variant is also instantiated with constant shapes and forms, as
 * dslc's specialised steps are (specialised_c.scriban), and compared on the same data.
 * With TEST_VARIANT ("dsp" or "mve") the variant's library kernels are linked as <kernel>_variant and
 * compared too; TEST_S16_DSP / TEST_S16_MVE pick the variant's skeleton for the constant-shape steps
 * (on the host through tests/shim).
 * Every output buffer is checked for writes past its end. Builds on the host (stdio) and on QEMU
 * boards (semihosting): no libc calls here. Prints one line per failure and "N passed, M failed".
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_requantize.h"
#include "dsl_kernel_internal.h"
#include "test_platform.h"
#define TEST_RNG_SEED 0x2545F491u
#include "test_check.h"

#ifdef TEST_VARIANT
void dsl_conv1d_s16_s16_variant(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int16_t *out);
void dsl_conv1d_s16_s8_variant(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out);
void dsl_add_s16_variant(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                         int32_t rows, int32_t channels, int16_t *out);
#endif

/* the conv1d skeleton dslc instantiates for the variant (CKernelBody.For) */
#if defined(TEST_S16_DSP)
#include "dsl_kernel_dsp.h"
#define S16_DOT(f) dsl_dsp_##f
#define S16_SKELETON "dsl_conv1d_dsp_body.h"
#elif defined(TEST_S16_MVE)
#include "dsl_kernel_mve.h"
#define S16_DOT(f) dsl_mve_##f
#define S16_SKELETON "dsl_conv1d_mve_body.h"
#else
#define S16_DOT(f) dsl_##f
#define S16_SKELETON "dsl_conv1d_body.h"
#endif

#define DSL_CONV1D_BODY s16_conv1d_s16_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_CONV1D_16X8
#define DSL_DOT(f) S16_DOT(f)
#include S16_SKELETON
#define DSL_CONV1D_BODY s16_conv1d_s16_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_CONV1D_16X8
#define DSL_DOT(f) S16_DOT(f)
#include S16_SKELETON

/* ---------------------------------------------------------------- buffers */

#define MAX_IN 6144   /* int16 input elements */
#define MAX_W 32768   /* int8 weights */
#define MAX_OUT 2048  /* output elements */
#define MAX_CH 80
#define GUARD 8       /* elements after each output that no kernel may touch */
#define GUARD_S8 0x5A
#define GUARD_S16 0x5A5A

static int16_t g_in[MAX_IN];
static int8_t g_in8[MAX_IN];
static int8_t g_w[MAX_W];
static int32_t g_bias[MAX_CH], g_mult[MAX_CH], g_shift[MAX_CH];
static int8_t g_lut[256];
static int16_t g_out16[MAX_OUT + GUARD];
static int8_t g_out8[MAX_OUT + GUARD];
static int32_t g_got[MAX_OUT + GUARD], g_want[MAX_OUT + GUARD];

static void guard_s16(int16_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n + GUARD; i++) p[i] = (int16_t)GUARD_S16;
}

static void guard_s8(int8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n + GUARD; i++) p[i] = (int8_t)GUARD_S8;
}

/* g_got = out[0 .. n + GUARD) (the guard must read back as written) */
static void take_s16(const int16_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n + GUARD; i++) g_got[i] = p[i];
}

static void take_s8(const int8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n + GUARD; i++) g_got[i] = p[i];
}

static void want_guard(int32_t n, int32_t guard_value)
{
    int32_t i;
    for (i = n; i < n + GUARD; i++) g_want[i] = guard_value;
}

/* ---------------------------------------------------------------- references (from the header text) */

static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* conv1d: out[t][o] = stage(bias[o] + sum_j sum_c w[o][j][c] * in[t*stride + j*dilation][g*cg + c]);
   stage: requantize, + zero point (wrapping), clamp, then lut (int8 outputs with a lut) */
typedef struct {
    int32_t cin, cout, kernel, stride, dilation, groups, rows;
} shape_t;

static void ref_conv(const dsl_conv1d_params_t *p, const shape_t *sh, int32_t lut_out)
{
    const dsl_output_stage_t *s = &p->stage;
    const int32_t cg = sh->cin / sh->groups, og = sh->cout / sh->groups;
    int32_t t, o, j, c;
    for (t = 0; t < sh->rows; t++) {
        for (o = 0; o < sh->cout; o++) {
            int64_t acc = s->bias[o];
            int32_t v;
            for (j = 0; j < sh->kernel; j++)
                for (c = 0; c < cg; c++)
                    acc += (int64_t)p->weights[(o * sh->kernel + j) * cg + c] *
                           g_in[(t * sh->stride + j * sh->dilation) * sh->cin + (o / og) * cg + c];
            if (acc < INT32_MIN || acc > INT32_MAX) {
                g_failed++;
                tp_puts("FAIL test set-up: an accumulator outside int32\n");
            }
            v = wrap_add(dsl_requantize((int32_t)acc, s->multiplier[o], s->shift[o]), s->out_zero_point);
            v = clamp(v, s->act_min, s->act_max);
            if (lut_out && s->lut != 0) v = s->lut[v + 128];
            g_want[t * sh->cout + o] = v;
        }
    }
}

/* ---------------------------------------------------------------- convolution data */

static int32_t in_rows(const shape_t *sh) { return (sh->rows - 1) * sh->stride + (sh->kernel - 1) * sh->dilation + 1; }

/* inputs and weights of one case; kind 0 random, 1 extremes (every input -32768 or 32767, weights
   -128 / 127 of one sign per output channel: the largest sums), 2 small values */
static void fill_conv(const shape_t *sh, int32_t kind)
{
    const int32_t n_in = in_rows(sh) * sh->cin;
    const int32_t wlen = sh->kernel * (sh->cin / sh->groups);
    const int32_t n_w = sh->cout * wlen;
    int32_t i, o;
    for (i = 0; i < n_in; i++) {
        if (kind == 1) g_in[i] = (int16_t)((rnd() & 1) ? -32768 : 32767);
        else if (kind == 2) g_in[i] = (int16_t)rnd_range(-300, 300);
        else g_in[i] = (int16_t)rnd_range(-32768, 32767);
    }
    for (o = 0; o < sh->cout; o++) {
        const int32_t sign = (rnd() & 1) ? -1 : 1;
        for (i = 0; i < wlen; i++) {
            int32_t w = rnd_range(-128, 127);
            if (kind == 1) w = sign < 0 ? -128 : 127;
            g_w[o * wlen + i] = (int8_t)w;
        }
    }
    (void)n_w;
}

/* bias within dslc's proof: |bias| <= 2^31 - 1 - 32768 * sum |w[o]|, often at that bound */
static void fill_bias(const shape_t *sh)
{
    const int32_t wlen = sh->kernel * (sh->cin / sh->groups);
    int32_t o, i;
    for (o = 0; o < sh->cout; o++) {
        int64_t sum = 0, room;
        for (i = 0; i < wlen; i++) sum += g_w[o * wlen + i] < 0 ? -g_w[o * wlen + i] : g_w[o * wlen + i];
        room = (int64_t)INT32_MAX - 32768 * sum;
        if (room > (int64_t)1 << 30) room = (int64_t)1 << 30;
        switch (rnd() % 4u) {
        case 0: g_bias[o] = (int32_t)room; break;
        case 1: g_bias[o] = (int32_t)-room; break;
        default: g_bias[o] = (int32_t)(((int64_t)rnd() % (2 * room + 1)) - room); break;
        }
    }
}

/* int16 output stage: shift -20..0 (-1 and 0: the wide requantization), zero point 0 (dslc's int16
   tensors) or not, clamp full, ReLU-narrowed or random; int8 output: shift -30..-10, zero point, LUT */
static void fill_stage(dsl_conv1d_params_t *p, int32_t cout, int32_t out16, int32_t shift_lo, int32_t shift_hi)
{
    int32_t o;
    for (o = 0; o < cout; o++) {
        g_mult[o] = rnd_range(0x40000000, 0x7FFFFFFF);
        g_shift[o] = rnd_range(shift_lo, shift_hi);
    }
    p->stage.bias = g_bias;
    p->stage.multiplier = g_mult;
    p->stage.shift = g_shift;
    if (out16) {
        p->stage.out_zero_point = (rnd() & 1) ? 0 : rnd_range(-1000, 1000);
        switch (rnd() % 3u) {
        case 0: p->stage.act_min = -32768; p->stage.act_max = 32767; break;
        case 1: p->stage.act_min = p->stage.out_zero_point; p->stage.act_max = 32767; break;
        default: p->stage.act_min = rnd_range(-32768, -100); p->stage.act_max = rnd_range(100, 32767); break;
        }
        p->stage.lut = 0;
    } else {
        int32_t i;
        p->stage.out_zero_point = rnd_range(-128, 127);
        p->stage.act_min = (rnd() & 1) ? -128 : p->stage.out_zero_point;
        p->stage.act_max = 127;
        for (i = 0; i < 256; i++) g_lut[i] = (int8_t)rnd_range(-128, 127);
        p->stage.lut = (rnd() & 1) ? g_lut : 0;
    }
}

static void set_shape(dsl_conv1d_params_t *p, const shape_t *sh)
{
    p->in_channels = sh->cin;
    p->out_channels = sh->cout;
    p->kernel = sh->kernel;
    p->stride = sh->stride;
    p->dilation = sh->dilation;
    p->groups = sh->groups;
    p->weights = g_w;
}

typedef void (*conv_s16_s16_fn)(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int16_t *out);
typedef void (*conv_s16_s8_fn)(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out);

static void run_s16_s16(const char *what, int32_t id, conv_s16_s16_fn f, const dsl_conv1d_params_t *p,
                        const shape_t *sh)
{
    const int32_t n = sh->rows * sh->cout;
    guard_s16(g_out16, n);
    f(p, g_in, sh->rows, g_out16);
    take_s16(g_out16, n);
    want_guard(n, (int16_t)GUARD_S16);
    check_i32(what, id, g_got, g_want, n + GUARD);
}

static void run_s16_s8(const char *what, int32_t id, conv_s16_s8_fn f, const dsl_conv1d_params_t *p,
                       const shape_t *sh)
{
    const int32_t n = sh->rows * sh->cout;
    guard_s8(g_out8, n);
    f(p, g_in, sh->rows, g_out8);
    take_s8(g_out8, n);
    want_guard(n, (int8_t)GUARD_S8);
    check_i32(what, id, g_got, g_want, n + GUARD);
}

/* one shape: s16_s16 and s16_s8, portable and variant, on each kind of data */
static void conv_case(int32_t id, const shape_t *sh)
{
    dsl_conv1d_params_t p;
    int32_t kind;
    set_shape(&p, sh);
    for (kind = 0; kind < 3; kind++) {
        fill_conv(sh, kind);
        fill_bias(sh);
        fill_stage(&p, sh->cout, 1, -20, 0);
        ref_conv(&p, sh, 0);
        run_s16_s16("conv1d_s16_s16 vs reference", id, dsl_conv1d_s16_s16, &p, sh);
#ifdef TEST_VARIANT
        run_s16_s16("conv1d_s16_s16 " TEST_VARIANT " vs reference", id, dsl_conv1d_s16_s16_variant, &p, sh);
#endif
        fill_stage(&p, sh->cout, 0, -30, -10);
        ref_conv(&p, sh, 1);
        run_s16_s8("conv1d_s16_s8 vs reference", id, dsl_conv1d_s16_s8, &p, sh);
#ifdef TEST_VARIANT
        run_s16_s8("conv1d_s16_s8 " TEST_VARIANT " vs reference", id, dsl_conv1d_s16_s8_variant, &p, sh);
#endif
    }
}

/* a random shape whose buffers fit; long windows (many channels) one time in four */
static void random_shape(shape_t *sh)
{
    int32_t g, divisors[MAX_CH], nd = 0;
    for (;;) {
        const int32_t wide = rnd() % 4u == 0;
        sh->cin = wide ? rnd_range(17, 72) : rnd_range(1, 13);
        sh->cout = wide ? rnd_range(1, 40) : rnd_range(1, 13);
        sh->kernel = rnd_range(1, wide ? 7 : 9);
        sh->stride = rnd_range(1, 4);
        sh->dilation = rnd() % 2u ? 1 : rnd_range(2, 4);
        sh->rows = rnd() % 4u == 0 ? 1 : rnd_range(1, 13);
        nd = 0;
        for (g = 1; g <= sh->cin && g <= sh->cout; g++)
            if (sh->cin % g == 0 && sh->cout % g == 0) divisors[nd++] = g;
        sh->groups = rnd() % 3u == 0 ? divisors[rnd() % (uint32_t)nd] : 1;
        if (in_rows(sh) * sh->cin <= MAX_IN && sh->cout * sh->kernel * (sh->cin / sh->groups) <= MAX_W &&
            sh->rows * sh->cout <= MAX_OUT && sh->kernel * (sh->cin / sh->groups) <= 511)
            return;
    }
}

/* ---------------------------------------------------------------- constant shapes (dslc's steps) */

/* X(id, cin, cout, kernel, stride, dilation, groups, rows) */
#define S16_STEPS(X)                                      \
    X(1, 1, 4, 4, 2, 1, 1, 9)     /* first layer on PCM */ \
    X(2, 1, 1, 7, 1, 1, 1, 13)    /* one channel */        \
    X(3, 8, 1, 7, 1, 1, 1, 21)    /* heavy last layer */   \
    X(4, 16, 16, 3, 1, 1, 1, 8)   /* encoder residual */   \
    X(5, 16, 16, 3, 1, 3, 1, 8)   /* dilated */            \
    X(6, 24, 13, 3, 1, 1, 1, 1)   /* one row, odd */       \
    X(7, 64, 6, 7, 1, 1, 1, 5)    /* window 448 */         \
    X(8, 5, 7, 3, 2, 2, 1, 6)     /* odd, dilation, stride */ \
    X(9, 6, 6, 3, 1, 1, 3, 7)     /* groups 3 */           \
    X(10, 6, 6, 3, 1, 2, 6, 5)    /* depthwise, dilation */ \
    X(11, 3, 2, 5, 1, 1, 1, 11)   /* two channels */       \
    X(12, 9, 5, 2, 3, 1, 1, 4)    /* stride > kernel */

/* int16 stage of the form dslc gives an int16 tensor with shift <= -2, zero point 0, full clamp */
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
#define S16_FORM (DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE)
#else
#define S16_FORM (DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE | DSL_STAGE_ZP_IN_ROUND)
#endif

#define S16_STEP_FNS(id, ci, co, k, s, d, g, rows)                                                          \
    DSL_HOT static void step##id##_general(const dsl_conv1d_params_t *p, const int16_t *in, int32_t r,       \
                                           int16_t *out)                                                   \
    {                                                                                                       \
        (void)r;                                                                                            \
        s16_conv1d_s16_s16_body(p, in, rows, out, ci, co, k, s, d, g, DSL_STAGE_GENERAL);                   \
    }                                                                                                       \
    DSL_HOT static void step##id##_form(const dsl_conv1d_params_t *p, const int16_t *in, int32_t r, int16_t *out) \
    {                                                                                                       \
        (void)r;                                                                                            \
        s16_conv1d_s16_s16_body(p, in, rows, out, ci, co, k, s, d, g, S16_FORM);                            \
    }                                                                                                       \
    DSL_HOT static void step##id##_s8(const dsl_conv1d_params_t *p, const int16_t *in, int32_t r, int8_t *out) \
    {                                                                                                       \
        (void)r;                                                                                            \
        s16_conv1d_s16_s8_body(p, in, rows, out, ci, co, k, s, d, g, DSL_STAGE_GENERAL);                    \
    }
S16_STEPS(S16_STEP_FNS)

static void step_case(int32_t id, const shape_t *sh, conv_s16_s16_fn general, conv_s16_s16_fn form,
                      conv_s16_s8_fn s8)
{
    dsl_conv1d_params_t p;
    int32_t kind, o;
    set_shape(&p, sh);
    for (kind = 0; kind < 3; kind++) {
        fill_conv(sh, kind);
        fill_bias(sh);
        fill_stage(&p, sh->cout, 1, -20, 0);
        ref_conv(&p, sh, 0);
        run_s16_s16("specialised conv1d_s16_s16 (general form) vs reference", id, general, &p, sh);
        for (o = 0; o < sh->cout; o++) g_shift[o] = rnd_range(-20, -2); /* the form's parameters */
        p.stage.out_zero_point = 0;
        p.stage.act_min = -32768;
        p.stage.act_max = 32767;
        ref_conv(&p, sh, 0);
        run_s16_s16("specialised conv1d_s16_s16 (dslc form) vs reference", id, form, &p, sh);
        fill_stage(&p, sh->cout, 0, -30, -10);
        ref_conv(&p, sh, 1);
        run_s16_s8("specialised conv1d_s16_s8 vs reference", id, s8, &p, sh);
    }
}

/* ---------------------------------------------------------------- elementwise */

#define EW_MAX 600

static int16_t g_a[EW_MAX], g_b[EW_MAX];

/* (x - zp) << left_shift in int32, wrapping as the golden model's int << */
static int32_t shl_wrap(int32_t x, int32_t left_shift) { return (int32_t)((uint32_t)x << left_shift); }

static void add_case(int32_t id)
{
    dsl_add_params_t p;
    const int32_t rows = rnd_range(1, 9), channels = rnd_range(1, 37);
    const int32_t bstride = rnd() & 1 ? channels : 0;
    const int32_t n = rows * channels;
    int32_t r, c, i;
    p.a_zero_point = rnd() % 4u == 0 ? rnd_range(-50, 50) : 0;
    p.b_zero_point = rnd() % 4u == 0 ? rnd_range(-50, 50) : 0;
    p.left_shift = rnd() % 4u == 0 ? rnd_range(0, 15) : 15;
    p.a_multiplier = rnd_range(0x40000000, 0x7FFFFFFF);
    p.b_multiplier = rnd_range(0x40000000, 0x7FFFFFFF);
    p.a_shift = rnd_range(-4, 0);
    p.b_shift = rnd_range(-4, 0);
    p.out_multiplier = rnd_range(0x40000000, 0x7FFFFFFF);
    p.out_shift = rnd_range(-16, -1) - (15 - p.left_shift);
    if (p.out_shift < -31) p.out_shift = -31;
    p.out_zero_point = rnd() & 1 ? 0 : rnd_range(-200, 200);
    p.act_min = rnd() & 1 ? -32768 : 0;
    p.act_max = rnd() % 4u == 0 ? rnd_range(0, 32767) : 32767;
    p.lut = 0;
    for (i = 0; i < n; i++) {
        g_a[i] = (int16_t)(rnd() % 8u == 0 ? (rnd() & 1 ? -32768 : 32767) : rnd_range(-32768, 32767));
        g_b[i] = (int16_t)(rnd() % 8u == 0 ? (rnd() & 1 ? -32768 : 32767) : rnd_range(-32768, 32767));
    }
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t a2 = dsl_requantize(shl_wrap(g_a[r * channels + c] - p.a_zero_point, p.left_shift),
                                              p.a_multiplier, p.a_shift);
            const int32_t b2 = dsl_requantize(shl_wrap(g_b[r * bstride + c] - p.b_zero_point, p.left_shift),
                                              p.b_multiplier, p.b_shift);
            const int32_t v = wrap_add(dsl_requantize(wrap_add(a2, b2), p.out_multiplier, p.out_shift), p.out_zero_point);
            g_want[r * channels + c] = clamp(v, p.act_min, p.act_max);
        }
    }
    want_guard(n, (int16_t)GUARD_S16);
    guard_s16(g_out16, n);
    dsl_add_s16(&p, g_a, g_b, bstride, rows, channels, g_out16);
    take_s16(g_out16, n);
    check_i32("add_s16 vs reference", id, g_got, g_want, n + GUARD);
#ifdef TEST_VARIANT
    guard_s16(g_out16, n);
    dsl_add_s16_variant(&p, g_a, g_b, bstride, rows, channels, g_out16);
    take_s16(g_out16, n);
    check_i32("add_s16 " TEST_VARIANT " vs reference", id, g_got, g_want, n + GUARD);
#endif
}

static void mul_case(int32_t id)
{
    dsl_mul_params_t p;
    const int32_t rows = rnd_range(1, 9), channels = rnd_range(1, 37);
    const int32_t bstride = rnd() & 1 ? channels : 0;
    const int32_t n = rows * channels;
    int32_t r, c, i;
    p.a_zero_point = rnd() % 4u == 0 ? rnd_range(-50, 50) : 0;
    p.b_zero_point = rnd() % 4u == 0 ? rnd_range(-50, 50) : 0;
    p.multiplier = rnd_range(0x40000000, 0x7FFFFFFF);
    p.shift = rnd_range(-22, -8);
    p.out_zero_point = rnd() & 1 ? 0 : rnd_range(-200, 200);
    p.act_min = rnd() & 1 ? -32768 : 0;
    p.act_max = 32767;
    p.lut = 0;
    for (i = 0; i < n; i++) {
        g_a[i] = (int16_t)(rnd() % 8u == 0 ? -32768 : rnd_range(-32768, 32767));
        g_b[i] = (int16_t)(rnd() % 8u == 0 ? -32768 : rnd_range(-32768, 32767));
    }
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int64_t prod = (int64_t)(g_a[r * channels + c] - p.a_zero_point) * (g_b[r * bstride + c] - p.b_zero_point);
            const int32_t v = wrap_add(dsl_requantize((int32_t)(uint32_t)(uint64_t)prod, p.multiplier, p.shift),
                                       p.out_zero_point);
            g_want[r * channels + c] = clamp(v, p.act_min, p.act_max);
        }
    }
    guard_s16(g_out16, n);
    dsl_mul_s16(&p, g_a, g_b, bstride, rows, channels, g_out16);
    take_s16(g_out16, n);
    want_guard(n, (int16_t)GUARD_S16);
    check_i32("mul_s16 vs reference", id, g_got, g_want, n + GUARD);
}

/* rescale: out[r * out_stride + c] = clamp(requant(in[r * in_stride + c] - in_zp) + out_zp) to the output
   type; multiplier 0 = plain copy (int16 to int16 only); elements between the rows are left alone */
enum { RS_S8_S16, RS_S16_S8, RS_S16 };

static void rescale_case(int32_t id, int32_t kind)
{
    dsl_rescale_params_t p;
    const int32_t rows = rnd_range(1, 7), channels = rnd_range(1, 29);
    const int32_t in_stride = channels + rnd_range(0, 5), out_stride = channels + rnd_range(0, 5);
    const int32_t n = rows * out_stride;
    const int32_t lo = kind == RS_S16_S8 ? -128 : -32768, hi = kind == RS_S16_S8 ? 127 : 32767;
    const int32_t guard = kind == RS_S16_S8 ? (int8_t)GUARD_S8 : (int16_t)GUARD_S16;
    int32_t r, c, i;
    p.in_zero_point = kind == RS_S8_S16 ? rnd_range(-128, 127) : (rnd() & 1 ? 0 : rnd_range(-100, 100));
    p.out_zero_point = kind == RS_S16_S8 ? rnd_range(-128, 127) : (rnd() & 1 ? 0 : rnd_range(-100, 100));
    p.multiplier = rnd_range(0x40000000, 0x7FFFFFFF);
    p.shift = kind == RS_S8_S16 ? rnd_range(-2, 12) : kind == RS_S16_S8 ? rnd_range(-14, -2) : rnd_range(-6, 4);
    if (kind == RS_S16 && rnd() % 4u == 0) p.multiplier = 0;
    for (i = 0; i < rows * in_stride; i++) {
        g_a[i] = (int16_t)(rnd() % 8u == 0 ? (rnd() & 1 ? -32768 : 32767) : rnd_range(-32768, 32767));
        g_in8[i] = (int8_t)rnd_range(-128, 127);
    }
    for (i = 0; i < n; i++) g_want[i] = guard;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t x = kind == RS_S8_S16 ? g_in8[r * in_stride + c] : g_a[r * in_stride + c];
            int32_t v = x;
            if (p.multiplier != 0)
                v = clamp(wrap_add(dsl_requantize(x - p.in_zero_point, p.multiplier, p.shift), p.out_zero_point), lo, hi);
            g_want[r * out_stride + c] = v;
        }
    }
    if (kind == RS_S16_S8) {
        guard_s8(g_out8, n);
        dsl_rescale_s16_s8(&p, g_a, in_stride, rows, channels, g_out8, out_stride);
        take_s8(g_out8, n);
    } else {
        guard_s16(g_out16, n);
        if (kind == RS_S8_S16) dsl_rescale_s8_s16(&p, g_in8, in_stride, rows, channels, g_out16, out_stride);
        else dsl_rescale_s16(&p, g_a, in_stride, rows, channels, g_out16, out_stride);
        take_s16(g_out16, n);
    }
    want_guard(n, guard);
    check_i32(kind == RS_S8_S16 ? "rescale_s8_s16 vs reference"
              : kind == RS_S16_S8 ? "rescale_s16_s8 vs reference" : "rescale_s16 vs reference",
              id, g_got, g_want, n + GUARD);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    int32_t i;
    shape_t sh;
    /* constant shapes, as dslc's specialised steps */
#define S16_STEP_RUN(id, ci, co, k, s, d, g, r)                                    \
    sh.cin = ci; sh.cout = co; sh.kernel = k; sh.stride = s; sh.dilation = d;     \
    sh.groups = g; sh.rows = r;                                                    \
    step_case(id, &sh, step##id##_general, step##id##_form, step##id##_s8);       \
    conv_case(1000 + id, &sh);
    S16_STEPS(S16_STEP_RUN)
    /* random shapes */
    for (i = 0; i < 120; i++) {
        random_shape(&sh);
        conv_case(i, &sh);
    }
    for (i = 0; i < 60; i++) {
        add_case(i);
        mul_case(i);
        rescale_case(i, RS_S8_S16);
        rescale_case(i, RS_S16_S8);
        rescale_case(i, RS_S16);
    }
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
