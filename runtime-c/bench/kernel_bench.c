/*
 * kernel_bench.c - instruction counts of the convolution kernels on the shapes of
 * kernel_bench_shapes.h, on a QEMU board (-icount: deterministic; instructions, not cycles).
 *
 * Per shape, two ways of running the same step, on the same data (kernel_bench_data.c):
 *   library      the kernel variant's library function (run-time shape, int8 weights), as dslc calls
 *                it for steps it does not specialise;
 *   specialised  what dslc emits for a step it specialises (specialised_c.scriban): a static const
 *                params struct (weights and requantization in another translation unit), and an
 *                out-of-line step function calling the variant's force-inlined conv1d skeleton
 *                (CKernelBody.For) with the shape and the output stage's form as constants; on dsp,
 *                for shapes that fit DspPairedWeights, the pairs4 body on the pairs4 words instead.
 * Both outputs must be identical (checked). One line per shape:
 *   bench <id> variant=<v> macs=<n> library=<instructions> specialised=<instructions>
 *         dslc=<library|specialised> weights=<int8|pairs4> cmsis_m4=<x100> cmsis_m55=<x100>
 *         m4_goal=<percent> desc=<description>
 * then per shape of DSL_BENCH_SHAPES_S16 a "bench16" line (bench16(): dsl_conv1d_s8 and dsl_conv1d_s16_s16, library
 * and specialised, on int8 and int16 data), then "N passed, M failed" (bit-exactness of specialised vs
 * library). run_kernel_bench.sh makes the tables.
 *
 * Variant: -DDSL_BENCH_VARIANT_DSP or -DDSL_BENCH_VARIANT_MVE, else portable (link the matching
 * src/<variant>/dsl_conv1d_s8.c). Board: -DDSL_TARGET_REF_HZ, -DDSL_ICOUNT_SHIFT as in target/.
 */
#include <stdint.h>
#include "dsl_kernels.h"
#include "dsl_kernel_internal.h"
#include "dsl_semihost.h"
#include "dsl_icount.h"
#include "kernel_bench_shapes.h"

/* per variant, as dslc emits a specialised conv step: the dot products (CEmitter.Specialised), the conv1d
   skeleton (CKernelBody.For) and which steps it specialises: every convolution with dsp and mve, those
   with every channel count at most 8 portable (a copy of ConvSpecialisation.For's rule: change both) */
#if defined(DSL_BENCH_VARIANT_DSP)
#include "dsl_kernel_dsp.h"
#define DSL_BENCH_DOT(f) dsl_dsp_##f
#define DSL_BENCH_VARIANT "dsp"
#define DSL_BENCH_SKELETON "dsl_conv1d_dsp_body.h"
#define DSL_BENCH_DSLC_SPECIALISES(cin, cout) 1
/* the pairs4 weight layout (pairs4s16 for int16 input) for groups-1 steps with at least 4 output channels and at
   least 16 MACs per output (a copy of DspPairedWeights.Fits, MinMacsPerOutput 16: change both); WeightLayoutPlan
   takes every such step while the core's flash holds it, on the emulated boards all of them */
#define DSL_BENCH_PAIRS4(cin, cout, k, g) ((g) == 1 && (cout) >= 4 && (k) * (cin) >= 16)
#elif defined(DSL_BENCH_VARIANT_MVE)
#include "dsl_kernel_mve.h"
#define DSL_BENCH_DOT(f) dsl_mve_##f
#define DSL_BENCH_VARIANT "mve"
#define DSL_BENCH_SKELETON "dsl_conv1d_mve_body.h"
#define DSL_BENCH_DSLC_SPECIALISES(cin, cout) 1
#define DSL_BENCH_PAIRS4(cin, cout, k, g) 0
#else
#define DSL_BENCH_DOT(f) dsl_##f
#define DSL_BENCH_VARIANT "portable"
#define DSL_BENCH_SKELETON "dsl_conv1d_body.h"
#define DSL_BENCH_DSLC_SPECIALISES(cin, cout) ((cin) <= 8 && (cout) <= 8)
#define DSL_BENCH_PAIRS4(cin, cout, k, g) 0
#endif

#ifndef DSL_ICOUNT_SHIFT
#define DSL_ICOUNT_SHIFT 6
#endif

