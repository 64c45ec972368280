/*
 * dsl_conv_transpose1d_s8 - DSP variant (Cortex-M4/M7/M33: SXTB16 + SMLAD).
 * Same results as src/portable/dsl_conv_transpose1d_s8.c. Output rows n and n + stride
 * use the same taps on consecutive input rows, so rows are taken in such pairs and
 * output channels in pairs: one 2 x 2 block of dot products over in_channels per tap.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"

void dsl_conv_transpose1d_s8(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows, int8_t *out)
{
    const dsl_output_stage_t *s = &p->stage;
    const int32_t cin = p->in_channels;
    const int32_t cout = p->out_channels;
    const int32_t kernel = p->kernel;
    const int32_t stride = p->stride;
    const int32_t dilation = p->dilation;
    const int32_t history = dsl_tconv_history(kernel, stride, dilation);
    const int32_t tap_step = dsl_tconv_tap_step(stride, dilation);
    const int32_t out_rows = in_rows * stride;
    const int32_t wlen = kernel * cin;
    const int32_t w_step = tap_step * cin;
    const int32_t in_step = (tap_step * dilation / stride) * cin;
    int32_t phase;

    for (phase = 0; phase < stride; phase++) {
        const int32_t *bias = s->bias + phase * cout; /* input zero point folded per phase */
        int32_t n = phase;
        while (n < out_rows) {
            const int32_t m = n + history * stride;
            const int32_t first = dsl_tconv_first_tap(m, stride, dilation, kernel, tap_step);
            const int32_t last = m / dilation < kernel - 1 ? m / dilation : kernel - 1;
            /* row n + stride: same taps, input rows one later (unless near the start, where it has more) */
            const int32_t m2 = m + stride;
            const int32_t last2 = m2 / dilation < kernel - 1 ? m2 / dilation : kernel - 1;
            const int32_t pair = n + stride < out_rows && first < kernel && last2 == last &&
                                 dsl_tconv_first_tap(m2, stride, dilation, kernel, tap_step) == first;
            const int8_t *x_first = in + ((m - first * dilation) / stride) * cin;
            int8_t *y = out + n * cout;
            int32_t o = 0, j;
            if (pair) {
                int8_t *y2 = y + stride * cout;
                for (; o + 2 <= cout; o += 2) {
                    const int8_t *w = p->weights + o * wlen + first * cin;
                    const int8_t *x = x_first;
                    const int32_t m0 = s->multiplier[o], m1 = s->multiplier[o + 1];
                    const int32_t e0 = s->shift[o], e1 = s->shift[o + 1];
                    int32_t acc[4];
                    acc[0] = acc[1] = bias[o];
                    acc[2] = acc[3] = bias[o + 1];
                    for (j = first; j <= last; j += tap_step) {
                        dsl_dsp_dot_2x2(w, w + wlen, x, x + cin, cin, acc);
                        w += w_step;
                        x -= in_step;
                    }
                    y[o] = dsl_stage_s8(s, acc[0], m0, e0);
                    y2[o] = dsl_stage_s8(s, acc[1], m0, e0);
                    y[o + 1] = dsl_stage_s8(s, acc[2], m1, e1);
                    y2[o + 1] = dsl_stage_s8(s, acc[3], m1, e1);
                }
                if (o < cout) {
                    const int8_t *w = p->weights + o * wlen + first * cin;
                    const int8_t *x = x_first;
                    int32_t a0 = bias[o], a1 = bias[o];
                    for (j = first; j <= last; j += tap_step) {
                        a0 = dsl_dsp_dot_1x1(w, x, cin, a0);
                        a1 = dsl_dsp_dot_1x1(w, x + cin, cin, a1);
                        w += w_step;
                        x -= in_step;
                    }
                    y[o] = dsl_stage_s8(s, a0, s->multiplier[o], s->shift[o]);
                    y2[o] = dsl_stage_s8(s, a1, s->multiplier[o], s->shift[o]);
                }
                n += 2 * stride;
                continue;
            }
            for (; o + 2 <= cout; o += 2) {
                const int8_t *w = p->weights + o * wlen + first * cin;
                const int8_t *x = x_first;
                int32_t acc[2];
                acc[0] = bias[o];
                acc[1] = bias[o + 1];
                for (j = first; j <= last; j += tap_step) {
                    dsl_dsp_dot_2x1(w, w + wlen, x, cin, acc);
                    w += w_step;
                    x -= in_step;
                }
                y[o] = dsl_stage_s8(s, acc[0], s->multiplier[o], s->shift[o]);
                y[o + 1] = dsl_stage_s8(s, acc[1], s->multiplier[o + 1], s->shift[o + 1]);
            }
            if (o < cout) {
                const int8_t *w = p->weights + o * wlen + first * cin;
                const int8_t *x = x_first;
                int32_t acc = bias[o];
                for (j = first; j <= last; j += tap_step) {
                    acc = dsl_dsp_dot_1x1(w, x, cin, acc);
                    w += w_step;
                    x -= in_step;
                }
                y[o] = dsl_stage_s8(s, acc, s->multiplier[o], s->shift[o]);
            }
            n += stride;
        }
    }
}
