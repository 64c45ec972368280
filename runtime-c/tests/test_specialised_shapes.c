/*
 * test_specialised_shapes.c - the kernel bodies instantiated as dslc's specialised steps (shape and
 * output-stage form as compile-time constants, specialised_c.scriban) are the library kernels, bit for
 * bit, on shapes beyond the shipped model's: odd channel counts, in_channels x kernel not a multiple of
 * 4, dilation 2-9, groups, depthwise, stride > kernel, one row, int16 input (dsl_conv1d_s16_s8 body),
 * int16 output (s8_s16), transposed convs.
 *
 * Each case is compiled twice: with the form dslc would pass for its stage (CStageForm: shortcut,
 * wide, LUT or not, int8 range; the test checks that its parameters really have that form) and with
 * DSL_STAGE_GENERAL on unconstrained parameters (any shift, LUT, clamp). Every instance runs on
 * random data and is compared with the portable library kernel (src/portable) and with a naive
 * reference written from the formulas of dsl_kernels.h (which shares no code with the bodies), and
 * the bytes after the output must stay untouched.
 * Variant: -DSPEC_VARIANT_DSP or -DSPEC_VARIANT_MVE (on the host through tests/shim), else portable;
 * the rounding rule from -DDSL_REQUANT_DOUBLE_ROUNDING. No libc calls: runs on the host and on QEMU.
 * Prints one line per failure and a final "N passed, M failed"; returns M != 0.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_kernel_internal.h"
#include "test_platform.h"
#include "test_tconv_layout.h"

/* the conv1d skeleton dslc instantiates for the variant (CKernelBody.For) */
#if defined(SPEC_VARIANT_DSP)
#include "dsl_kernel_dsp.h"
#define SPEC_DOT(f) dsl_dsp_##f
#define SPEC_CONV1D_SKELETON "dsl_conv1d_dsp_body.h"
#elif defined(SPEC_VARIANT_MVE)
#include "dsl_kernel_mve.h"
#define SPEC_DOT(f) dsl_mve_##f
#define SPEC_CONV1D_SKELETON "dsl_conv1d_mve_body.h"
#else
#define SPEC_DOT(f) dsl_##f
#define SPEC_CONV1D_SKELETON "dsl_conv1d_body.h"
#endif

/* ---------------------------------------------------------------- the bodies, as a generated path file */

#define DSL_CONV1D_BODY spec_conv1d_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_DOT(f) SPEC_DOT(f)
#include SPEC_CONV1D_SKELETON
#define DSL_CONV1D_BODY spec_conv1d_s16_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_CONV1D_16X8
#define DSL_DOT(f) SPEC_DOT(f)
#include SPEC_CONV1D_SKELETON
#define DSL_CONV1D_BODY spec_conv1d_s8_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_DOT(f) SPEC_DOT(f)
#include SPEC_CONV1D_SKELETON
#define DSL_DOT(f) SPEC_DOT(f)
#include "dsl_conv_transpose1d_body.h"

/* ---------------------------------------------------------------- the cases
 * X(id, op, in_channels, out_channels, kernel, stride, dilation, groups, rows, stage)
 * op: S8 (dsl_conv1d_s8), S16S8 (int16 in), S8S16 (int16 out), T (dsl_conv_transpose1d_s8; rows are
 * input rows, groups 1). stage: the parameters drawn for the dslc-form instance (make_stage), and with
 * them the form:
 *   PLAIN    shift -12..-2, no LUT, clamp -128..127   SHORTCUT | NO_LUT | INT8_RANGE (| ZP_IN_ROUND, default rule:
 *            every shortcut stage has a zero point != 0 that folds into the rounding term)
 *   LUT      shift -12..-2, LUT, narrowed clamp        SHORTCUT | LUT (| ZP_IN_ROUND)
 *   RELU     shift -12..-2, no LUT, act_min = zero point   SHORTCUT | NO_LUT (| ZP_IN_ROUND)
 *   MIXED    shift -4..2, one channel 1 (no shortcut)  NO_LUT | INT8_RANGE
 *   WIDE8    shift -1 or 0, no LUT, clamp -128..127    WIDE (default rule) / SHORTCUT (TFLite rule)
 *            | NO_LUT | INT8_RANGE
 *   PLAIN16  int16 out, shift -12..-2, clamp -32768..32767   SHORTCUT | INT16_RANGE (| ZP_IN_ROUND)
 *   WIDE16   int16 out, shift -1 or 0, narrowed clamp  WIDE (default rule) / SHORTCUT (TFLite rule)
 */