/* the kernel bodies, instantiated as specialised_c.scriban does */
#if defined(__GNUC__)
#define DSL_STEP_NOINLINE __attribute__((noinline))
#else
#define DSL_STEP_NOINLINE
#endif
#define DSL_CONV1D_BODY dsl_conv1d_s8_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include DSL_BENCH_SKELETON
#if defined(DSL_BENCH_VARIANT_DSP)
#define DSL_CONV1D_BODY dsl_conv1d_s8_pairs4_body
#define DSL_CONV1D_OUT int8_t
#define DSL_CONV1D_STORE dsl_stage_s8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv1d_dsp_pairs_body.h"
#else
#define dsl_conv1d_s8_pairs4_body dsl_conv1d_s8_body /* never called: DSL_BENCH_PAIRS4 is 0 */
#endif

/* the int16-activation bodies (dsl_conv1d_s16_s16), as specialised_c.scriban instantiates them: int8 weights, and
   on dsp the pairs4s16 words where dslc uses them (DSL_BENCH_PAIRS4: the same rule as int8's) */
#define DSL_CONV1D_BODY dsl_conv1d_s16_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_CONV1D_16X8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include DSL_BENCH_SKELETON
#if defined(DSL_BENCH_VARIANT_DSP)
#define DSL_CONV1D_BODY dsl_conv1d_s16_s16_pairs4_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_CONV1D_16X8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv1d_dsp_pairs_body.h"
#else
#define dsl_conv1d_s16_s16_pairs4_body dsl_conv1d_s16_s16_body /* never called: DSL_BENCH_PAIRS4 is 0 */
#endif

/* every channel's shift is -10..-7 (gen_kernel_bench_data.c), no LUT, no fused clamp: the form
   CStageForm gives such a stage; ZP_IN_ROUND as under the default rule (round + zp * 2^right is far inside
   int32 here), which the skeletons ignore under --rounding tflite, where CStageForm leaves it out */
#define DSL_BENCH_FORM (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE | DSL_STAGE_ZP_IN_ROUND)

/* one shape: its data (extern, kernel_bench_data.c), params (int8 weights, and the pairs4 words for the
   specialised step where dslc uses them), specialised step and library step; the layout test is a
   constant, so the step compiles to the one call dslc emits */
#define DSL_BENCH_PARAMS(id, cin, cout, k, s, d, g, w)                                              \
    {                                                                                                       \
        .in_channels = (cin), .out_channels = (cout), .kernel = (k), .stride = (s), .dilation = (d),        \
        .groups = (g), .weights = (w),                                                                      \
        .stage = {.bias = bench_##id##_bias, .multiplier = bench_##id##_mult, .shift = bench_##id##_shift,  \
                  .out_zero_point = DSL_BENCH_ZERO_POINT, .act_min = -128, .act_max = 127, .lut = 0},       \
    }
