/*
 * dsl_conv1d_s8 - portable C99: int8 in, int8 out (see dsl_kernels.h).
 * With dilation 1 and groups 1 the kernel x in_channels window is one contiguous dot
 * product: computed for 2 output channels x 2 rows at a time (loads shared). Other
 * shapes (grouped, depthwise, dilated): one dot product per tap.
 * src/dsp/ and src/mve/ have the same skeleton with SIMD dot products.
 */
#include "dsl_kernel_internal.h"

void dsl_conv1d_s8(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int8_t *out)
{
    const dsl_output_stage_t *s = &p->stage;
    const int32_t cin = p->in_channels;
    const int32_t cout = p->out_channels;
    const int32_t kernel = p->kernel;
    const int32_t row_step = p->stride * cin;
    const int32_t cg = cin / p->groups;
    const int32_t og = cout / p->groups;
    const int32_t wlen = kernel * cg;
    int32_t o = 0;

    if (p->dilation == 1 && cg == cin) {
        for (; o + 2 <= cout; o += 2) {
            const int8_t *w0 = p->weights + o * wlen;
            const int8_t *w1 = w0 + wlen;
            const int32_t m0 = s->multiplier[o], m1 = s->multiplier[o + 1];
            const int32_t e0 = s->shift[o], e1 = s->shift[o + 1];
            const int8_t *x = in;
            int8_t *y = out + o;
            int32_t t = 0;
            for (; t + 2 <= out_rows; t += 2) {
                int32_t acc[4];
                acc[0] = acc[1] = s->bias[o];
                acc[2] = acc[3] = s->bias[o + 1];
                dsl_dot_2x2(w0, w1, x, x + row_step, wlen, acc);
                y[0] = dsl_stage_s8(s, acc[0], m0, e0);
                y[1] = dsl_stage_s8(s, acc[2], m1, e1);
                y[cout] = dsl_stage_s8(s, acc[1], m0, e0);
                y[cout + 1] = dsl_stage_s8(s, acc[3], m1, e1);
                x += 2 * row_step;
                y += 2 * cout;
            }
            if (t < out_rows) {
                int32_t acc[2];
                acc[0] = s->bias[o];
                acc[1] = s->bias[o + 1];
                dsl_dot_2x1(w0, w1, x, wlen, acc);
                y[0] = dsl_stage_s8(s, acc[0], m0, e0);
                y[1] = dsl_stage_s8(s, acc[1], m1, e1);
            }
        }
    }
    /* remaining channels (all of them for grouped / dilated shapes) */
    for (; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o], mult = s->multiplier[o], shift = s->shift[o];
        const int8_t *x = in + (o / og) * cg;
        const int32_t tap_step = p->dilation * cin;
        int8_t *y = out + o;
        int32_t t;
        for (t = 0; t < out_rows; t++) {
            int32_t acc = bias, j;
            if (p->dilation == 1 && cg == cin) {
                acc = dsl_dot_1x1(w, x, wlen, acc);
            } else {
                for (j = 0; j < kernel; j++) acc = dsl_dot_1x1(w + j * cg, x + j * tap_step, cg, acc);
            }
            *y = dsl_stage_s8(s, acc, mult, shift);
            x += row_step;
            y += cout;
        }
    }
}