#define SPEC_CASES(X)                                                 \
    X(c01, S8, 1, 1, 1, 1, 1, 1, 1, PLAIN)    /* smallest */          \
    X(c02, S8, 3, 5, 3, 1, 1, 1, 7, PLAIN)    /* cin*k = 9 */         \
    X(c03, S8, 5, 3, 2, 1, 1, 1, 1, LUT)      /* one row */           \
    X(c04, S8, 7, 7, 5, 1, 2, 1, 9, PLAIN)    /* dilation 2 */        \
    X(c05, S8, 8, 8, 7, 1, 9, 1, 11, RELU)    /* dilation 9 */        \
    X(c06, S8, 8, 8, 3, 1, 3, 1, 10, LUT)     /* dilation 3 */        \
    X(c07, S8, 2, 2, 4, 2, 1, 1, 5, PLAIN)    /* stride 2 */          \
    X(c08, S8, 4, 6, 2, 3, 1, 1, 6, MIXED)    /* stride > kernel */   \
    X(c09, S8, 6, 6, 3, 1, 1, 3, 8, PLAIN)    /* groups 3 */          \
    X(c10, S8, 8, 8, 3, 1, 1, 8, 9, LUT)      /* depthwise */         \
    X(c11, S8, 5, 5, 5, 1, 2, 5, 4, PLAIN)    /* depthwise, dil 2 */  \
    X(c12, S8, 12, 12, 1, 1, 1, 1, 13, PLAIN) /* k1 */                \
    X(c13, S8, 16, 16, 1, 1, 1, 1, 3, MIXED)  /* k1, 16 ch */         \
    X(c14, S8, 24, 24, 3, 1, 1, 1, 5, PLAIN)  /* mve's limit */       \
    X(c15, S8, 9, 17, 2, 2, 1, 1, 3, RELU)    /* odd, stride 2 */     \
    X(c16, S8, 1, 4, 4, 2, 1, 1, 7, PLAIN)    /* one input channel */ \
    X(c17, S8, 3, 1, 7, 1, 1, 1, 1, PLAIN)    /* one out, one row */  \
    X(c18, S8, 8, 6, 9, 2, 4, 1, 5, LUT)      /* dilation + stride */ \
    X(c19, S8, 4, 8, 3, 1, 2, 2, 6, PLAIN)    /* groups + dilation */ \
    X(c20, S8, 33, 3, 1, 1, 1, 1, 1, PLAIN)   /* FC, 33 inputs */     \
    X(c21, S8, 20, 12, 3, 5, 1, 1, 2, MIXED)  /* stride 5 > k 3 */    \
    X(c22, S8, 2, 4, 6, 4, 1, 1, 4, PLAIN)    /* k not mult of s */   \
    X(c23, S8, 6, 5, 3, 1, 1, 1, 6, WIDE8)    /* shift -1 or 0 */     \
    X(c24, S8, 2, 4, 2, 1, 1, 1, 40, LUT)     /* window 4 (mve outer) */ \
    X(c25, S8, 1, 5, 3, 1, 2, 1, 6, PLAIN)    /* outer, dil 2, 5 ch */ \
    X(c26, S8, 3, 11, 1, 2, 1, 1, 5, MIXED)   /* outer, 11 ch */      \
    X(i01, S16S8, 1, 4, 4, 2, 1, 1, 9, PLAIN) /* first layer */       \
    X(i02, S16S8, 1, 3, 5, 1, 1, 1, 6, LUT)                           \
    X(i03, S16S8, 2, 5, 3, 1, 2, 1, 5, PLAIN) /* dilated */           \
    X(i04, S16S8, 3, 2, 2, 3, 1, 1, 1, RELU)  /* one row, s > k */    \
    X(i05, S16S8, 4, 4, 3, 1, 1, 4, 3, PLAIN) /* depthwise */         \
    X(i06, S16S8, 1, 7, 2, 3, 1, 1, 5, RELU)  /* outer, s > k */      \
    X(o01, S8S16, 2, 1, 7, 1, 1, 1, 10, WIDE16) /* last layer */      \
    X(o02, S8S16, 4, 1, 3, 1, 1, 1, 1, PLAIN16)                       \
    X(o03, S8S16, 5, 3, 2, 1, 3, 1, 4, WIDE16)                        \
    X(o04, S8S16, 3, 3, 3, 1, 1, 3, 5, PLAIN16) /* depthwise */       \
    X(o05, S8S16, 2, 3, 2, 1, 1, 1, 7, PLAIN16) /* outer */           \
    X(r01, S8S16, 2, 1, 5, 1, 1, 1, 13, WIDE16) /* row blocks: rows % 4 */ \
    X(r02, S8, 3, 1, 5, 1, 1, 1, 20, PLAIN)   /* odd step: 4 streams */ \
    X(r03, S8S16, 8, 1, 7, 1, 1, 1, 9, PLAIN16) /* heavy last layer */  \
    X(r04, S8, 1, 1, 9, 1, 1, 1, 37, LUT)     /* step 1 */            \
    X(r05, S8, 3, 3, 3, 2, 1, 1, 11, MIXED)   /* no overlap in a stream */ \
    X(r06, S8, 2, 1, 7, 3, 1, 1, 18, RELU)    /* stride 3: 2 streams */          \
    X(r07, S8, 5, 1, 12, 1, 1, 1, 21, PLAIN)  /* window 60, last block reads past */ \
    X(r08, S8, 5, 1, 13, 1, 1, 1, 21, PLAIN)  /* window 65: no blocks */ \
    X(r09, S8S16, 2, 3, 5, 2, 1, 1, 9, WIDE16) /* stride 2, 3 channels */ \
    X(t01, T, 8, 4, 4, 2, 1, 1, 5, PLAIN)                             \
    X(t02, T, 4, 2, 6, 3, 1, 1, 4, LUT)                               \
    X(t03, T, 2, 2, 3, 2, 2, 1, 3, PLAIN)     /* dilation 2 */        \
    X(t04, T, 3, 5, 2, 3, 1, 1, 4, MIXED)     /* stride > kernel */   \
    X(t05, T, 5, 3, 5, 1, 1, 1, 2, RELU)      /* stride 1 */          \
    X(t06, T, 7, 9, 16, 8, 1, 1, 1, PLAIN)    /* k16 s8, one row */   \
    X(t07, T, 6, 3, 4, 2, 1, 1, 3, WIDE8)