#define DSL_BENCH_STEP(id, cin, cout, k, s, d, g, rows, cmsis_m4, cmsis_m55, m4_goal, desc)                 \
    extern const int8_t bench_##id##_w[];                                                                   \
    extern const int32_t bench_##id##_w4[];                                                                 \
    extern const int32_t bench_##id##_bias[], bench_##id##_mult[], bench_##id##_shift[];                    \
    extern const int8_t bench_##id##_in[];                                                                  \
    static const dsl_conv1d_params_t bench_##id##_params =                                                  \
        DSL_BENCH_PARAMS(id, cin, cout, k, s, d, g, bench_##id##_w);                                        \
    static const dsl_conv1d_params_t bench_##id##_params4 =                                                 \
        DSL_BENCH_PARAMS(id, cin, cout, k, s, d, g, (const int8_t *)(const void *)bench_##id##_w4);         \
    DSL_HOT DSL_STEP_NOINLINE static void bench_##id##_specialised(const int8_t *in, int8_t *out)          \
    {                                                                                                       \
        if (DSL_BENCH_PAIRS4(cin, cout, k, g))                                                              \
            dsl_conv1d_s8_pairs4_body(&bench_##id##_params4, in, (rows), out, (cin), (cout), (k), (s), (d), \
                                      (g), DSL_BENCH_FORM);                                                 \
        else                                                                                                \
            dsl_conv1d_s8_body(&bench_##id##_params, in, (rows), out, (cin), (cout), (k), (s), (d), (g),    \
                               DSL_BENCH_FORM);                                                             \
    }                                                                                                       \
    static void bench_##id##_library(const int8_t *in, int8_t *out)                                        \
    {                                                                                                       \
        dsl_conv1d_s8(&bench_##id##_params, in, (rows), out);                                               \
    }
DSL_BENCH_SHAPES(DSL_BENCH_STEP)
DSL_BENCH_SHAPES_S16(DSL_BENCH_STEP)

/* the int16 output stage of the s16 shapes (zero point 0, the int16 range: dslc's int16 tensors) */
#define DSL_BENCH_FORM16 (DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE | DSL_STAGE_ZP_IN_ROUND)
#define DSL_BENCH_PARAMS16(id, cin, cout, k, s, d, g, w)                                                    \
    {                                                                                                       \
        .in_channels = (cin), .out_channels = (cout), .kernel = (k), .stride = (s), .dilation = (d),        \
        .groups = (g), .weights = (w),                                                                      \
        .stage = {.bias = bench_##id##_bias, .multiplier = bench_##id##_mult, .shift = bench_##id##_shift,  \
                  .out_zero_point = 0, .act_min = -32768, .act_max = 32767, .lut = 0},                      \
    }
#define DSL_BENCH_STEP16(id, cin, cout, k, s, d, g, rows, cmsis_m4, cmsis_m55, m4_goal, desc)               \
    extern const int16_t bench_##id##_in16[];                                                               \
    extern const int32_t bench_##id##_w4s16[];                                                              \
    static const dsl_conv1d_params_t bench_##id##_params16 = DSL_BENCH_PARAMS16(id, cin, cout, k, s, d, g,   \
                                                                                bench_##id##_w);            \
    static const dsl_conv1d_params_t bench_##id##_params16_4 = DSL_BENCH_PARAMS16(                          \
        id, cin, cout, k, s, d, g, (const int8_t *)(const void *)bench_##id##_w4s16);                       \
    DSL_HOT DSL_STEP_NOINLINE static void bench_##id##_specialised16(const int16_t *in, int16_t *out)      \
    {                                                                                                       \
        if (DSL_BENCH_PAIRS4(cin, cout, k, g))                                                              \
            dsl_conv1d_s16_s16_pairs4_body(&bench_##id##_params16_4, in, (rows), out, (cin), (cout), (k),    \
                                           (s), (d), (g), DSL_BENCH_FORM16);                                \
        else                                                                                                \
            dsl_conv1d_s16_s16_body(&bench_##id##_params16, in, (rows), out, (cin), (cout), (k), (s), (d),   \
                                    (g), DSL_BENCH_FORM16);                                                 \
    }                                                                                                       \
    static void bench_##id##_library16(const int16_t *in, int16_t *out)                                    \
    {                                                                                                       \
        dsl_conv1d_s16_s16(&bench_##id##_params16, in, (rows), out);                                        \
    }
DSL_BENCH_SHAPES_S16(DSL_BENCH_STEP16)

typedef void (*bench_step_fn)(const int8_t *in, int8_t *out);

typedef struct {
    const char *id, *desc;
    bench_step_fn library, specialised;
    const int8_t *in;
    int32_t in_count, out_count, macs, cmsis_m4, cmsis_m55, m4_goal, dslc_specialises, pairs4;
} bench_shape_t;

#define DSL_BENCH_ENTRY(id, cin, cout, k, s, d, g, rows, cmsis_m4, cmsis_m55, m4_goal, desc)                \
    {#id, desc, bench_##id##_library, bench_##id##_specialised, bench_##id##_in,                            \
     DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows), DSL_BENCH_OUT_COUNT(cin, cout, k, s, d, g, rows),     \
     DSL_BENCH_MACS(cin, cout, k, s, d, g, rows), cmsis_m4, cmsis_m55, m4_goal,                             \
     DSL_BENCH_DSLC_SPECIALISES(cin, cout), DSL_BENCH_PAIRS4(cin, cout, k, g)},
static const bench_shape_t g_shapes[] = {DSL_BENCH_SHAPES(DSL_BENCH_ENTRY)};
static const bench_shape_t g_shapes16_s8[] = {DSL_BENCH_SHAPES_S16(DSL_BENCH_ENTRY)};

typedef void (*bench_step16_fn)(const int16_t *in, int16_t *out);
typedef struct {
    bench_step16_fn library, specialised;
    const int16_t *in;
} bench_shape16_t;
#define DSL_BENCH_ENTRY16(id, ...) {bench_##id##_library16, bench_##id##_specialised16, bench_##id##_in16},
static const bench_shape16_t g_shapes16[] = {DSL_BENCH_SHAPES_S16(DSL_BENCH_ENTRY16)};

/* buffers as large as the largest shape's (a union of one array per shape) */
#define DSL_BENCH_IN_MEMBER(id, cin, cout, k, s, d, g, rows, ...) \
    int8_t id[DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows)];
#define DSL_BENCH_OUT_MEMBER(id, cin, cout, k, s, d, g, rows, ...) \
    int8_t id[DSL_BENCH_OUT_COUNT(cin, cout, k, s, d, g, rows)];
typedef union { DSL_BENCH_SHAPES(DSL_BENCH_IN_MEMBER) DSL_BENCH_SHAPES_S16(DSL_BENCH_IN_MEMBER) } bench_in_max_t;
typedef union { DSL_BENCH_SHAPES(DSL_BENCH_OUT_MEMBER) DSL_BENCH_SHAPES_S16(DSL_BENCH_OUT_MEMBER) } bench_out_max_t;

static int8_t g_in[sizeof(bench_in_max_t)];      /* the activations are in RAM, as a model's arena */
static int8_t g_out_library[sizeof(bench_out_max_t)];
static int8_t g_out_specialised[sizeof(bench_out_max_t)];
static int16_t g_in16[sizeof(bench_in_max_t)];
static int16_t g_out16_library[sizeof(bench_out_max_t)];
static int16_t g_out16_specialised[sizeof(bench_out_max_t)];

static void put(const char *s) { dsl_sh_write0(s); }

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
    put(buf + n);
}

static void put_field(const char *name, int64_t v)
{
    put(" ");
    put(name);
    put("=");
    put_int(v);
}

/* instructions of one call, the counter's own cost (an empty measurement) subtracted */
static uint64_t measure(bench_step_fn f, int8_t *out)
{
    uint64_t e0, e1, t0, t1;
    e0 = dsl_icount_ticks();
    e1 = dsl_icount_ticks();
    t0 = dsl_icount_ticks();
    f(g_in, out);
    t1 = dsl_icount_ticks();
    return dsl_icount_ticks_to_instructions((t1 - t0) - (e1 - e0), DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT);
}

static uint64_t measure16(bench_step16_fn f, int16_t *out)
{
    uint64_t e0, e1, t0, t1;
    e0 = dsl_icount_ticks();
    e1 = dsl_icount_ticks();
    t0 = dsl_icount_ticks();
    f(g_in16, out);
    t1 = dsl_icount_ticks();
    return dsl_icount_ticks_to_instructions((t1 - t0) - (e1 - e0), DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT);
}

/* the int16-activation shapes: s8 library and step on the int8 data, s16_s16 library and step on the
   int16 data; each pair's outputs must be identical. One line per shape:
     bench16 <id> variant=<v> macs=<n> s8_library= s8_specialised= library= specialised= dslc=<..> desc= */
static void bench16(int32_t *passed, int32_t *failed)
{
    uint32_t i;
    int32_t j;
    for (i = 0; i < sizeof g_shapes16 / sizeof g_shapes16[0]; i++) {
        const bench_shape_t *b = &g_shapes16_s8[i];
        const bench_shape16_t *b16 = &g_shapes16[i];
        uint64_t s8_library, s8_specialised, library, specialised;
        int32_t same = 1;
        for (j = 0; j < b->in_count; j++) {
            g_in[j] = b->in[j];
            g_in16[j] = b16->in[j];
        }
        for (j = 0; j < b->out_count; j++) {
            g_out_library[j] = g_out_specialised[j] = 0;
            g_out16_library[j] = g_out16_specialised[j] = 0;
        }
        s8_library = measure(b->library, g_out_library);
        s8_specialised = measure(b->specialised, g_out_specialised);
        library = measure16(b16->library, g_out16_library);
        specialised = measure16(b16->specialised, g_out16_specialised);
        for (j = 0; j < b->out_count; j++) {
            same &= g_out_library[j] == g_out_specialised[j];
            same &= g_out16_library[j] == g_out16_specialised[j];
        }
        if (same) {
            (*passed)++;
        } else {
            (*failed)++;
            put("FAIL ");
            put(b->id);
            put(": a specialised output differs from the library kernel's\n");
        }
        put("bench16 ");
        put(b->id);
        put(" variant=" DSL_BENCH_VARIANT);
        put_field("macs", b->macs);
        put_field("s8_library", (int64_t)s8_library);
        put_field("s8_specialised", (int64_t)s8_specialised);
        put_field("library", (int64_t)library);
        put_field("specialised", (int64_t)specialised);
        put(b->dslc_specialises ? " dslc=specialised" : " dslc=library");
        put(" desc=");
        put(b->desc);
        put("\n");
    }
}

/* ---- the transposed convolutions (DSL_BENCH_TCONV_SHAPES), per kind (s8, s16_s8, s8_s16, s16_s16): the library
   kernel and the step dslc specialises (the variant's tconv skeleton inlined with the shape and the stage's form as
   constants), on random data in RAM (random weights need no particular layout; |bias| + 32768 * sum |w| < 2^31
   holds for these shapes, as dslc requires of an int16 input); both outputs must be identical. */
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv_transpose1d_body.h"
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s16_s8_body
#define DSL_CONV_TRANSPOSE1D_OUT int8_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s8
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv_transpose1d_body.h"
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s8_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv_transpose1d_body.h"
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s16_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) DSL_BENCH_DOT(f)
#include "dsl_conv_transpose1d_body.h"

