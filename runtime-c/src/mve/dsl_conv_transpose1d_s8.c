/*
 * dsl_conv_transpose1d_s8 - MVE variant (Cortex-M55 Helium: VMLADAVA.S8, tail-predicated loads).
 * Same results as src/portable/dsl_conv_transpose1d_s8.c: per output row, the taps of
 * its phase; per tap one dot product over in_channels, 2 output channels at a time.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_mve.h"

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
    int32_t n;

    for (n = 0; n < out_rows; n++) {
        const int32_t m = n + history * stride;
        const int32_t first = dsl_tconv_first_tap(m, stride, dilation, kernel, tap_step);
        const int32_t last = m / dilation < kernel - 1 ? m / dilation : kernel - 1;
        const int32_t *bias = s->bias + (n % stride) * cout;
        const int8_t *x_first = in + ((m - first * dilation) / stride) * cin;
        int8_t *y = out + n * cout;
        int32_t o = 0, j;
        for (; o + 2 <= cout; o += 2) {
            const int8_t *w0 = p->weights + o * wlen + first * cin;
            const int8_t *x = x_first;
            int32_t acc[2];
            acc[0] = bias[o];
            acc[1] = bias[o + 1];
            for (j = first; j <= last; j += tap_step) {
                dsl_mve_dot_2x1(w0, w0 + wlen, x, cin, acc);
                w0 += w_step;
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
                acc = dsl_mve_dot_1x1(w, x, cin, acc);
                w += w_step;
                x -= in_step;
            }
            y[o] = dsl_stage_s8(s, acc, s->multiplier[o], s->shift[o]);
        }
    }
}