/* random draws per instance (dslc form, general form) */
#define SPEC_REPEATS 3

enum { ST_PLAIN, ST_LUT, ST_RELU, ST_MIXED, ST_WIDE8, ST_PLAIN16, ST_WIDE16 };
#define SPEC_ST_PLAIN ST_PLAIN
#define SPEC_ST_LUT ST_LUT
#define SPEC_ST_RELU ST_RELU
#define SPEC_ST_MIXED ST_MIXED
#define SPEC_ST_WIDE8 ST_WIDE8
#define SPEC_ST_PLAIN16 ST_PLAIN16
#define SPEC_ST_WIDE16 ST_WIDE16

/* the form CStageForm gives each stage kind */
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
#define SPEC_FORM_ZP 0
#else
#define SPEC_FORM_ZP DSL_STAGE_ZP_IN_ROUND /* shortcut, zero point != 0 and small shifts: it folds */
#endif
#define SPEC_FORM_PLAIN (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE | SPEC_FORM_ZP)
#define SPEC_FORM_LUT (DSL_STAGE_SHORTCUT | DSL_STAGE_LUT | SPEC_FORM_ZP)
#define SPEC_FORM_RELU (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | SPEC_FORM_ZP)
#define SPEC_FORM_MIXED (DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE)
#define SPEC_FORM_PLAIN16 (DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE | SPEC_FORM_ZP)
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
#define SPEC_FORM_WIDE16 DSL_STAGE_SHORTCUT
#else
#define SPEC_FORM_WIDE16 DSL_STAGE_WIDE
#endif
#define SPEC_FORM_WIDE8 (SPEC_FORM_WIDE16 | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE)

/* per op: params type, element types, body call, library (reference) kernel */
#define SPEC_PARAMS_S8 dsl_conv1d_params_t
#define SPEC_PARAMS_S16S8 dsl_conv1d_params_t
#define SPEC_PARAMS_S8S16 dsl_conv1d_params_t
#define SPEC_PARAMS_T dsl_conv_transpose1d_params_t
#define SPEC_IN_S8 int8_t
#define SPEC_IN_S16S8 int16_t
#define SPEC_IN_S8S16 int8_t
#define SPEC_IN_T int8_t
#define SPEC_OUT_S8 int8_t
#define SPEC_OUT_S16S8 int8_t
#define SPEC_OUT_S8S16 int16_t
#define SPEC_OUT_T int8_t
#define SPEC_CALL_S8(p, in, rows, out, ci, co, k, s, d, g, form) \
    spec_conv1d_s8_body(p, in, rows, out, ci, co, k, s, d, g, form)