/* the stage bench_tconv sets up: shortcut shifts, no LUT, the output type's full range */
#define DSL_BENCH_TCONV_FORM8 (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE)
#define DSL_BENCH_TCONV_FORM16 (DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT16_RANGE)

/* one step function per shape and kind, as specialised_c.scriban emits them; in and out are the kind's types */
#define DSL_BENCH_TCONV_STEP(id, kind, tin, tout, form, cin, cout, k, s, rows)                                  \
    DSL_HOT DSL_STEP_NOINLINE static void bench_##id##_##kind(const dsl_conv_transpose1d_params_t *p,           \
                                                              const void *in, void *out)                        \
    {                                                                                                           \
        dsl_conv_transpose1d_##kind##_body(p, (const tin *)in, (rows), (tout *)out, (cin), (cout), (k), (s), 1,  \
                                           form);                                                               \
    }
#define DSL_BENCH_TCONV_STEPS(id, cin, cout, k, s, rows, desc)                                                  \
    DSL_BENCH_TCONV_STEP(id, s8, int8_t, int8_t, DSL_BENCH_TCONV_FORM8, cin, cout, k, s, rows)                  \
    DSL_BENCH_TCONV_STEP(id, s16_s8, int16_t, int8_t, DSL_BENCH_TCONV_FORM8, cin, cout, k, s, rows)             \
    DSL_BENCH_TCONV_STEP(id, s8_s16, int8_t, int16_t, DSL_BENCH_TCONV_FORM16, cin, cout, k, s, rows)            \
    DSL_BENCH_TCONV_STEP(id, s16_s16, int16_t, int16_t, DSL_BENCH_TCONV_FORM16, cin, cout, k, s, rows)
DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_STEPS)

typedef void (*bench_tconv_step_fn)(const dsl_conv_transpose1d_params_t *p, const void *in, void *out);

#define DSL_BENCH_TCONV_HISTORY(k, s) (((k) - 1) / (s))
#define DSL_BENCH_TCONV_IN_MEMBER(id, cin, cout, k, s, rows, desc) \
    int16_t id[(DSL_BENCH_TCONV_HISTORY(k, s) + (rows)) * (cin)];
#define DSL_BENCH_TCONV_OUT_MEMBER(id, cin, cout, k, s, rows, desc) int16_t id[(rows) * (s) * (cout)];
#define DSL_BENCH_TCONV_W_MEMBER(id, cin, cout, k, s, rows, desc) int8_t id[(cin) * (cout) * (k)];
#define DSL_BENCH_TCONV_BIAS_MEMBER(id, cin, cout, k, s, rows, desc) int32_t id[(s) * (cout)];
typedef union { DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_IN_MEMBER) } bench_tconv_in_t;
typedef union { DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_OUT_MEMBER) } bench_tconv_out_t;
typedef union { DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_W_MEMBER) } bench_tconv_w_t;
typedef union { DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_BIAS_MEMBER) } bench_tconv_bias_t;
static int8_t g_tc_in8[sizeof(bench_tconv_in_t) / 2];
static int16_t g_tc_in16[sizeof(bench_tconv_in_t) / 2];
static int16_t g_tc_out_library[sizeof(bench_tconv_out_t) / 2], g_tc_out_specialised[sizeof(bench_tconv_out_t) / 2];
static int8_t g_tc_w[sizeof(bench_tconv_w_t)];
static int32_t g_tc_bias[sizeof(bench_tconv_bias_t) / 4], g_tc_mult[sizeof(bench_tconv_bias_t) / 4],
    g_tc_shift[sizeof(bench_tconv_bias_t) / 4];

