/*
 * dsl_conv1d_body.h - the one skeleton of dsl_conv1d_s8, dsl_conv1d_s8_s16, dsl_conv1d_s16_s8 and
 * dsl_conv1d_s16_s16, included by src/<variant>/<function>.c (and by generated path files that
 * specialise a step) after it defines:
 *   DSL_CONV1D_BODY    the force-inlined body defined: the shape is explicit arguments, so a
 *                      caller with constants (a generated step) gets code unrolled for its shape
 *   DSL_CONV1D_NAME    optional: the library function defined, the body with the params' shape
 *   DSL_CONV1D_OUT     int8_t or int16_t, the output element
 *   DSL_CONV1D_STORE   dsl_stage_s8 or dsl_stage_s16 (dsl_kernel_internal.h)
 *   DSL_CONV1D_16X8    defined for the int16-input kernel (dsl_*dot16_* blocks)
 *   DSL_DOT(f)         the variant's dot-product block f: dsl_##f, dsl_dsp_##f, dsl_mve_##f
 * A template, not an interface: no include guard, and it undefines its parameters.
 *
 * With dilation 1 and groups 1 the kernel x in_channels window is one contiguous dot
 * product. int8 input: computed for 2 output channels x 2 rows at a time (an odd last
 * channel is computed twice and stored once). int16 input (16x8): the same blocks, but an odd last
 * channel, and every channel of a short constant window (the first layer on PCM, usually 1 input
 * channel), per output channel, 2 rows at a time sharing one weight load.
 * Grouped, depthwise and dilated shapes: per tap.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dot16_tconv.h" /* dsl_dot16_2x2 */

#if defined(DSL_CONV1D_16X8)
#define DSL_CONV1D_IN int16_t
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot16_1x1)
#define DSL_CONV1D_DOT_2X2 DSL_DOT(dot16_2x2)
#define DSL_CONV1D_DOT_2X1 DSL_DOT(dot16_row2x1)
#else
#define DSL_CONV1D_IN int8_t
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot_1x1)
#define DSL_CONV1D_DOT_2X2 DSL_DOT(dot_2x2)
#define DSL_CONV1D_DOT_2X1 DSL_DOT(dot_2x1)
#endif
/* a window (kernel x in_channels) of at most this many elements known at compile time: the 16x8 first layer's
   form (per output channel, 2 rows share the weights, unrolled) */
#define DSL_CONV1D_SHORT16 16
#if defined(__GNUC__)
#define DSL_CONV1D_IS_CONSTANT(x) __builtin_constant_p(x)
#else
#define DSL_CONV1D_IS_CONSTANT(x) 0
#endif

/* p gives weights and output stage; its shape fields are not read (the arguments are the shape);
   form: what is known of the output stage at compile time (dsl_stage_form_t) */