#define SPEC_CALL_S16S8(p, in, rows, out, ci, co, k, s, d, g, form) \
    spec_conv1d_s16_s8_body(p, in, rows, out, ci, co, k, s, d, g, form)
#define SPEC_CALL_S8S16(p, in, rows, out, ci, co, k, s, d, g, form) \
    spec_conv1d_s8_s16_body(p, in, rows, out, ci, co, k, s, d, g, form)
#define SPEC_CALL_T(p, in, rows, out, ci, co, k, s, d, g, form) \
    dsl_conv_transpose1d_s8_body(p, in, rows, out, ci, co, k, s, d, form)
#define SPEC_RUN_S8 run_conv_s8
#define SPEC_RUN_S16S8 run_conv_s16_s8
#define SPEC_RUN_S8S16 run_conv_s8_s16
#define SPEC_RUN_T run_tconv

/* ---------------------------------------------------------------- output */

static int g_passed, g_failed;

static void put_int(int64_t v)
{
    char buf[24];
    int n = sizeof buf - 1;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    buf[n] = 0;
    do {
        buf[--n] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0);
    if (v < 0) buf[--n] = '-';
    tp_puts(buf + n);
}

static void fail(const char *id, const char *what, int32_t at, int32_t got, int32_t expected)
{
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(id);
    tp_puts(" ");
    tp_puts(what);
    tp_puts(": at ");
    put_int(at);
    tp_puts(" got ");
    put_int(got);
    tp_puts(", expected ");
    put_int(expected);
    tp_puts("\n");
}

/* ---------------------------------------------------------------- random data */

static uint32_t g_rng = 0x5EC1A115u;

static uint32_t rnd(void) /* xorshift32 */
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

static int32_t rnd_range(int32_t lo, int32_t hi) { return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1)); }

#define SPEC_MAX_IN 1024  /* elements, checked per case */
#define SPEC_MAX_W 2048
#define SPEC_MAX_OUT 512
#define SPEC_MAX_CH 64
#define SPEC_GUARD 16     /* bytes after the output that must stay untouched */

static int8_t g_in8[SPEC_MAX_IN];
static int16_t g_in16[SPEC_MAX_IN];
static int8_t g_w[SPEC_MAX_W];
static int8_t g_wt[SPEC_MAX_W]; /* transposed convs: g_w re-laid phase-major */
static int32_t g_bias[8 * SPEC_MAX_CH], g_mult[SPEC_MAX_CH], g_shift[SPEC_MAX_CH];
static int8_t g_lut[256];
static int8_t g_ref8[SPEC_MAX_OUT + SPEC_GUARD], g_out8[SPEC_MAX_OUT + SPEC_GUARD];
static int16_t g_ref16[SPEC_MAX_OUT + SPEC_GUARD], g_out16[SPEC_MAX_OUT + SPEC_GUARD];
static int32_t g_naive[SPEC_MAX_OUT];

/* a static check that every case fits the buffers (a negative array size stops the build) */
#define SPEC_FITS(id, op, ci, co, k, s, d, g, rows, stage)                                                  \
    typedef char spec_fits_##id[((rows) * (s) + ((k) - 1) * (d) + 1) * (ci) <= SPEC_MAX_IN &&              \
                                        (co) * (k) * (ci) <= SPEC_MAX_W &&                                  \
                                        (rows) * (s) * (co) <= SPEC_MAX_OUT && (co) <= SPEC_MAX_CH &&       \
                                        (s) <= 8                                                            \
                                    ? 1                                                                     \
                                    : -1];
SPEC_CASES(SPEC_FITS)

/* the output stage: dslc_form = 0 draws unconstrained parameters (for the DSL_STAGE_GENERAL instance),
   else parameters of the stage kind (for the instance with the kind's form) */
