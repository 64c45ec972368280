/*
 * gen_kernel_bench_data.c - host program: writes the benchmark's constant data, a C file with, per
 * shape of kernel_bench_shapes.h, random int8 weights and input, int32 bias and a realistic
 * per-channel requantization (multiplier in [2^30, 2^31), shift -10..-7: every channel takes the
 * shortcut under both rounding rules). The arrays are const and live in their own translation unit,
 * as a generated model's weights do, so the benchmarked steps see only their addresses.
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

static void array(FILE *f, const char *type, const char *id, const char *suffix, int32_t n, int32_t lo, int32_t hi)
{
    int32_t i;
    fprintf(f, "const %s bench_%s_%s[%ld] = {", type, id, suffix, (long)n);
    for (i = 0; i < n; i++)
        fprintf(f, "%s%ld%s", i % 16 == 0 ? "\n    " : " ", (long)range(lo, hi), i + 1 < n ? "," : "\n");
    fprintf(f, "};\n");
}

#define GEN_SHAPE(id, cin, cout, k, s, d, g, rows, cmsis_m4, cmsis_m55, m4_goal, desc)                             \
    g_state = 0x9E3779B9u ^ (uint32_t)(#id)[0];                                                            \
    fprintf(f, "\n/* %s: %s */\n", #id, desc);                                                             \
    array(f, "int8_t", #id, "w", DSL_BENCH_W_COUNT(cin, cout, k, s, d, g, rows), -127, 127);               \
    array(f, "int32_t", #id, "bias", (cout), -4096, 4096);                                                 \
    array(f, "int32_t", #id, "mult", (cout), 0x40000000, 0x7FFFFFFF);                                      \
    array(f, "int32_t", #id, "shift", (cout), -10, -7);                                                    \
    array(f, "int8_t", #id, "in", DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows), -128, 127);

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
    return fclose(f) == 0 ? 0 : 3;
}
