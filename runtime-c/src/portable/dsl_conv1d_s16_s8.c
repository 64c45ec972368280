/* dsl_conv1d_s16_s8 - portable C99: int16 in (16x8), int8 out (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

DSL_HOT
void dsl_conv1d_s16_s8(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out)
{
    const int32_t cin = p->in_channels;
    const int32_t cout = p->out_channels;
    const int32_t kernel = p->kernel;
    const int32_t row_step = p->stride * cin;
    const int32_t cg = cin / p->groups;
    const int32_t og = cout / p->groups;
    const int32_t wlen = kernel * cg;
    int32_t o;

    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = p->stage.bias[o];
        const dsl_requant_t q = dsl_requant_prepare(p->stage.multiplier[o], p->stage.shift[o]);
        const int16_t *x = in + (o / og) * cg;
        int8_t *y = out + o;
        int32_t t = 0;

        if (p->dilation == 1 && cg == cin) {
            /* The kernel x in_channels window is contiguous: one dot product, two rows at a time. */
            for (; t + 2 <= out_rows; t += 2) {
                const int16_t *x1 = x + row_step;
                int32_t a0 = bias, a1 = bias, i;
                for (i = 0; i < wlen; i++) {
                    const int32_t wi = w[i];
                    a0 += wi * x[i];
                    a1 += wi * x1[i];
                }
                y[0] = dsl_stage_s8(&p->stage, a0, &q);
                y[cout] = dsl_stage_s8(&p->stage, a1, &q);
                x += 2 * row_step;
                y += 2 * cout;
            }
            if (t < out_rows) {
                int32_t a0 = bias, i;
                for (i = 0; i < wlen; i++) a0 += w[i] * x[i];
                y[0] = dsl_stage_s8(&p->stage, a0, &q);
            }
        } else {
            const int32_t tap_step = p->dilation * cin;
            for (; t < out_rows; t++) {
                int32_t acc = bias, j, c;
                const int16_t *xj = x;
                const int8_t *wj = w;
                for (j = 0; j < kernel; j++) {
                    for (c = 0; c < cg; c++) acc += wj[c] * xj[c];
                    xj += tap_step;
                    wj += cg;
                }
                *y = dsl_stage_s8(&p->stage, acc, &q);
                x += row_step;
                y += cout;
            }
        }
    }
}