static void make_stage(dsl_output_stage_t *s, int32_t cout, int32_t bias_sets, int32_t kind, int32_t int16_in,
                       int32_t dslc_form)
{
    const int32_t s16_out = kind == ST_PLAIN16 || kind == ST_WIDE16;
    /* shift -1 or 0 scales by 0.25-1: small accumulators (small_weights), else every int8 output saturates */
    const int32_t bias_range = kind == ST_WIDE8 && dslc_form ? 64 : int16_in ? 1 << 20 : 1 << 14;
    int32_t o;
    for (o = 0; o < cout * bias_sets; o++) g_bias[o] = rnd_range(-bias_range, bias_range);
    for (o = 0; o < 256; o++) g_lut[o] = (int8_t)rnd_range(-128, 127);
    for (o = 0; o < cout; o++) {
        g_mult[o] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        if (!dslc_form) {
            g_shift[o] = rnd_range(-16, 4);
            if ((rnd() % 8u) == 0) g_shift[o] = rnd_range(-31, 30);
            if ((rnd() % 16u) == 0) g_mult[o] = 0;
        } else if (kind == ST_MIXED) {
            g_shift[o] = o == 0 ? 1 : rnd_range(-4, 2);
        } else if (kind == ST_WIDE8 || kind == ST_WIDE16) {
            g_shift[o] = rnd_range(-1, 0);
        } else {
            g_shift[o] = rnd_range(-12, -2);
        }
    }
    s->bias = g_bias;
    s->multiplier = g_mult;
    s->shift = g_shift;
    if (s16_out) {
        s->out_zero_point = rnd_range(-300, 300);
        s->act_min = -32768;
        s->act_max = 32767;
        if (dslc_form && s->out_zero_point == 0) s->out_zero_point = 1;
        if (!dslc_form || kind == ST_WIDE16) { /* PLAIN16: INT16_RANGE, WIDE16: narrowed */
            s->act_min = rnd_range(-32768, 0);
            s->act_max = rnd_range(0, 32767);
        }
        s->lut = 0;
        return;
    }
    s->out_zero_point = rnd_range(-40, 40);
    if (s->out_zero_point == 0) s->out_zero_point = -41; /* a zero point to fold (DSL_STAGE_ZP_IN_ROUND) */
    s->act_min = -128;
    s->act_max = 127;
    s->lut = 0;
    if (!dslc_form) {
        s->out_zero_point = rnd_range(-128, 127);
        if (rnd() & 1u) s->act_min = rnd_range(-128, 0);
        if (rnd() & 1u) s->act_max = rnd_range(0, 127);
        if (rnd() & 1u) s->lut = g_lut;
    } else if (kind == ST_LUT) {
        s->act_min = rnd_range(-128, -1); /* narrowed at the top at least: no INT8_RANGE */
        s->act_max = rnd_range(0, 126);
        s->lut = g_lut;
    } else if (kind == ST_RELU) {
        s->act_min = s->out_zero_point;
    }
}

/* the form dslc's CStageForm.For gives a stage: the test's parameters must have the form it claims */
static dsl_stage_form_t cstage_form(const dsl_output_stage_t *s, int32_t cout, int32_t s16_out)
{
    dsl_stage_form_t f = 0;
    int32_t o, shortcut = 1, wide = 1;
    for (o = 0; o < cout; o++) {
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
        shortcut &= s->shift[o] <= 0 && s->multiplier[o] >= 0;
        wide = 0;
#else
        shortcut &= s->shift[o] <= -2;
        wide &= s->multiplier[o] >= 0 && (s->shift[o] == -1 || s->shift[o] == 0);
#endif
    }
    if (shortcut) f |= DSL_STAGE_SHORTCUT;
    else if (wide) f |= DSL_STAGE_WIDE;
    if (!s16_out) {
        f |= s->lut == 0 ? DSL_STAGE_NO_LUT : DSL_STAGE_LUT;
        if (s->act_min == -128 && s->act_max == 127) f |= DSL_STAGE_INT8_RANGE;
    } else if (s->act_min == -32768 && s->act_max == 32767) {
        f |= DSL_STAGE_INT16_RANGE;
    }
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if ((f & DSL_STAGE_SHORTCUT) && s->out_zero_point != 0) { /* |h| <= 2^30, round = 2^(right - 1) */
        int32_t fits = 1;
        for (o = 0; o < cout; o++) {
            const int32_t right = -1 - s->shift[o];
            const int64_t zp = (int64_t)s->out_zero_point * ((int64_t)1 << right);
            fits &= right <= 30 && ((int64_t)1 << 30) + ((int64_t)1 << (right - 1)) + (zp > 0 ? zp : 0) <= INT32_MAX &&
                    -((int64_t)1 << 30) + (zp < 0 ? zp : 0) >= INT32_MIN;
        }
        if (fits) f |= DSL_STAGE_ZP_IN_ROUND;
    }
#endif
    return f;
}

/* ---------------------------------------------------------------- one case */

typedef struct {
    const char *id;
    int32_t cin, cout, kernel, stride, dilation, groups, rows, stage;
    dsl_stage_form_t form; /* the dslc-form instance's constant */
} spec_case_t;

