/*
 * dsl_conv1d_s8 - portable C99: int8 in, int8 out.
 * src/dsp/ and src/mve/ have the same skeleton with SIMD dot products.
 * With dilation 1 and groups 1 the kernel x in_channels window is one contiguous dot
 * product, computed for 2 output channels x 2 rows at a time (an odd last channel is
 * computed twice and stored once). Grouped, depthwise and dilated shapes: per tap.
 */
#include "dsl_kernel_internal.h"

DSL_HOT
void dsl_conv1d_s8(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int8_t *out)
{
    const dsl_output_stage_t stage = p->stage; /* local copy: the int8 stores cannot alias it */
    const dsl_output_stage_t *s = &stage;
    const int32_t cin = p->in_channels;
    const int32_t cout = p->out_channels;
    const int32_t kernel = p->kernel;
    const int32_t dilation = p->dilation;
    const int32_t row_step = p->stride * cin;
    const int32_t cg = cin / p->groups;
    const int32_t og = cout / p->groups;
    const int32_t wlen = kernel * cg;
    int32_t o;

    if (dilation == 1 && cg == cin) {
        for (o = 0; o < cout; o += 2) {
            const int32_t o1 = o + 1 < cout ? o + 1 : o;
            const int8_t *w0 = p->weights + o * wlen;
            const int8_t *w1 = p->weights + o1 * wlen;
            const dsl_requant_t q0 = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
            const dsl_requant_t q1 = dsl_requant_prepare(s->multiplier[o1], s->shift[o1]);
            const int32_t b0 = s->bias[o], b1 = s->bias[o1];
            const int8_t *x = in;
            int8_t *y = out + o;
            int32_t t = 0;
            for (; t + 2 <= out_rows; t += 2) {
                int32_t acc[4];
                acc[0] = acc[1] = b0;
                acc[2] = acc[3] = b1;
                dsl_dot_2x2(w0, w1, x, x + row_step, wlen, acc);
                y[0] = dsl_stage_s8(s, acc[0], &q0);
                y[cout] = dsl_stage_s8(s, acc[1], &q0);
                if (o1 != o) {
                    y[1] = dsl_stage_s8(s, acc[2], &q1);
                    y[cout + 1] = dsl_stage_s8(s, acc[3], &q1);
                }
                x += 2 * row_step;
                y += 2 * cout;
            }
            if (t < out_rows) {
                int32_t acc[2];
                acc[0] = b0;
                acc[1] = b1;
                dsl_dot_2x1(w0, w1, x, wlen, acc);
                y[0] = dsl_stage_s8(s, acc[0], &q0);
                if (o1 != o) y[1] = dsl_stage_s8(s, acc[1], &q1);
            }
        }
        return;
    }
    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o];
        const dsl_requant_t q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const int32_t tap_step = dilation * cin;
        const int8_t *x = in + (o / og) * cg;
        int8_t *y = out + o;
        int32_t t, j;
        if (cg == 1) { /* depthwise: one product per tap */
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc += w[j] * x[j * tap_step];
                *y = dsl_stage_s8(s, acc, &q);
                x += row_step;
                y += cout;
            }
        } else {
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc = dsl_dot_1x1(w + j * cg, x + j * tap_step, cg, acc);
                *y = dsl_stage_s8(s, acc, &q);
                x += row_step;
                y += cout;
            }
        }
    }
}
