/*
 * gen_kernel_bench_data.c - host program: writes the benchmark's constant data, a C file with, per
 * shape of kernel_bench_shapes.h, random int8 weights and input, int32 bias and a realistic
 * per-channel requantization (multiplier in [2^30, 2^31), shift -10..-7: every channel takes the
 * shortcut under both rounding rules). The arrays are const and live in their own translation unit,
 * as a generated model's weights do, so the benchmarked steps see only their addresses.
 * Per groups-1 shape also the weights in the dsp "pairs4" layout (bench_<id>_w4, int32 words), as
 * dslc writes them for dsp steps that use it: the layout of DspPairedWeights.Words
 * (generator/Dsl.Compiler/Emit/DspPairedWeights.cs; read by runtime-c/include/dsl_conv1d_dsp_pairs_body.h),
 * whose block headers hold the prepared channels for the rounding rule it is compiled with
 * (-DDSL_REQUANT_DOUBLE_ROUNDING: tflite) and kernel_bench.c's DSL_BENCH_FORM (zero point folded under the
 * default rule). Per groups-1 int16-activation shape also bench_<id>_w4s16: the "pairs4s16" layout of the
 * int16-input steps (halves [w0 w1], [w2 w3]; records for the int16 output stage, zero point 0).
 * Usage: gen_kernel_bench_data OUT.c   (the same file on every run: a fixed pseudo-random sequence)
 */
#include <stdint.h>
#include <stdio.h>
#include "kernel_bench_shapes.h"

static uint32_t g_state;

static uint32_t next(void) /* xorshift32 */
{
    g_state ^= g_state << 13;
    g_state ^= g_state >> 17;
    g_state ^= g_state << 5;
    return g_state;
}

static int32_t range(int32_t lo, int32_t hi) { return lo + (int32_t)(next() % (uint32_t)(hi - lo + 1)); }

/* room for the largest array of any shape (a union of one per shape and kind) */
#define GEN_W_MEMBER(id, cin, cout, k, s, d, g, rows, ...)         \
    int8_t id##_w[DSL_BENCH_W_COUNT(cin, cout, k, s, d, g, rows)]; \
    int8_t id##_in[DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows)];
#define GEN_W4_MEMBER(id, cin, cout, k, s, d, g, rows, ...) int32_t id[DSL_BENCH_W4_COUNT(cin, cout, k, d)];
typedef union { DSL_BENCH_SHAPES(GEN_W_MEMBER) DSL_BENCH_SHAPES_S16(GEN_W_MEMBER) } gen_w_max_t;
typedef union { DSL_BENCH_SHAPES(GEN_W4_MEMBER) DSL_BENCH_SHAPES_S16(GEN_W4_MEMBER) } gen_w4_max_t;
static int32_t g_w[sizeof(gen_w_max_t)];
static int32_t g_w4[sizeof(gen_w4_max_t) / sizeof(int32_t)];
static int32_t g_w4s16[sizeof(gen_w4_max_t) / sizeof(int32_t)];

static void print(FILE *f, const char *type, const char *id, const char *suffix, const int32_t *v, int32_t n)
{
    int32_t i;
    fprintf(f, "const %s bench_%s_%s[%ld] = {", type, id, suffix, (long)n);
    for (i = 0; i < n; i++) fprintf(f, "%s%ld%s", i % 16 == 0 ? "\n    " : " ", (long)v[i], i + 1 < n ? "," : "\n");
    fprintf(f, "};\n");
}

/* n random values in [lo, hi], printed; they stay in g_w (the weights are packed from there) */
static void array(FILE *f, const char *type, const char *id, const char *suffix, int32_t n, int32_t lo, int32_t hi)
{
    int32_t i;
    for (i = 0; i < n; i++) g_w[i] = range(lo, hi);
    print(f, type, id, suffix, g_w, n);
}

/* the pairs4 words of weights w [out][kernel][in] (groups 1), as DspPairedWeights.Words: per block of 4
   output channels a header of 20 words (filled by pairs4_header), then per window (the whole kernel x in with
   dilation 1, else one per tap), per group of 4 window elements, per channel of the block: [w0 w2], [w1 w3] as
   int16 halves (low, high); padding 0. s16: the pairs4s16 order, [w0 w1], [w2 w3] */
static void pairs4(const int32_t *w, int32_t cin, int32_t cout, int32_t kernel, int32_t dilation, int32_t s16,
                   int32_t *words)
{
    const int32_t lo0 = 0, hi0 = s16 ? 1 : 2, lo1 = s16 ? 2 : 1, hi1 = 3;
    const int32_t windows = dilation == 1 ? 1 : kernel, win = dilation == 1 ? kernel * cin : cin;
    int32_t b, j, grp, c, e, n = 0;
    for (b = 0; b < (cout + 3) / 4; b++) {
        for (e = 0; e < 20; e++) words[n++] = 0;
        for (j = 0; j < windows; j++)
            for (grp = 0; grp < (win + 3) / 4; grp++)
                for (c = 0; c < 4; c++) {
                    int32_t v[4];
                    for (e = 0; e < 4; e++) {
                        const int32_t o = 4 * b + c, i = 4 * grp + e;
                        v[e] = o < cout && i < win ? w[o * kernel * cin + j * cin + i] : 0;
                    }
                    words[n++] = (int32_t)(((uint32_t)v[lo0] & 0xFFFFu) | ((uint32_t)v[hi0] << 16));
                    words[n++] = (int32_t)(((uint32_t)v[lo1] & 0xFFFFu) | ((uint32_t)v[hi1] << 16));
                }
    }
}

