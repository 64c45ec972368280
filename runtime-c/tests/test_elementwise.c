/*
 * test_elementwise.c - the data-movement and elementwise kernels (dsl_copy_bytes,
 * dsl_history_shift, dsl_lut_s8, dsl_add_s8, dsl_curve_s16, dsl_silent_s16, dsl_fade_out_s16) on many sizes, alignments and parameters,
 * against naive references written from dsl_kernels.h; with TEST_VARIANT, the variant files
 * of these kernels (linked as <kernel>_variant, HAVE_VARIANT_<kernel> defined) against the
 * same references.
 * Builds on the host (stdio) and on QEMU boards (semihosting): no libc calls here.
 * Prints one line per failure and a final "N passed, M failed"; returns M != 0.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_requantize.h"
#include "test_platform.h"
#define TEST_RNG_SEED 0x2545F491u
#include "test_check.h"

#if defined(HAVE_VARIANT_dsl_lut_s8)
void dsl_lut_s8_variant(const int8_t *lut, const int8_t *in, int32_t count, int8_t *out);
#endif
#if defined(HAVE_VARIANT_dsl_curve_s16)
void dsl_curve_s16_variant(const int16_t *table, const int16_t *in, int32_t count, int16_t *out);
#endif
#if defined(HAVE_VARIANT_dsl_add_s16)
void dsl_add_s16_variant(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                         int32_t rows, int32_t channels, int16_t *out);
#endif
#if defined(HAVE_VARIANT_dsl_add_s8)
void dsl_add_s8_variant(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                        int32_t rows, int32_t channels, int8_t *out);
#endif

/* ---------------------------------------------------------------- output */

/* one test case: the first n bytes of got and want are equal; names the case and the index */
static void check_bytes(const char *what, int32_t case_id, const uint8_t *got, const uint8_t *want, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            report_mismatch(what, case_id, i, (int8_t)got[i], (int8_t)want[i]);
            return;
        }
    }
    g_passed++;
}

/* ---------------------------------------------------------------- random */

static void fill_rnd(uint8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) p[i] = (uint8_t)rnd();
}

/* word-aligned buffers (int32 arrays, like the generated arena), seen as bytes at any offset */
#define BUF_BYTES 4096
static int32_t g_words_a[BUF_BYTES / 4], g_words_b[BUF_BYTES / 4], g_words_c[BUF_BYTES / 4], g_words_d[BUF_BYTES / 4];
#define BUF_A ((uint8_t *)g_words_a)
#define BUF_B ((uint8_t *)g_words_b)
#define BUF_C ((uint8_t *)g_words_c)
#define BUF_D ((uint8_t *)g_words_d)

/* sizes: every count up to 80 (all word / block remainders), then a few large ones */
static int32_t test_size(int32_t i)
{
    static const int32_t large[8] = {127, 128, 255, 320, 640, 1152, 1344, 2600};
    return i <= 80 ? i : large[(i - 81) % 8];
}
#define N_SIZES 89

/* ---------------------------------------------------------------- copy, history shift */

static void test_copy_bytes(void)
{
    int32_t i, so, dof, k, id = 0;
    for (i = 0; i < N_SIZES; i++) {
        const int32_t n = test_size(i);
        for (so = 0; so < 4; so++) {
            for (dof = 0; dof < 4; dof++) {
                fill_rnd(BUF_A, n + 8);
                fill_rnd(BUF_B, n + 8);
                for (k = 0; k < n + 8; k++) BUF_C[k] = BUF_B[k];
                for (k = 0; k < n; k++) BUF_C[dof + k] = BUF_A[so + k];
                dsl_copy_bytes(BUF_B + dof, BUF_A + so, n);
                check_bytes("copy_bytes", id++, BUF_B, BUF_C, n + 8); /* bytes around it untouched */
            }
        }
    }
}