static int32_t in_rows(const spec_case_t *c, int32_t transposed)
{
    if (transposed) return (c->kernel - 1) * c->dilation / c->stride + c->rows; /* history + rows */
    return (c->rows - 1) * c->stride + (c->kernel - 1) * c->dilation + 1;
}

static void fill_s8(int8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) p[i] = (int8_t)rnd_range(-128, 127);
}

/* weights: full range, or -2..2 where the stage's scale is near 1 (int8 outputs with shift -1 or 0) */
static void fill_weights(int32_t n, int32_t kind, int32_t dslc_form)
{
    int32_t i;
    if (kind == ST_WIDE8 && dslc_form) {
        for (i = 0; i < n; i++) g_w[i] = (int8_t)rnd_range(-2, 2);
    } else {
        fill_s8(g_w, n);
    }
}

static void fill_s16(int16_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) p[i] = (int16_t)rnd_range(-32768, 32767);
}

/* the pattern the output buffers hold before a run: after the n outputs it must still be there */
#define SPEC_PATTERN(i) (0x5A ^ (i))

/* compare n outputs with the reference's, and the guard after them with the pattern */
#define SPEC_DEFINE_COMPARE(name, type)                                                                   \
    static void name(const char *id, const char *what, const type *got, const type *ref, int32_t n)     \
    {                                                                                                     \
        int32_t i;                                                                                        \
        for (i = 0; i < n + SPEC_GUARD; i++) {                                                            \
            const type expected = i < n ? ref[i] : (type)SPEC_PATTERN(i);                                 \
            if (got[i] != expected || ref[i] != expected) {                                               \
                fail(id, i < n ? what : "writes past its output", i, got[i], expected);                   \
                return;                                                                                   \
            }                                                                                             \
        }                                                                                                 \
        g_passed++;                                                                                       \
    }
SPEC_DEFINE_COMPARE(compare_s8, int8_t)
SPEC_DEFINE_COMPARE(compare_s16, int16_t)

/* compare n outputs with the naive reference */
#define SPEC_DEFINE_COMPARE_NAIVE(name, type)                                                             \
    static void name(const char *id, const type *got, int32_t n)                                         \
    {                                                                                                     \
        int32_t i;                                                                                        \
        for (i = 0; i < n; i++) {                                                                         \
            if (got[i] != g_naive[i]) {                                                                   \
                fail(id, "vs the naive reference", i, got[i], g_naive[i]);                                \
                return;                                                                                   \
            }                                                                                             \
        }                                                                                                 \
        g_passed++;                                                                                       \
    }
SPEC_DEFINE_COMPARE_NAIVE(compare_naive_s8, int8_t)
SPEC_DEFINE_COMPARE_NAIVE(compare_naive_s16, int16_t)

/* ---------------------------------------------------------------- naive references (dsl_kernels.h) */

/* requantize, + out_zero_point (int32, wrapping), clamp, then lut[v + 128] */
static int32_t naive_stage(const dsl_output_stage_t *s, int32_t o, int64_t acc)
{
    const int32_t r = dsl_requantize((int32_t)acc, s->multiplier[o], s->shift[o]);
    int32_t v = (int32_t)((uint32_t)r + (uint32_t)s->out_zero_point);
    v = v < s->act_min ? s->act_min : v > s->act_max ? s->act_max : v;
    return s->lut != 0 ? s->lut[v + 128] : v;
}

/* out[t][o] = stage(bias[o] + sum_j sum_c w[o][j][c] * in[t * stride + j * dilation][group(o) * cg + c]) */
static void naive_conv(const dsl_conv1d_params_t *p, const int8_t *in8, const int16_t *in16, int32_t rows)
{
    const int32_t cg = p->in_channels / p->groups, og = p->out_channels / p->groups;
    int32_t t, o, j, c;
    for (t = 0; t < rows; t++) {
        for (o = 0; o < p->out_channels; o++) {
            int64_t acc = p->stage.bias[o];
            for (j = 0; j < p->kernel; j++) {
                for (c = 0; c < cg; c++) {
                    const int32_t at = (t * p->stride + j * p->dilation) * p->in_channels + (o / og) * cg + c;
                    acc += (int64_t)p->weights[(o * p->kernel + j) * cg + c] * (in8 ? in8[at] : in16[at]);
                }
            }
            g_naive[t * p->out_channels + o] = naive_stage(&p->stage, o, acc);
        }
    }
}

