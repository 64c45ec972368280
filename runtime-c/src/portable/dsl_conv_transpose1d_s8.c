/* dsl_conv_transpose1d_s8 - portable C99: causal streaming transposed conv (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

void dsl_conv_transpose1d_s8(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows, int8_t *out)
{
    const int32_t cin = p->in_channels;
    const int32_t cout = p->out_channels;
    const int32_t kernel = p->kernel;
    const int32_t stride = p->stride;
    const int32_t dilation = p->dilation;
    const int32_t history = dsl_tconv_history(kernel, stride, dilation);
    const int32_t tap_step = dsl_tconv_tap_step(stride, dilation);
    const int32_t out_rows = in_rows * stride;
    const int32_t wlen = kernel * cin;
    int32_t n;

    for (n = 0; n < out_rows; n++) {
        /* taps j = first, first + tap_step, ... read input row i = (m - j * dilation) / stride */
        const int32_t m = n + history * stride;
        const int32_t first = dsl_tconv_first_tap(m, stride, dilation, kernel, tap_step);
        const int32_t last = m / dilation < kernel - 1 ? m / dilation : kernel - 1;
        const int32_t in_step = (tap_step * dilation / stride) * cin; /* row distance between taps */
        const int32_t *bias = p->stage.bias + (n % stride) * cout; /* zero point folded per phase */
        int8_t *y = out + n * cout;
        int32_t o;
        for (o = 0; o < cout; o++) {
            int32_t acc = bias[o];
            const int8_t *w = p->weights + o * wlen + first * cin;
            const int8_t *x = in + ((m - first * dilation) / stride) * cin;
            int32_t j, c;
            for (j = first; j <= last; j += tap_step) {
                for (c = 0; c < cin; c++) acc += w[c] * x[c];
                w += tap_step * cin;
                x -= in_step;
            }
            y[o] = dsl_stage_s8(&p->stage, acc, p->stage.multiplier[o], p->stage.shift[o]);
        }
    }
}