static void test_history_shift(void)
{
    int32_t i, j, off, k, id = 0;
    for (i = 0; i < N_SIZES; i++) {
        const int32_t history = test_size(i);
        for (j = 0; j < 24; j++) {
            /* new part: 0..15 (overlapping moves), multiples of 4, the model's sizes */
            static const int32_t news[8] = {16, 24, 64, 128, 160, 192, 320, 640};
            const int32_t fresh = j < 16 ? j : news[j - 16];
            if (history + fresh + 8 > BUF_BYTES) continue;
            for (off = 0; off < 4; off += (j < 16 ? 1 : 3)) {
                const int32_t total = off + history + fresh + 4;
                fill_rnd(BUF_A, total);
                for (k = 0; k < total; k++) BUF_C[k] = BUF_A[k];
                for (k = 0; k < history; k++) BUF_C[off + k] = BUF_A[off + fresh + k]; /* from the untouched copy */
                dsl_history_shift(BUF_A + off, history, fresh);
                check_bytes("history_shift", id++, BUF_A, BUF_C, total);
            }
        }
    }
}

/* ---------------------------------------------------------------- lut */

typedef void (*lut_fn)(const int8_t *, const int8_t *, int32_t, int8_t *);

static void test_lut_with(lut_fn f, const char *what)
{
    int8_t lut[256];
    int32_t i, off, k, id = 0;
    fill_rnd((uint8_t *)lut, 256);
    for (i = 0; i < N_SIZES; i++) {
        const int32_t n = test_size(i);
        for (off = 0; off < 4; off++) {
            const int8_t *in = (const int8_t *)(BUF_A + off);
            fill_rnd(BUF_A, n + 8);
            if (n >= 256) {
                for (k = 0; k < 256; k++) BUF_A[off + k] = (uint8_t)k; /* every index, both table ends */
            }
            fill_rnd(BUF_B, n + 8);
            for (k = 0; k < n + 8; k++) BUF_C[k] = BUF_B[k];
            for (k = 0; k < n; k++) BUF_C[3 - off + k] = (uint8_t)lut[in[k] + 128];
            f(lut, in, n, (int8_t *)(BUF_B + 3 - off));
            check_bytes(what, id++, BUF_B, BUF_C, n + 8);
            /* in place */
            for (k = 0; k < n + 8; k++) BUF_D[k] = BUF_A[k];
            for (k = 0; k < n; k++) BUF_D[off + k] = (uint8_t)lut[in[k] + 128];
            f(lut, in, n, (int8_t *)(BUF_A + off));
            check_bytes(what, id++, BUF_A, BUF_D, n + 8);
        }
    }
}

/* ---------------------------------------------------------------- curve */

/* dsl_kernels.h's formula with a floor division written out (no reliance on >> of negative values) */
static int16_t curve_ref(const int16_t *t, int16_t x)
{
    const int32_t u = (int32_t)x + 32768;
    const int32_t i = u / (1 << DSL_CURVE_STEP_BITS);
    const int32_t f = u % (1 << DSL_CURVE_STEP_BITS);
    const int32_t num = ((int32_t)t[i + 1] - t[i]) * f + (1 << (DSL_CURVE_STEP_BITS - 1));
    const int32_t q = num >= 0 ? num / (1 << DSL_CURVE_STEP_BITS) : -((-num + (1 << DSL_CURVE_STEP_BITS) - 1) / (1 << DSL_CURVE_STEP_BITS));
    return (int16_t)(t[i] + q);
}

typedef void (*curve_fn)(const int16_t *table, const int16_t *in, int32_t count, int16_t *out);

static void test_curve_with(curve_fn f, const char *what)
{
    static int16_t table[DSL_CURVE_POINTS];
    int32_t i, k, n, id = 0;
    for (k = 0; k < DSL_CURVE_POINTS; k++) table[k] = (int16_t)rnd(); /* steep jumps both ways, both ends */
    /* every input code, in place, in chunks of the buffer */
    for (k = -32768; k <= 32767; k += 1024) {
        int16_t *const x = (int16_t *)(void *)BUF_A;
        int16_t *const want = (int16_t *)(void *)BUF_C;
        for (i = 0; i < 1024; i++) {
            x[i] = (int16_t)(k + i);
            want[i] = curve_ref(table, x[i]);
        }
        f(table, x, 1024, x);
        check_bytes(what, id++, BUF_A, BUF_C, 2048);
    }
    /* random inputs, every size, out of place: nothing past the end is written */
    for (i = 0; i < N_SIZES; i++) {
        n = test_size(i);
        if (2 * n + 16 > BUF_BYTES) continue;
        fill_rnd(BUF_A, 2 * n);
        fill_rnd(BUF_B, 2 * n + 16);
        for (k = 0; k < 2 * n + 16; k++) BUF_C[k] = BUF_B[k];
        for (k = 0; k < n; k++) ((int16_t *)(void *)BUF_C)[k] = curve_ref(table, ((const int16_t *)(const void *)BUF_A)[k]);
        f(table, (const int16_t *)(const void *)BUF_A, n, (int16_t *)(void *)BUF_B);
        check_bytes(what, id++, BUF_B, BUF_C, 2 * n + 16);
    }
}

