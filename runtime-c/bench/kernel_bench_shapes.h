/*
 * kernel_bench_shapes.h - the six convolution shapes of the kernel benchmark (issue 8), one table.
 * X(id, in_channels, out_channels, kernel, stride, dilation, groups, out_rows,
 *   cmsis_m4, cmsis_m55, m4_goal, description)
 * cmsis_m4 / cmsis_m55: CMSIS-NN instructions per MAC x 100 on the same shape (arm_convolve_wrapper_s8,
 * arm_fully_connected_s8 for f; gcc -O2; QEMU instruction counts), measured by the author of issue 8;
 * m4_goal: issue 8's target on Cortex-M4 as percent of CMSIS-NN (on Cortex-M55 it is 100 for all).
 * Time-major, causal pre-padded: in_rows = (out_rows - 1) * stride + (kernel - 1) * dilation + 1.
 * Shape f, a fully connected layer, is a conv with kernel 1 on one row (as dslc lowers MatMul/Gemm).
 * Add a row here and every file of the benchmark (data generator, steps, table) follows.
 */
#ifndef KERNEL_BENCH_SHAPES_H
#define KERNEL_BENCH_SHAPES_H

/* every shape's output zero point (kernel_bench.c's params; folded into the pairs4 records by
   gen_kernel_bench_data.c as DSL_STAGE_ZP_IN_ROUND does) */
#define DSL_BENCH_ZERO_POINT (-3)

#define DSL_BENCH_SHAPES(X)                                                                         \
    X(a, 8, 8, 7, 1, 1, 1, 320, 366, 47, 50, "conv 8->8, k7, 320 rows")                             \
    X(b, 8, 8, 7, 1, 9, 1, 320, 366, 95, 50, "conv 8->8, k7, dilation 9, 320 rows")                 \
    X(c, 16, 16, 1, 1, 1, 1, 320, 397, 109, 50, "conv 16->16, k1, 320 rows")                        \
    X(d, 16, 32, 8, 4, 1, 1, 80, 217, 29, 80, "conv 16->32, k8, stride 4, 80 out rows")             \
    X(e, 64, 64, 3, 1, 1, 1, 40, 193, 25, 80, "conv 64->64, k3, 40 rows")                           \
    X(f, 128, 64, 1, 1, 1, 1, 1, 228, 59, 80, "fully connected 128->64 (conv k1, one row)")

/* the transposed convolutions of the shipped model's heavy decoder (dslc inspect -m models/dsl_soundstream_s),
   library kernels in int8 and in the mixed-precision kinds (kernel_bench.c, random data):
   X(id, in_channels, out_channels, kernel, stride, in_rows, description); dilation 1 */
#define DSL_BENCH_TCONV_SHAPES(X)                                                  \
    X(t1, 192, 64, 16, 8, 1, "tconv 192->64, k16, stride 8, 1 in row (heavy net.4)") \
    X(t2, 64, 24, 10, 5, 8, "tconv 64->24, k10, stride 5, 8 in rows (heavy net.6)")  \
    X(t3, 24, 12, 8, 4, 40, "tconv 24->12, k8, stride 4, 40 in rows (heavy net.8)")  \
    X(t4, 12, 8, 4, 2, 160, "tconv 12->8, k4, stride 2, 160 in rows (heavy net.10)")
/* int16 activations (mixed precision): dsl_conv1d_s16_s16 (int16 in and out, int8 weights) on hidden-layer
   shapes of the shipped model and a long window, against dsl_conv1d_s8 on the same shape (same columns;
   no CMSIS-NN figures: 0). h-k: the heavy path's big steps (dslc generate's report.md; its transposed convs as
   TransposedConvAsConv emits them); i and j with fewer output channels than the model's, so that the M55 image
   fits its 512 KiB flash (instructions per MAC do not depend on the number of 4-channel blocks) */
#define DSL_BENCH_SHAPES_S16(X)                                                                     \
    X(s, 16, 16, 3, 1, 1, 1, 8, 0, 0, 0, "conv 16->16, k3, 8 rows (encoder residual unit)")        \
    X(t, 192, 192, 1, 1, 1, 1, 1, 0, 0, 0, "conv 192->192, k1, one row (heavy residual unit)")     \
    X(u, 8, 1, 7, 1, 1, 1, 320, 0, 0, 0, "conv 8->1, k7, 320 rows (heavy last layer)")             \
    X(v, 64, 64, 7, 1, 1, 1, 20, 0, 0, 0, "conv 64->64, k7, 20 rows")                              \
    X(w, 1, 4, 4, 2, 1, 1, 160, 0, 0, 0, "conv 1->4, k4, stride 2, 160 rows (first layer on PCM)") \
    X(h, 192, 192, 3, 1, 1, 1, 1, 0, 0, 0, "conv 192->192, k3, one row (heavy residual unit)")      \
    X(i, 192, 96, 3, 1, 3, 1, 1, 0, 0, 0, "conv 192->96 (of 192), k3, dilation 3, one row (heavy)")  \
    X(j, 192, 128, 2, 1, 1, 1, 1, 0, 0, 0, "conv 192->128 (of 512), k2 (heavy net.4 tconv as conv)") \
    X(k, 64, 120, 2, 1, 1, 1, 8, 0, 0, 0, "tconv 64->24 k10 s5 as conv 64->120 k2, 8 rows (net.6)")

/* sizes of one shape's arrays */
#define DSL_BENCH_IN_ROWS(cin, cout, k, s, d, g, rows) (((rows) - 1) * (s) + ((k) - 1) * (d) + 1)
#define DSL_BENCH_IN_COUNT(cin, cout, k, s, d, g, rows) (DSL_BENCH_IN_ROWS(cin, cout, k, s, d, g, rows) * (cin))
#define DSL_BENCH_W_COUNT(cin, cout, k, s, d, g, rows) ((cout) * (k) * ((cin) / (g)))
#define DSL_BENCH_OUT_COUNT(cin, cout, k, s, d, g, rows) ((rows) * (cout))
#define DSL_BENCH_MACS(cin, cout, k, s, d, g, rows) ((int32_t)(rows) * (cout) * (k) * ((cin) / (g)))
/* int32 words of the dsp pairs4 weights (groups 1; DspPairedWeights.WordCount): blocks of 4 output
   channels x (a header of 20 words + windows x groups of 4 window elements x 2 words x 4 channels) */
#define DSL_BENCH_W4_WINDOWS(cin, k, d) ((d) == 1 ? 1 : (k))
#define DSL_BENCH_W4_WINDOW(cin, k, d) ((d) == 1 ? (k) * (cin) : (cin))
#define DSL_BENCH_W4_COUNT(cin, cout, k, d) \
    (((cout) + 3) / 4 * (20 + DSL_BENCH_W4_WINDOWS(cin, k, d) * ((DSL_BENCH_W4_WINDOW(cin, k, d) + 3) / 4) * 8))

#endif