/* out[n][o] = stage(bias[n % stride][o] + sum over i * stride + j * dilation == n + history * stride
   of sum_c w[o][j][c] * in[i][c]), gathered per output; w in the tap layout [out][kernel][in] */
static void naive_tconv(const dsl_conv_transpose1d_params_t *p, const int8_t *w, const int8_t *in, int32_t in_rows)
{
    const int32_t history = (p->kernel - 1) * p->dilation / p->stride;
    int32_t n, o, j, c;
    for (n = 0; n < in_rows * p->stride; n++) {
        for (o = 0; o < p->out_channels; o++) {
            int64_t acc = p->stage.bias[(n % p->stride) * p->out_channels + o];
            for (j = 0; j < p->kernel; j++) {
                const int32_t m = n + history * p->stride - j * p->dilation;
                if (m < 0 || m % p->stride != 0) continue;
                for (c = 0; c < p->in_channels; c++) {
                    acc += (int64_t)w[(o * p->kernel + j) * p->in_channels + c] *
                           in[(m / p->stride) * p->in_channels + c];
                }
            }
            g_naive[n * p->out_channels + o] = naive_stage(&p->stage, o, acc);
        }
    }
}

static void check_form(const spec_case_t *c, const dsl_output_stage_t *s, int32_t s16_out)
{
    const dsl_stage_form_t f = cstage_form(s, c->cout, s16_out);
    if (f != c->form) fail(c->id, "test parameters do not have the instance's form", 0, f, c->form);
    else g_passed++;
}

static void guard_fill_s8(int8_t *a, int8_t *b)
{
    int32_t i;
    for (i = 0; i < SPEC_MAX_OUT + SPEC_GUARD; i++) a[i] = b[i] = (int8_t)SPEC_PATTERN(i);
}

static void guard_fill_s16(int16_t *a, int16_t *b)
{
    int32_t i;
    for (i = 0; i < SPEC_MAX_OUT + SPEC_GUARD; i++) a[i] = b[i] = (int16_t)SPEC_PATTERN(i);
}

static void conv_params(const spec_case_t *c, dsl_conv1d_params_t *p, int32_t int16_in, int32_t dslc_form)
{
    p->in_channels = c->cin;
    p->out_channels = c->cout;
    p->kernel = c->kernel;
    p->stride = c->stride;
    p->dilation = c->dilation;
    p->groups = c->groups;
    fill_weights(c->cout * c->kernel * (c->cin / c->groups), c->stage, dslc_form);
    p->weights = g_w;
    make_stage(&p->stage, c->cout, 1, c->stage, int16_in, dslc_form);
}

typedef void (*conv_s8_step)(const dsl_conv1d_params_t *p, const int8_t *in, int8_t *out);
typedef void (*conv_s16_s8_step)(const dsl_conv1d_params_t *p, const int16_t *in, int8_t *out);
typedef void (*conv_s8_s16_step)(const dsl_conv1d_params_t *p, const int8_t *in, int16_t *out);
typedef void (*tconv_step)(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int8_t *out);

static void run_conv_s8(const spec_case_t *c, conv_s8_step dslc, conv_s8_step general)
{
    int32_t r, g;
    for (r = 0; r < SPEC_REPEATS; r++) {
        for (g = 0; g < 2; g++) {
            dsl_conv1d_params_t p;
            conv_params(c, &p, 0, !g);
            if (!g) check_form(c, &p.stage, 0);
            fill_s8(g_in8, in_rows(c, 0) * c->cin);
            guard_fill_s8(g_ref8, g_out8);
            dsl_conv1d_s8(&p, g_in8, c->rows, g_ref8);
            (g ? general : dslc)(&p, g_in8, g_out8);
            compare_s8(c->id, g ? "general form" : "dslc form", g_out8, g_ref8, c->rows * c->cout);
            naive_conv(&p, g_in8, 0, c->rows);
            compare_naive_s8(c->id, g_out8, c->rows * c->cout);
        }
    }
}

static void run_conv_s16_s8(const spec_case_t *c, conv_s16_s8_step dslc, conv_s16_s8_step general)
{
    int32_t r, g;
    for (r = 0; r < SPEC_REPEATS; r++) {
        for (g = 0; g < 2; g++) {
            dsl_conv1d_params_t p;
            conv_params(c, &p, 1, !g);
            if (!g) check_form(c, &p.stage, 0);
            fill_s16(g_in16, in_rows(c, 0) * c->cin);
            guard_fill_s8(g_ref8, g_out8);
            dsl_conv1d_s16_s8(&p, g_in16, c->rows, g_ref8);
            (g ? general : dslc)(&p, g_in16, g_out8);
            compare_s8(c->id, g ? "general form" : "dslc form", g_out8, g_ref8, c->rows * c->cout);
            naive_conv(&p, 0, g_in16, c->rows);
            compare_naive_s8(c->id, g_out8, c->rows * c->cout);
        }
    }
}