DSL_INLINE void DSL_CONV1D_BODY(const dsl_conv1d_params_t *p, const DSL_CONV1D_IN *in, int32_t out_rows,
                                DSL_CONV1D_OUT *out, int32_t cin, int32_t cout, int32_t kernel, int32_t stride,
                                int32_t dilation, int32_t groups, dsl_stage_form_t form)
{
    const dsl_output_stage_t stage = p->stage; /* local copy: the output stores cannot alias it */
    const dsl_output_stage_t *s = &stage;
    const int32_t row_step = stride * cin;
    const int32_t cg = cin / groups;
    const int32_t og = cout / groups;
    const int32_t wlen = kernel * cg;
    int32_t o;

    if (dilation == 1 && cg == cin) {
#if defined(DSL_CONV1D_16X8)
        /* a short constant window: every channel in this form; else only an odd last one (the 2x2 blocks
           would compute it twice) */
        const int32_t short16 = DSL_CONV1D_IS_CONSTANT(wlen) && wlen <= DSL_CONV1D_SHORT16;
        const int32_t single = short16 ? 0 : cout & ~(int32_t)1;
        if (single < cout) {
            for (o = single; o < cout; o++) {
                const int8_t *w = p->weights + o * wlen;
                const int32_t bias = s->bias[o];
                const dsl_requant_t q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
                const int16_t *x = in;
                DSL_CONV1D_OUT *y = out + o;
                int32_t t = 0;
                for (; !short16 && t + 4 <= out_rows; t += 4) { /* an odd last channel: 4 rows per block */
                    int32_t acc[4], k;
                    acc[0] = acc[1] = acc[2] = acc[3] = bias;
                    DSL_DOT(dot16_1x4)(w, x, row_step, wlen, acc);
                    for (k = 0; k < 4; k++) y[k * cout] = DSL_CONV1D_STORE(s, acc[k], &q, form);
                    x += 4 * row_step;
                    y += 4 * cout;
                }
                for (; t + 2 <= out_rows; t += 2) {
                    int32_t acc[2];
                    acc[0] = acc[1] = bias;
                    DSL_DOT(dot16_1x2)(w, x, x + row_step, wlen, acc);
                    y[0] = DSL_CONV1D_STORE(s, acc[0], &q, form);
                    y[cout] = DSL_CONV1D_STORE(s, acc[1], &q, form);
                    x += 2 * row_step;
                    y += 2 * cout;
                }
                if (t < out_rows) *y = DSL_CONV1D_STORE(s, DSL_DOT(dot16_1x1)(w, x, wlen, bias), &q, form);
            }
        }
        for (o = 0; o < single; o += 2) {
#else
        for (o = 0; o < cout; o += 2) {
#endif
            const int32_t o1 = o + 1 < cout ? o + 1 : o;
            const int8_t *w0 = p->weights + o * wlen;
            const int8_t *w1 = p->weights + o1 * wlen;
            const dsl_requant_t q0 = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
            const dsl_requant_t q1 = dsl_requant_prepare(s->multiplier[o1], s->shift[o1]);
            const int32_t b0 = s->bias[o], b1 = s->bias[o1];
            const DSL_CONV1D_IN *x = in;
            DSL_CONV1D_OUT *y = out + o;
            int32_t t = 0;
            for (; t + 2 <= out_rows; t += 2) {
                int32_t acc[4];
                acc[0] = acc[1] = b0;
                acc[2] = acc[3] = b1;
                DSL_CONV1D_DOT_2X2(w0, w1, x, x + row_step, wlen, acc);
                y[0] = DSL_CONV1D_STORE(s, acc[0], &q0, form);
                y[cout] = DSL_CONV1D_STORE(s, acc[1], &q0, form);
                if (o1 != o) {
                    y[1] = DSL_CONV1D_STORE(s, acc[2], &q1, form);
                    y[cout + 1] = DSL_CONV1D_STORE(s, acc[3], &q1, form);
                }
                x += 2 * row_step;
                y += 2 * cout;
            }
            if (t < out_rows) {
                int32_t acc[2];
                acc[0] = b0;
                acc[1] = b1;
                DSL_CONV1D_DOT_2X1(w0, w1, x, wlen, acc);
                y[0] = DSL_CONV1D_STORE(s, acc[0], &q0, form);
                if (o1 != o) y[1] = DSL_CONV1D_STORE(s, acc[1], &q1, form);
            }
        }
        return;
    }
    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o];
        const dsl_requant_t q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const int32_t tap_step = dilation * cin;
        const DSL_CONV1D_IN *x = in + (o / og) * cg;
        DSL_CONV1D_OUT *y = out + o;
        int32_t t, j;
        if (cg == 1) { /* depthwise: one product per tap */
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc += w[j] * x[j * tap_step];
                *y = DSL_CONV1D_STORE(s, acc, &q, form);
                x += row_step;
                y += cout;
            }
        } else {
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc = DSL_CONV1D_DOT_1X1(w + j * cg, x + j * tap_step, cg, acc);
                *y = DSL_CONV1D_STORE(s, acc, &q, form);
                x += row_step;
                y += cout;
            }
        }
    }
}

#if defined(DSL_CONV1D_NAME)
DSL_HOT
void DSL_CONV1D_NAME(const dsl_conv1d_params_t *p, const DSL_CONV1D_IN *in, int32_t out_rows, DSL_CONV1D_OUT *out)
{
    DSL_CONV1D_BODY(p, in, out_rows, out, p->in_channels, p->out_channels, p->kernel, p->stride, p->dilation,
                    p->groups, DSL_STAGE_GENERAL);
}
#endif

#undef DSL_CONV1D_BODY
#undef DSL_CONV1D_NAME
#undef DSL_CONV1D_OUT
#undef DSL_CONV1D_STORE
#undef DSL_CONV1D_16X8
#undef DSL_CONV1D_IN
#undef DSL_CONV1D_DOT_1X1
#undef DSL_CONV1D_DOT_2X2
#undef DSL_CONV1D_DOT_2X1
#undef DSL_CONV1D_SHORT16
#undef DSL_CONV1D_IS_CONSTANT
#undef DSL_DOT
