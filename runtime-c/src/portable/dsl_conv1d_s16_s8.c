/*
 * dsl_conv1d_s16_s8 - portable C99: int16 in (16x8), int8 out.
 * src/dsp/ and src/mve/ have the same skeleton with SIMD dot products.
 * The first layer on PCM: usually 1 input channel, so with dilation 1 and groups 1 the
 * window is a contiguous run of kernel x in_channels samples; computed for 2 rows at a time
 * (one weight load for both). Grouped, depthwise and dilated shapes: per tap.
 */
#include "dsl_kernel_internal.h"

DSL_HOT
void dsl_conv1d_s16_s8(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out)
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
    const int32_t tap_step = dilation * cin;
    int32_t o;

    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o];
        const dsl_requant_t q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const int16_t *x = in + (o / og) * cg;
        int8_t *y = out + o;
        int32_t t = 0, j;
        if (dilation == 1 && cg == cin) {
            for (; t + 2 <= out_rows; t += 2) {
                int32_t acc[2];
                acc[0] = acc[1] = bias;
                dsl_dot16_1x2(w, x, x + row_step, wlen, acc);
                y[0] = dsl_stage_s8(s, acc[0], &q);
                y[cout] = dsl_stage_s8(s, acc[1], &q);
                x += 2 * row_step;
                y += 2 * cout;
            }
            if (t < out_rows) *y = dsl_stage_s8(s, dsl_dot16_1x1(w, x, wlen, bias), &q);
        } else if (cg == 1) { /* depthwise: one product per tap */
            for (; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc += w[j] * x[j * tap_step];
                *y = dsl_stage_s8(s, acc, &q);
                x += row_step;
                y += cout;
            }
        } else {
            for (; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc = dsl_dot16_1x1(w + j * cg, x + j * tap_step, cg, acc);
                *y = dsl_stage_s8(s, acc, &q);
                x += row_step;
                y += cout;
            }
        }
    }
}