/* one field of the block headers from the per-channel values v: 0 the bias, 1 the multiplier, 2 the shift
   (then also the record's rounding term and right shift, as dsl_dsp_requant_prepare gives them for
   DSL_BENCH_FORM: every shift takes the shortcut; under the default rule the zero point is folded into
   the rounding term, DSL_STAGE_ZP_IN_ROUND; zp: the output zero point) */
static void pairs4_header(const int32_t *v, int32_t cout, int32_t block_words, int32_t field, int32_t zp, int32_t *words)
{
    int32_t o;
    for (o = 0; o < cout; o++) {
        int32_t *h = words + (o / 4) * block_words, *rec = h + 4 + 4 * (o % 4);
        if (field == 0) h[o % 4] = v[o];
        if (field == 1) rec[0] = v[o];
        if (field == 2) {
            rec[1] = v[o];
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
            (void)zp; /* no zero point in the rounding term under this rule */
            rec[2] = 0;
            rec[3] = -v[o];
#else
            rec[2] = ((int32_t)1 << (-2 - v[o])) + zp * ((int32_t)1 << (-1 - v[o]));
            rec[3] = -1 - v[o];
#endif
        }
    }
}

#define GEN_SHAPE(id, cin, cout, k, s, d, g, rows, cmsis_m4, cmsis_m55, m4_goal, desc)                             \
    g_state = 0x9E3779B9u ^ (uint32_t)(#id)[0];                                                            \
    fprintf(f, "\n/* %s: %s */\n", #id, desc);                                                             \
    array(f, "int8_t", #id, "w", DSL_BENCH_W_COUNT(cin, cout, k, s, d, g, rows), -127, 127);               \
    if ((g) == 1) pairs4(g_w, (cin), (cout), (k), (d), 0, g_w4);                                           \
    if ((g) == 1) pairs4(g_w, (cin), (cout), (k), (d), 1, g_w4s16);                                        \
    else g_w4[0] = 0; /* the layout is for groups 1: a placeholder, never read */                          \
    array(f, "int32_t", #id, "bias", (cout), -4096, 4096);                                                 \
    if ((g) == 1) {                                                                                        \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 0, DSL_BENCH_ZERO_POINT, g_w4);       \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 0, 0, g_w4s16);                       \
    }                                                                                                      \
    array(f, "int32_t", #id, "mult", (cout), 0x40000000, 0x7FFFFFFF);                                      \
    if ((g) == 1) {                                                                                        \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 1, DSL_BENCH_ZERO_POINT, g_w4);       \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 1, 0, g_w4s16);                       \
    }                                                                                                      \
    array(f, "int32_t", #id, "shift", (cout), -10, -7);                                                    \
    if ((g) == 1) {                                                                                        \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 2, DSL_BENCH_ZERO_POINT, g_w4);       \
        pairs4_header(g_w, (cout), DSL_BENCH_W4_COUNT(cin, 4, k, d), 2, 0, g_w4s16);                       \
    }                                                                                                      \
    print(f, "int32_t", #id, "w4", g_w4, (g) == 1 ? DSL_BENCH_W4_COUNT(cin, cout, k, d) : 1);              \
    array(f, "int8_t", #id, "in", DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows), -128, 127);

/* an int16-activation shape: the arrays of GEN_SHAPE (its int8 steps run on them) and the int16 input */
#define GEN_SHAPE_S16(id, cin, cout, k, s, d, g, rows, ...)                                                \
    GEN_SHAPE(id, cin, cout, k, s, d, g, rows, __VA_ARGS__)                                                \
    print(f, "int32_t", #id, "w4s16", g_w4s16, (g) == 1 ? DSL_BENCH_W4_COUNT(cin, cout, k, d) : 1);         \
    array(f, "int16_t", #id, "in16", DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows), -32768, 32767);

int main(int argc, char **argv)
{
    FILE *f;
    if (argc != 2) {
        fprintf(stderr, "usage: gen_kernel_bench_data OUT.c\n");
        return 2;
    }
    f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 3;
    }
    fprintf(f, "/* kernel benchmark data, written by gen_kernel_bench_data.c (fixed seed per shape) */\n");
    fprintf(f, "#include <stdint.h>\n");
    DSL_BENCH_SHAPES(GEN_SHAPE)
    DSL_BENCH_SHAPES_S16(GEN_SHAPE_S16)
    return fclose(f) == 0 ? 0 : 3;
}