static uint32_t g_tc_rng = 0x51ED270Bu;
static int32_t tc_range(int32_t lo, int32_t hi)
{
    g_tc_rng ^= g_tc_rng << 13;
    g_tc_rng ^= g_tc_rng >> 17;
    g_tc_rng ^= g_tc_rng << 5;
    return lo + (int32_t)(g_tc_rng % (uint32_t)(hi - lo + 1));
}

/* instructions of one call of the library kernel of kind 0..3 (s8, s16_s8, s8_s16, s16_s16), or of step */
static uint64_t measure_tconv(int32_t kind, bench_tconv_step_fn step, const dsl_conv_transpose1d_params_t *p,
                              int32_t rows, void *out)
{
    const void *in = kind == 0 || kind == 2 ? (const void *)g_tc_in8 : (const void *)g_tc_in16;
    uint64_t e0, e1, t0, t1;
    e0 = dsl_icount_ticks();
    e1 = dsl_icount_ticks();
    t0 = dsl_icount_ticks();
    if (step != 0) step(p, in, out);
    else if (kind == 0) dsl_conv_transpose1d_s8(p, g_tc_in8, rows, (int8_t *)out);
    else if (kind == 1) dsl_conv_transpose1d_s16_s8(p, g_tc_in16, rows, (int8_t *)out);
    else if (kind == 2) dsl_conv_transpose1d_s8_s16(p, g_tc_in8, rows, (int16_t *)out);
    else dsl_conv_transpose1d_s16_s16(p, g_tc_in16, rows, (int16_t *)out);
    t1 = dsl_icount_ticks();
    return dsl_icount_ticks_to_instructions((t1 - t0) - (e1 - e0), DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT);
}

/* one line per shape: tconv <id> variant=<v> macs=<n> s8=<library>/<specialised> s16_s8=.. s8_s16=.. s16_s16=..
   desc=..; counts a failure when a step's output differs from its library kernel's */