/* ---------------------------------------------------------------- silence gate */

static void test_silence_gate(void)
{
    int32_t i, k, n, t, id = 0;
    int16_t *const x = (int16_t *)(void *)BUF_A;
    int16_t *const want = (int16_t *)(void *)BUF_C;
    for (i = 0; i < N_SIZES; i++) {
        n = test_size(i);
        if (2 * n + 16 > BUF_BYTES) continue;
        /* silent_s16: a quiet frame, then one sample just over the threshold at every position class */
        for (t = 0; t <= 3; t++) {
            const int32_t thr = t == 3 ? 32767 : t;
            uint8_t got[2], exp[2];
            for (k = 0; k < n; k++) x[k] = (int16_t)(thr == 0 ? 0 : rnd_range(-thr, thr));
            got[0] = (uint8_t)dsl_silent_s16(x, n, thr);
            exp[0] = 1;
            got[1] = 0;
            exp[1] = 0;
            if (n > 0 && thr < 32767) {
                k = rnd_range(0, n - 1);
                x[k] = (int16_t)((rnd() & 1u) ? thr + 1 : -thr - 1);
                got[1] = (uint8_t)dsl_silent_s16(x, n, thr);
            }
            check_bytes("silent_s16", id++, got, exp, 2);
        }
        /* fade_out_s16: in place against int64 arithmetic; extremes at both ends, nothing past n written */
        if (n == 0) continue;
        fill_rnd(BUF_A, 2 * n + 16);
        x[0] = -32768;
        x[n - 1] = (n & 1) ? 32767 : -32768;
        for (k = 0; k < 2 * n + 16; k++) BUF_C[k] = BUF_A[k];
        for (k = 0; k < n; k++) {
            const int64_t p = (int64_t)x[k] * (n - k);
            want[k] = (int16_t)(p >= 0 ? p / n : -((-p) / n));
        }
        dsl_fade_out_s16(x, n);
        check_bytes("fade_out_s16", id++, BUF_A, BUF_C, 2 * n + 16);
    }
}

/* ---------------------------------------------------------------- add */

static int32_t ref_add1(const dsl_add_params_t *p, int32_t a, int32_t b)
{
    const int32_t a2 = dsl_requantize((a - p->a_zero_point) * (1 << p->left_shift), p->a_multiplier, p->a_shift);
    const int32_t b2 = dsl_requantize((b - p->b_zero_point) * (1 << p->left_shift), p->b_multiplier, p->b_shift);
    int32_t v = (int32_t)((uint32_t)dsl_requantize((int32_t)((uint32_t)a2 + (uint32_t)b2), p->out_multiplier, p->out_shift)
                          + (uint32_t)p->out_zero_point);
    v = v < p->act_min ? p->act_min : (v > p->act_max ? p->act_max : v);
    return p->lut ? p->lut[v + 128] : v;
}

/* random parameters: dslc's (left_shift 20, input shifts 0..-3, output shifts around -18) and,
   one set in three, the edges: left shifts 0..22, input shifts down to -25, output shifts
   -24..0, multipliers with few low bits (exact halves), zero points at both ends */