static void run_conv_s8_s16(const spec_case_t *c, conv_s8_s16_step dslc, conv_s8_s16_step general)
{
    int32_t r, g;
    for (r = 0; r < SPEC_REPEATS; r++) {
        for (g = 0; g < 2; g++) {
            dsl_conv1d_params_t p;
            conv_params(c, &p, 0, !g);
            if (!g) check_form(c, &p.stage, 1);
            fill_s8(g_in8, in_rows(c, 0) * c->cin);
            guard_fill_s16(g_ref16, g_out16);
            dsl_conv1d_s8_s16(&p, g_in8, c->rows, g_ref16);
            (g ? general : dslc)(&p, g_in8, g_out16);
            compare_s16(c->id, g ? "general form" : "dslc form", g_out16, g_ref16, c->rows * c->cout);
            naive_conv(&p, g_in8, 0, c->rows);
            compare_naive_s16(c->id, g_out16, c->rows * c->cout);
        }
    }
}

static void run_tconv(const spec_case_t *c, tconv_step dslc, tconv_step general)
{
    int32_t r, g;
    for (r = 0; r < SPEC_REPEATS; r++) {
        for (g = 0; g < 2; g++) {
            dsl_conv_transpose1d_params_t p;
            p.in_channels = c->cin;
            p.out_channels = c->cout;
            p.kernel = c->kernel;
            p.stride = c->stride;
            p.dilation = c->dilation;
            fill_weights(c->cout * c->kernel * c->cin, c->stage, !g);
            relay_tconv_weights(&p, g_w, g_wt); /* the kernels read them phase-major */
            p.weights = g_wt;
            make_stage(&p.stage, c->cout, c->stride, c->stage, 0, !g);
            if (!g) check_form(c, &p.stage, 0);
            fill_s8(g_in8, in_rows(c, 1) * c->cin);
            guard_fill_s8(g_ref8, g_out8);
            dsl_conv_transpose1d_s8(&p, g_in8, c->rows, g_ref8);
            (g ? general : dslc)(&p, g_in8, g_out8);
            compare_s8(c->id, g ? "general form" : "dslc form", g_out8, g_ref8, c->rows * c->stride * c->cout);
            naive_tconv(&p, g_w, g_in8, c->rows);
            compare_naive_s8(c->id, g_out8, c->rows * c->stride * c->cout);
        }
    }
}

/* ---------------------------------------------------------------- the instances */

#if defined(__GNUC__)
#define SPEC_NOINLINE __attribute__((noinline))
#else
#define SPEC_NOINLINE
#endif

/* per case: the step with dslc's form, the step with the general form, and its run */
#define SPEC_INSTANCE(id, op, ci, co, k, s, d, g, rows, stage)                                              \
    DSL_HOT SPEC_NOINLINE static void spec_##id##_dslc(const SPEC_PARAMS_##op *p, const SPEC_IN_##op *in,   \
                                                       SPEC_OUT_##op *out)                                  \
    {                                                                                                       \
        SPEC_CALL_##op(p, in, rows, out, ci, co, k, s, d, g, SPEC_FORM_##stage);                            \
    }                                                                                                       \
    DSL_HOT SPEC_NOINLINE static void spec_##id##_general(const SPEC_PARAMS_##op *p, const SPEC_IN_##op *in, \
                                                          SPEC_OUT_##op *out)                               \
    {                                                                                                       \
        SPEC_CALL_##op(p, in, rows, out, ci, co, k, s, d, g, DSL_STAGE_GENERAL);                            \
    }                                                                                                       \
    static void spec_##id##_run(void)                                                                       \
    {                                                                                                       \
        static const spec_case_t c = {#id, ci, co, k, s, d, g, rows, SPEC_ST_##stage, SPEC_FORM_##stage};   \
        SPEC_RUN_##op(&c, spec_##id##_dslc, spec_##id##_general);                                           \
    }
SPEC_CASES(SPEC_INSTANCE)

#define SPEC_CALL_RUN(id, ...) spec_##id##_run();

int main(void)
{
    SPEC_CASES(SPEC_CALL_RUN)
    put_int(g_passed);
    tp_puts(" passed, ");
    put_int(g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