static void bench_tconv(const char *id, int32_t cin, int32_t cout, int32_t k, int32_t s, int32_t rows,
                        const bench_tconv_step_fn steps[4], const char *desc, int32_t *passed, int32_t *failed)
{
    static const char *const kinds[4] = {"s8", "s16_s8", "s8_s16", "s16_s16"};
    dsl_conv_transpose1d_params_t p;
    const int32_t in_count = (DSL_BENCH_TCONV_HISTORY(k, s) + rows) * cin;
    const int32_t out_bytes = rows * s * cout * 2;
    int32_t i, kind;
    for (i = 0; i < in_count; i++) {
        g_tc_in16[i] = (int16_t)tc_range(-32768, 32767);
        g_tc_in8[i] = (int8_t)tc_range(-128, 127);
    }
    for (i = 0; i < cin * cout * k; i++) g_tc_w[i] = (int8_t)tc_range(-128, 127);
    for (i = 0; i < s * cout; i++) g_tc_bias[i] = tc_range(-3000, 3000);
    p.in_channels = cin;
    p.out_channels = cout;
    p.kernel = k;
    p.stride = s;
    p.dilation = 1;
    p.weights = g_tc_w;
    p.stage.bias = g_tc_bias;
    p.stage.multiplier = g_tc_mult;
    p.stage.shift = g_tc_shift;
    p.stage.out_zero_point = 0;
    p.stage.lut = 0;
    put("tconv ");
    put(id);
    put(" variant=" DSL_BENCH_VARIANT);
    put_field("macs", (int64_t)rows * k * cin * cout);
    for (kind = 0; kind < 4; kind++) {
        const uint8_t *a = (const uint8_t *)g_tc_out_library, *b = (const uint8_t *)g_tc_out_specialised;
        uint64_t library, specialised;
        int32_t same = 1;
        for (i = 0; i < cout; i++) { /* the usual shifts of the kind's output stage (shortcut form) */
            g_tc_mult[i] = (int32_t)(0x40000000u + ((uint32_t)tc_range(0, 0x3FFF) << 16));
            g_tc_shift[i] = (kind == 1 ? -20 : kind == 3 ? -10 : kind == 2 ? -4 : -9) + tc_range(-1, 1);
        }
        p.stage.act_min = kind >= 2 ? -32768 : -128;
        p.stage.act_max = kind >= 2 ? 32767 : 127;
        for (i = 0; i < out_bytes / 2; i++) g_tc_out_library[i] = g_tc_out_specialised[i] = 0;
        library = measure_tconv(kind, 0, &p, rows, g_tc_out_library);
        specialised = measure_tconv(kind, steps[kind], &p, rows, g_tc_out_specialised);
        for (i = 0; i < out_bytes; i++) same &= a[i] == b[i];
        if (same) {
            (*passed)++;
        } else {
            (*failed)++;
            put("\nFAIL tconv ");
            put(id);
            put(" ");
            put(kinds[kind]);
            put(": specialised output differs from the library kernel's\n");
        }
        put(" ");
        put(kinds[kind]);
        put("=");
        put_int((int64_t)library);
        put("/");
        put_int((int64_t)specialised);
    }
    put(" desc=");
    put(desc);
    put("\n");
}
#define DSL_BENCH_TCONV_RUN(id, cin, cout, k, s, rows, desc)                                                   \
    {                                                                                                          \
        static const bench_tconv_step_fn steps[4] = {bench_##id##_s8, bench_##id##_s16_s8, bench_##id##_s8_s16, \
                                                     bench_##id##_s16_s16};                                    \
        bench_tconv(#id, cin, cout, k, s, rows, steps, desc, &passed, &failed);                                \
    }

int main(void)
{
    int32_t passed = 0, failed = 0;
    uint32_t i;
    int32_t j;
    dsl_icount_start();
    for (i = 0; i < sizeof g_shapes / sizeof g_shapes[0]; i++) {
        const bench_shape_t *b = &g_shapes[i];
        uint64_t library, specialised;
        int32_t same = 1;
        for (j = 0; j < b->in_count; j++) g_in[j] = b->in[j];
        for (j = 0; j < b->out_count; j++) g_out_library[j] = g_out_specialised[j] = 0;
        library = measure(b->library, g_out_library);
        specialised = measure(b->specialised, g_out_specialised);
        for (j = 0; j < b->out_count; j++) same &= g_out_library[j] == g_out_specialised[j];
        if (same) {
            passed++;
        } else {
            failed++;
            put("FAIL ");
            put(b->id);
            put(": specialised output differs from the library kernel's\n");
        }
        put("bench ");
        put(b->id);
        put(" variant=" DSL_BENCH_VARIANT);
        put_field("macs", b->macs);
        put_field("library", (int64_t)library);
        put_field("specialised", (int64_t)specialised);
        put(b->dslc_specialises ? " dslc=specialised" : " dslc=library");
        put(b->pairs4 ? " weights=pairs4" : " weights=int8");
        put_field("cmsis_m4", b->cmsis_m4);
        put_field("cmsis_m55", b->cmsis_m55);
        put_field("m4_goal", b->m4_goal);
        put(" desc=");
        put(b->desc);
        put("\n");
    }
    bench16(&passed, &failed);
    DSL_BENCH_TCONV_SHAPES(DSL_BENCH_TCONV_RUN)
    put_int(passed);
    put(" passed, ");
    put_int(failed);
    put(" failed\n");
    return failed != 0;
}
