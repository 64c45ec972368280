/*
 * dsl_conv_transpose1d_body.h - the one skeleton of dsl_conv_transpose1d_s8, included by
 * src/<variant>/dsl_conv_transpose1d_s8.c (and by generated path files that specialise a step)
 * after it defines
 *   DSL_DOT(f)   the variant's dot-product block f: dsl_##f, dsl_dsp_##f, dsl_mve_##f
 *   DSL_CONV_TRANSPOSE1D_LIBRARY  optional: also define the library function dsl_conv_transpose1d_s8
 * It defines the force-inlined body dsl_conv_transpose1d_s8_body, whose shape is explicit
 * arguments (constants in a generated step, so the compiler unrolls for that shape).
 * A template, not an interface: no include guard, and it undefines its parameters.
 *
 * Output rows n and n + stride use the same taps on consecutive input rows, so rows of a
 * phase are taken in such pairs and output channels in pairs (an odd last channel is
 * computed twice, stored once): per tap one 2 x 2 block of dot products over in_channels.
 */
#include "dsl_kernel_internal.h"

/* p gives weights and output stage; its shape fields are not read (the arguments are the shape);
   form: what is known of the output stage at compile time (dsl_stage_form_t) */
DSL_INLINE void dsl_conv_transpose1d_s8_body(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows,
                                             int8_t *out, int32_t cin, int32_t cout, int32_t kernel, int32_t stride,
                                             int32_t dilation, dsl_stage_form_t form)
{
    const dsl_output_stage_t stage = p->stage; /* local copy: the int8 stores cannot alias it */
    const dsl_output_stage_t *s = &stage;
    const int32_t history = dsl_tconv_history(kernel, stride, dilation);
    const int32_t tap_step = dsl_tconv_tap_step(stride, dilation);
    const int32_t out_rows = in_rows * stride;
    const int32_t wlen = kernel * cin;
    const int32_t w_step = tap_step * cin;                           /* weights: next tap of the phase */
    const int32_t in_step = (tap_step * dilation / stride) * cin;    /* input: its row, earlier */
    int32_t o, phase;

    for (o = 0; o < cout; o += 2) {
        const int32_t o1 = o + 1 < cout ? o + 1 : o;
        const int32_t dw = (o1 - o) * wlen;
        const dsl_requant_t q0 = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const dsl_requant_t q1 = dsl_requant_prepare(s->multiplier[o1], s->shift[o1]);
        for (phase = 0; phase < stride && phase < out_rows; phase++) {
            const int32_t b0 = s->bias[phase * cout + o], b1 = s->bias[phase * cout + o1]; /* zero point per phase */
            const int32_t first = dsl_tconv_phase_first_tap(phase, stride, dilation, kernel, tap_step);
            int32_t n = phase;
            while (n < out_rows) {
                /* taps first, first + tap_step, ... <= last, with j * dilation <= m (input row >= 0) */
                const int32_t m = n + history * stride;
                const int32_t last = m >= (kernel - 1) * dilation ? kernel - 1 : m / dilation;
                /* row n + stride: same taps on the next input row unless, near the start, it has more */
                const int32_t pair = n + stride < out_rows && (last == kernel - 1 || (m + stride) / dilation == last);
                const int8_t *x = first <= last ? in + ((m - first * dilation) / stride) * cin : in;
                const int8_t *w = p->weights + o * wlen + first * cin;
                int8_t *y = out + n * cout + o;
                int32_t j;
                if (pair) {
                    int32_t acc[4];
                    acc[0] = acc[1] = b0;
                    acc[2] = acc[3] = b1;
                    for (j = first; j <= last; j += tap_step) {
                        DSL_DOT(dot_2x2)(w, w + dw, x, x + cin, cin, acc);
                        w += w_step;
                        x -= in_step;
                    }
                    y[0] = dsl_stage_s8(s, acc[0], &q0, form);
                    y[stride * cout] = dsl_stage_s8(s, acc[1], &q0, form);
                    if (o1 != o) {
                        y[1] = dsl_stage_s8(s, acc[2], &q1, form);
                        y[stride * cout + 1] = dsl_stage_s8(s, acc[3], &q1, form);
                    }
                    n += 2 * stride;
                } else {
                    int32_t acc[2];
                    acc[0] = b0;
                    acc[1] = b1;
                    for (j = first; j <= last; j += tap_step) {
                        DSL_DOT(dot_2x1)(w, w + dw, x, cin, acc);
                        w += w_step;
                        x -= in_step;
                    }
                    y[0] = dsl_stage_s8(s, acc[0], &q0, form);
                    if (o1 != o) y[1] = dsl_stage_s8(s, acc[1], &q1, form);
                    n += stride;
                }
            }
        }
    }
}

#if defined(DSL_CONV_TRANSPOSE1D_LIBRARY)
DSL_HOT
void dsl_conv_transpose1d_s8(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows, int8_t *out)
{
    dsl_conv_transpose1d_s8_body(p, in, in_rows, out, p->in_channels, p->out_channels, p->kernel, p->stride,
                                 p->dilation, DSL_STAGE_GENERAL);
}
#endif

#undef DSL_CONV_TRANSPOSE1D_LIBRARY
#undef DSL_DOT