static void random_add(dsl_add_params_t *p, int8_t *lut, int32_t edge)
{
    static const int32_t round_m[4] = {0x40000000, 0x60000000, 0x50000000, 0x70000000};
    p->a_zero_point = rnd_range(-128, 127);
    p->b_zero_point = rnd_range(-128, 127);
    p->left_shift = edge ? rnd_range(0, 22) : 20;
    p->a_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
    p->b_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
    p->a_shift = edge ? rnd_range(-25, 0) : rnd_range(-3, 0);
    p->b_shift = edge ? rnd_range(-25, 0) : rnd_range(-3, 0);
    p->out_multiplier = (edge && (rnd() & 1u)) ? round_m[rnd() % 4u] : (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
    p->out_shift = edge ? rnd_range(-24, 0) : rnd_range(-20, -16);
    p->out_zero_point = rnd_range(-128, 127);
    p->act_min = (rnd() % 3u) ? -128 : rnd_range(-128, 0);
    p->act_max = (rnd() % 3u) ? 127 : rnd_range(0, 127);
    fill_rnd((uint8_t *)lut, 256);
    p->lut = (rnd() & 1u) ? lut : 0;
}

typedef void (*add_fn)(const dsl_add_params_t *, const int8_t *, const int8_t *, int32_t, int32_t, int32_t, int8_t *);

static void test_add_with(add_fn f, const char *what, int32_t iterations)
{
    int8_t lut[256];
    int32_t it, r, c, k;
    for (it = 0; it < iterations; it++) {
        dsl_add_params_t p;
        const int32_t rows = rnd_range(1, 9), ch = (it % 5 == 0) ? rnd_range(1, 200) : rnd_range(1, 40);
        const int32_t bcast = (int32_t)(rnd() & 1u);
        const int32_t n = rows * ch;
        const int8_t *a = (const int8_t *)(BUF_A + (it & 3));
        const int8_t *b = (const int8_t *)(BUF_B + ((it >> 2) & 3));
        if (n + 8 > BUF_BYTES) continue;
        random_add(&p, lut, it % 3 == 2);
        fill_rnd(BUF_A, n + 8);
        fill_rnd(BUF_B, n + 8);
        if (it % 3 == 2) { /* the extreme differences in - zp */
            BUF_A[it & 3] = p.a_zero_point >= 0 ? 0x80 : 0x7F;
            BUF_B[(it >> 2) & 3] = p.b_zero_point >= 0 ? 0x80 : 0x7F;
        }
        fill_rnd(BUF_C, n + 8);
        for (k = 0; k < n + 8; k++) BUF_D[k] = BUF_C[k];
        for (r = 0; r < rows; r++)
            for (c = 0; c < ch; c++)
                BUF_D[1 + r * ch + c] = (uint8_t)ref_add1(&p, a[r * ch + c], b[(bcast ? 0 : r * ch) + c]);
        f(&p, a, b, bcast ? 0 : ch, rows, ch, (int8_t *)(BUF_C + 1));
        check_bytes(what, it, BUF_C, BUF_D, n + 8);
    }
}

/* ---------------------------------------------------------------- instruction counts */

static void report(const char *what, uint64_t t0, uint64_t t1, uint64_t e)
{
    tp_puts("instructions ");
    tp_puts(what);
    tp_puts(": ");
    put_int((int64_t)tp_icount_instructions((t1 - t0) - e));
    tp_puts("\n");
}

/* the shipped model's shapes (dslc bench --layers): instructions per call on the target */
static void benchmark(void)
{
    int8_t lut[256];
    dsl_add_params_t p;
    uint64_t t0, t1, e0, e1;
    if (!tp_have_icount()) return;
    e0 = tp_icount_ticks();
    e1 = tp_icount_ticks();
    fill_rnd(BUF_A, 2048);
    t0 = tp_icount_ticks();
    dsl_copy_bytes(BUF_B + 4, BUF_A, 640);
    t1 = tp_icount_ticks();
    report("copy_bytes 640 B", t0, t1, e1 - e0);
    t0 = tp_icount_ticks();
    dsl_history_shift(BUF_A, 1152, 192);
    t1 = tp_icount_ticks();
    report("history_shift 1152+192 B", t0, t1, e1 - e0);
    fill_rnd((uint8_t *)lut, 256);
    t0 = tp_icount_ticks();
    dsl_lut_s8(lut, (const int8_t *)BUF_A, 128, (int8_t *)BUF_B);
    t1 = tp_icount_ticks();
    report("lut_s8 128 portable", t0, t1, e1 - e0);
#if defined(HAVE_VARIANT_dsl_lut_s8)
    t0 = tp_icount_ticks();
    dsl_lut_s8_variant(lut, (const int8_t *)BUF_A, 128, (int8_t *)BUF_B);
    t1 = tp_icount_ticks();
    report("lut_s8 128 " TEST_VARIANT, t0, t1, e1 - e0);
#endif
    t0 = tp_icount_ticks();
    dsl_curve_s16((const int16_t *)(const void *)BUF_B, (const int16_t *)(const void *)BUF_A, 640, (int16_t *)(void *)BUF_C);
    t1 = tp_icount_ticks();
    report("curve_s16 640 portable", t0, t1, e1 - e0);
#if defined(HAVE_VARIANT_dsl_curve_s16)
    t0 = tp_icount_ticks();
    dsl_curve_s16_variant((const int16_t *)(const void *)BUF_B, (const int16_t *)(const void *)BUF_A, 640, (int16_t *)(void *)BUF_C);
    t1 = tp_icount_ticks();
    report("curve_s16 640 " TEST_VARIANT, t0, t1, e1 - e0);
#endif
    /* an int16 add as dslc emits it (zero points 0, left_shift 15): the lean form (test_kernels_s16.c tests it) */
    p.a_zero_point = p.b_zero_point = p.out_zero_point = 0;
    p.left_shift = 15;
    p.a_multiplier = 0x40000000;
    p.a_shift = 0;
    p.b_multiplier = 0x5A827999;
    p.b_shift = -1;
    p.out_multiplier = 0x7FFFFFFF;
    p.out_shift = -14;
    p.act_min = -32768;
    p.act_max = 32767;
    p.lut = 0;
    t0 = tp_icount_ticks();
    dsl_add_s16(&p, (const int16_t *)(const void *)BUF_A, (const int16_t *)(const void *)BUF_B, 16, 8, 16, (int16_t *)(void *)BUF_C);
    t1 = tp_icount_ticks();
    report("add_s16 8x16 portable", t0, t1, e1 - e0);
#if defined(HAVE_VARIANT_dsl_add_s16)
    t0 = tp_icount_ticks();
    dsl_add_s16_variant(&p, (const int16_t *)(const void *)BUF_A, (const int16_t *)(const void *)BUF_B, 16, 8, 16, (int16_t *)(void *)BUF_C);
    t1 = tp_icount_ticks();
    report("add_s16 8x16 " TEST_VARIANT, t0, t1, e1 - e0);
#endif
    random_add(&p, lut, 0);
    p.act_min = -128;
    p.act_max = 127;
    p.lut = 0;
    t0 = tp_icount_ticks();
    dsl_add_s8(&p, (const int8_t *)BUF_A, (const int8_t *)BUF_B, 16, 8, 16, (int8_t *)BUF_C);
    t1 = tp_icount_ticks();
    report("add_s8 8x16 portable", t0, t1, e1 - e0);
#if defined(HAVE_VARIANT_dsl_add_s8)
    t0 = tp_icount_ticks();
    dsl_add_s8_variant(&p, (const int8_t *)BUF_A, (const int8_t *)BUF_B, 16, 8, 16, (int8_t *)BUF_C);
    t1 = tp_icount_ticks();
    report("add_s8 8x16 " TEST_VARIANT, t0, t1, e1 - e0);
#endif
}

/* ---------------------------------------------------------------- specialised add */

/* the variant's flavour of the body (the portable kernels in this program stay portable) */
#if defined(TEST_ADD_MVE)
#define DSL_ADD_MVE 1
#elif defined(TEST_ADD_DSP)
#define DSL_ADD_DSP 1
#endif
#include "dsl_add_s8_body.h"

/* what a step dslc specialises compiles: the body with the pre-shifts and form as constants
   (CAddForm), here for pre-shifts 21 / 20 (single rule: left shift 20, input shifts 0 / -1;
   tflite: both 21) and each output form */
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
#define SPEC_KA 21
#define SPEC_KB 21
#else
#define SPEC_KA 21
#define SPEC_KB 20
#endif
static void spec_add_sat(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t bs, int32_t rows, int32_t ch,
                         int8_t *out)
{
    dsl_add_s8_body(p, a, b, bs, rows, ch, out, SPEC_KA, SPEC_KB, DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE);
}
static void spec_add_lut(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t bs, int32_t rows, int32_t ch,
                         int8_t *out)
{
    dsl_add_s8_body(p, a, b, bs, rows, ch, out, SPEC_KA, SPEC_KB, DSL_ADD_LEAN | DSL_ADD_LUT);
}
static void spec_add_general(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t bs, int32_t rows,
                             int32_t ch, int8_t *out)
{
    dsl_add_s8_body(p, a, b, bs, rows, ch, out, 0, 0, DSL_ADD_GENERAL | DSL_ADD_NO_LUT);
}

typedef void (*spec_fn)(const dsl_add_params_t *, const int8_t *, const int8_t *, int32_t, int32_t, int32_t, int8_t *);

static void test_add_specialised(void)
{
    static const spec_fn fns[3] = {spec_add_sat, spec_add_lut, spec_add_general};
    static const char *const names[3] = {"add specialised sat", "add specialised lut", "add specialised general"};
    int8_t lut[256];
    int32_t it, r, c, k;
    for (it = 0; it < 600; it++) {
        const int32_t which = it % 3;
        dsl_add_params_t p;
        int32_t ka, kb;
        const int32_t rows = rnd_range(1, 9), ch = rnd_range(1, 40), bcast = (int32_t)(rnd() & 1u), n = rows * ch;
        random_add(&p, lut, 0);
        /* parameters of the instance's form */
        p.left_shift = 20;
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
        p.a_shift = rnd_range(-3, 0);
        p.b_shift = rnd_range(-3, 0);
#else
        p.a_shift = 0;
        p.b_shift = -1;
#endif
        p.out_zero_point = rnd_range(-128, 127);
        if (which == 0) {
            p.act_min = -128;
            p.act_max = 127;
            p.lut = 0;
        } else if (which == 1) {
            p.lut = lut;
        } else {
            p.lut = 0;
            p.out_shift = rnd_range(-1, 0); /* no output shortcut (single rule) */
            p.left_shift = rnd_range(0, 22);
        }
        if (which < 2 && (dsl_add_s8_form(&p, &ka, &kb) & DSL_ADD_LEAN) == 0) {
            check_bytes("add specialised parameters are lean", it, (const uint8_t *)"", (const uint8_t *)"x", 1);
            continue;
        }
        fill_rnd(BUF_A, n);
        fill_rnd(BUF_B, n);
        fill_rnd(BUF_C, n + 2);
        for (k = 0; k < n + 2; k++) BUF_D[k] = BUF_C[k];
        for (r = 0; r < rows; r++)
            for (c = 0; c < ch; c++)
                BUF_D[1 + r * ch + c] = (uint8_t)ref_add1(&p, (int8_t)BUF_A[r * ch + c], (int8_t)BUF_B[(bcast ? 0 : r * ch) + c]);
        fns[which](&p, (const int8_t *)BUF_A, (const int8_t *)BUF_B, bcast ? 0 : ch, rows, ch, (int8_t *)(BUF_C + 1));
        check_bytes(names[which], it, BUF_C, BUF_D, n + 2);
    }
}

/* the specialised add of the shipped model's 8x16 shape (pre-shifts 21 / 20, int8 clamp, no LUT) */
static void benchmark_specialised(void)
{
    int8_t lut[256];
    dsl_add_params_t p;
    uint64_t t0, t1, e0, e1;
    if (!tp_have_icount()) return;
    random_add(&p, lut, 0);
    p.left_shift = 20;
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    p.a_shift = 0;
    p.b_shift = -1;
#endif
    p.act_min = -128;
    p.act_max = 127;
    p.lut = 0;
    e0 = tp_icount_ticks();
    e1 = tp_icount_ticks();
    t0 = tp_icount_ticks();
    spec_add_sat(&p, (const int8_t *)BUF_A, (const int8_t *)BUF_B, 16, 8, 16, (int8_t *)BUF_C);
    t1 = tp_icount_ticks();
    report("add_s8 8x16 specialised", t0, t1, e1 - e0);
}

int main(void)
{
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    tp_puts("test_elementwise, rounding: double (TFLite/CMSIS-NN)\n");
#else
    tp_puts("test_elementwise, rounding: single (default)\n");
#endif
    test_copy_bytes();
    test_history_shift();
    test_lut_with(dsl_lut_s8, "lut_s8");
#if defined(HAVE_VARIANT_dsl_lut_s8)
    test_lut_with(dsl_lut_s8_variant, "lut_s8 variant");
#endif
    test_curve_with(dsl_curve_s16, "curve_s16");
#if defined(HAVE_VARIANT_dsl_curve_s16)
    test_curve_with(dsl_curve_s16_variant, "curve_s16 variant");
#endif
    test_silence_gate();
    test_add_with(dsl_add_s8, "add_s8", 1500);
#if defined(HAVE_VARIANT_dsl_add_s8)
    test_add_with(dsl_add_s8_variant, "add_s8 variant", 1500);
#endif
    test_add_specialised();
    benchmark();
    benchmark_specialised();
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
