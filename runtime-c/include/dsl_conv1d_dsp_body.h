/*
 * dsl_conv1d_dsp_body.h - the skeleton of the DSP (SXTB16 + SMLAD) dsl_conv1d_s8, dsl_conv1d_s8_s16,
 * dsl_conv1d_s16_s8 and dsl_conv1d_s16_s16: the parameters, the body's signature and the bits are those of
 * dsl_conv1d_body.h (the portable reference); only the blocking differs. Included by src/dsp/ and by
 * generated path files for dsp boards after they define
 *   DSL_CONV1D_BODY    the force-inlined body defined (the shape is explicit arguments)
 *   DSL_CONV1D_NAME    optional: the library function defined, the body with the params' shape
 *   DSL_CONV1D_OUT     int8_t or int16_t, the output element
 *   DSL_CONV1D_STORE   dsl_stage_s8 or dsl_stage_s16 (dsl_kernel_internal.h)
 *   DSL_CONV1D_16X8    defined for the int16-input kernel (dsl_dsp_dot16_* blocks)
 *   DSL_DOT(f)         dsl_dsp_##f (dsl_kernel_dsp.h)
 * A template, not an interface: no include guard, and it undefines its parameters.
 *
 * int8 input, groups 1: an output is a sum over windows of contiguous inputs: one window of
 * kernel x in_channels with dilation 1, else one window of in_channels per tap (weights of a tap
 * are contiguous too). Rows are taken in pairs with 2 output channels (dsl_dsp_dot_2x2); an odd last
 * channel (all of a 1-channel layer) 4 rows at a time (dsl_dsp_dot_4x1 with rows and channels
 * swapped; a constant window of 9-64 bytes that the rows overlap: streams of rows sharing each input
 * word, dsl_kernel_dsp_rows.h), then 2; an odd last row (all of a one-row layer) with 4 output channels per block
 * (dsl_dsp_dot_4x1: each input word is loaded and split once for 4 channels), the remaining 1-3
 * channels in pairs (dsl_dsp_dot_2x1).
 * int16 input (16x8, groups 1): a short constant window (the first layer on PCM) per output channel, 2 rows at a
 * time share the weights; other windows (hidden layers with int16 activations; dilated: one per tap) one channel
 * x 4 rows (dsl_dsp_dot16_1x4: weights paired once for 4 rows), the last 1-3 rows 4 channels per block
 * (dsl_dsp_dot16_4x1: input pairs packed once for 4 channels), dsl_kernel_dsp16.h.
 * Grouped and depthwise shapes: per tap, as in the reference.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"
#include "dsl_kernel_dsp16.h"
#include "dsl_kernel_dsp_rows.h"
#include "dsl_stage_dsp.h"

/* the stores of dsl_stage_dsp.h: dsl_stage_s8_dsp or dsl_stage_s16_dsp (with dsl_dsp_requant_prepare) */
#define DSL_CONV1D_PASTE(a, b) a##b
#define DSL_CONV1D_XPASTE(a, b) DSL_CONV1D_PASTE(a, b)
#define DSL_CONV1D_DSP_STORE DSL_CONV1D_XPASTE(DSL_CONV1D_STORE, _dsp)
#ifndef DSL_CONV1D_DSP_SPLIT_ALL_MAX
#define DSL_CONV1D_DSP_SPLIT_ALL_MAX 8
#endif

#if defined(DSL_CONV1D_16X8)
#define DSL_CONV1D_IN int16_t
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot16_1x1)
#else
#define DSL_CONV1D_IN int8_t
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot_1x1)
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

#if defined(DSL_CONV1D_16X8)
    if (cg == cin) {
        const int32_t windows = dilation == 1 ? 1 : kernel; /* contiguous input windows per output */
        const int32_t win = dilation == 1 ? wlen : cin;      /* their length */
        const int32_t x_step = dilation * cin;                /* next window: input, one tap later */
        const int32_t quads = out_rows & ~(int32_t)3;
        int32_t t, j, k;
        if (windows == 1 && DSL_DSP_IS_CONSTANT(win) && win <= DSL_DSP_DOT16_1X4_INLINE_MAX) {
            /* a short window of constant length (the first layer on PCM, 1 input channel): as before the
               hidden-layer blocks below, per output channel 2 rows at a time, unrolled */
            for (o = 0; o < cout; o++) {
                const int8_t *w = p->weights + o * wlen;
                const int32_t bias = s->bias[o];
                const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
                const int16_t *x = in;
                DSL_CONV1D_OUT *y = out + o;
                t = 0;
                for (; t + 2 <= out_rows; t += 2) {
                    int32_t acc[2];
                    acc[0] = acc[1] = bias;
                    DSL_DOT(dot16_1x2)(w, x, x + row_step, wlen, acc);
                    y[0] = DSL_CONV1D_DSP_STORE(s, acc[0], &q, form);
                    y[cout] = DSL_CONV1D_DSP_STORE(s, acc[1], &q, form);
                    x += 2 * row_step;
                    y += 2 * cout;
                }
                if (t < out_rows) *y = DSL_CONV1D_DSP_STORE(s, DSL_DOT(dot16_1x1)(w, x, wlen, bias), &q, form);
            }
            return;
        }
        for (o = 0; quads > 0 && o < cout; o++) { /* one channel, 4 rows per block share its split weights */
            const int8_t *w = p->weights + o * wlen;
            const int32_t b = s->bias[o];
            const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
            const int16_t *x = in;
            DSL_CONV1D_OUT *y = out + o;
            for (t = 0; t < quads; t += 4) {
                int32_t acc[4];
                acc[0] = acc[1] = acc[2] = acc[3] = b;
                for (j = 0; j < windows; j++) DSL_DOT(dot16_1x4)(w + j * cin, x + j * x_step, row_step, win, acc);
                for (k = 0; k < 4; k++) y[k * cout] = DSL_CONV1D_DSP_STORE(s, acc[k], &q, form);
                x += 4 * row_step;
                y += 4 * cout;
            }
        }
        for (t = quads; t < out_rows; t++) { /* the last 1-3 rows (all of a one-row layer): 4 channels per block
                                                share each packed input word */
            const int16_t *x = in + t * row_step;
            DSL_CONV1D_OUT *y = out + t * cout;
            for (o = 0; o + 4 <= cout; o += 4) {
                const int8_t *w = p->weights + o * wlen;
                int32_t acc[4];
                for (k = 0; k < 4; k++) acc[k] = s->bias[o + k];
                for (j = 0; j < windows; j++) DSL_DOT(dot16_4x1)(w + j * cin, wlen, x + j * x_step, win, acc);
                for (k = 0; k < 4; k++) {
                    const dsl_requant_t q = dsl_dsp_requant_prepare(s, o + k, form);
                    y[o + k] = DSL_CONV1D_DSP_STORE(s, acc[k], &q, form);
                }
            }
            for (; o < cout; o++) {
                const int8_t *w = p->weights + o * wlen;
                const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
                int32_t acc = s->bias[o];
                for (j = 0; j < windows; j++) acc = DSL_DOT(dot16_1x1)(w + j * cin, x + j * x_step, win, acc);
                y[o] = DSL_CONV1D_DSP_STORE(s, acc, &q, form);
            }
        }
        return;
    }
#else
    if (cg == cin) {
        const int32_t windows = dilation == 1 ? 1 : kernel; /* contiguous input windows per output */
        const int32_t win = dilation == 1 ? wlen : cin;      /* their length */
        const int32_t x_step = dilation * cin;                /* next window: input, one tap later */
        const int32_t pairs = out_rows & ~(int32_t)1;
        int32_t j;
        /* tiny windows: one channel at a time with its weights split in registers (the 2x2 blocks would
           spill the two channels' weights and output-stage parameters) */
        const int32_t split_all = windows == 1 && DSL_DSP_IS_CONSTANT(win) && win <= DSL_CONV1D_DSP_SPLIT_ALL_MAX;
        if (pairs > 0) {
            for (o = 0; !split_all && o + 2 <= cout; o += 2) {
                const int8_t *w0 = p->weights + o * wlen;
                const int8_t *w1 = w0 + wlen;
                const dsl_requant_t q0 = dsl_dsp_requant_prepare(s, o, form);
                const dsl_requant_t q1 = dsl_dsp_requant_prepare(s, o + 1, form);
                const int32_t b0 = s->bias[o], b1 = s->bias[o + 1];
                const int8_t *x = in;
                DSL_CONV1D_OUT *y = out + o;
                int32_t t;
                for (t = 0; t < pairs; t += 2) {
                    int32_t acc[4];
                    acc[0] = acc[1] = b0;
                    acc[2] = acc[3] = b1;
                    if (windows == 1) /* dilation 1: no window loop (its set-up costs as much as the call) */
                        DSL_DOT(dot_2x2)(w0, w1, x, x + row_step, win, acc);
                    else
                        for (j = 0; j < windows; j++)
                            DSL_DOT(dot_2x2)(w0 + j * cin, w1 + j * cin, x + j * x_step, x + row_step + j * x_step, win,
                                             acc);
                    y[0] = DSL_CONV1D_DSP_STORE(s, acc[0], &q0, form);
                    y[cout] = DSL_CONV1D_DSP_STORE(s, acc[1], &q0, form);
                    y[1] = DSL_CONV1D_DSP_STORE(s, acc[2], &q1, form);
                    y[cout + 1] = DSL_CONV1D_DSP_STORE(s, acc[3], &q1, form);
                    x += 2 * row_step;
                    y += 2 * cout;
                }
            }
            for (; o < cout; o++) { /* the odd last channel (or all, split_all): 4 input rows per block share each weight word (the dot
                               is symmetric: dot_4x1 with the input rows as its 4 rows, the weights as its x) */
                const int8_t *w = p->weights + o * wlen;
                const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
                const int32_t b = s->bias[o];
                const int8_t *x = in;
                DSL_CONV1D_OUT *y = out + o;
                int32_t t = 0, k;
                /* overlapping windows of constant shape: streams of 4 rows share each input word
                   (dsl_kernel_dsp_rows.h), while the block's words lie inside the input. Not for the tiny
                   windows of split_all (QEMU, shipped model: 2->4 k2 +17 %, 4->8 k2 +7 %) */
                if (windows == 1 && DSL_DSP_IS_CONSTANT(win) && DSL_DSP_IS_CONSTANT(row_step) &&
                    win > DSL_CONV1D_DSP_SPLIT_ALL_MAX && dsl_dsp_rows_fit(win, row_step)) {
                    const int32_t streams = dsl_dsp_rows_streams(row_step);
                    const int32_t block = streams * DSL_DSP_ROWS; /* even: the 2-row loops take the rest */
                    const int32_t in_end = (out_rows - 1) * row_step + win;
                    const int32_t span = dsl_dsp_rows_span(win, row_step);
                    int32_t c;
                    dsl_dsp_rows_w_t ws;
                    dsl_dsp_rows_prepare(w, win, &ws);
                    for (; t + block <= pairs && t * row_step + span <= in_end; t += block) {
                        DSL_DSP_ROWS_UNROLL
                        for (c = 0; c < streams; c++) {
                            int32_t acc[DSL_DSP_ROWS];
                            DSL_DSP_ROWS_UNROLL
                            for (k = 0; k < DSL_DSP_ROWS; k++) acc[k] = b;
                            dsl_dsp_rows_dot(&ws, x + c * row_step, win, streams * row_step, acc);
                            DSL_DSP_ROWS_UNROLL
                            for (k = 0; k < DSL_DSP_ROWS; k++)
                                y[(c + k * streams) * cout] = DSL_CONV1D_DSP_STORE(s, acc[k], &q, form);
                        }
                        x += block * row_step;
                        y += block * cout;
                    }
                }
                /* a short window of constant length: its weights split once, in registers for all rows */
                if (windows == 1 && DSL_DSP_IS_CONSTANT(win) && win <= DSL_DSP_WSPLIT_MAX) {
                    dsl_dsp_wsplit_t ws;
                    dsl_dsp_wsplit(w, win, &ws);
                    for (; t < pairs; t += 2) {
                        int32_t acc[2];
                        acc[0] = acc[1] = b;
                        dsl_dsp_dot_2x1_split(&ws, x, x + row_step, win, acc);
                        y[0] = DSL_CONV1D_DSP_STORE(s, acc[0], &q, form);
                        y[cout] = DSL_CONV1D_DSP_STORE(s, acc[1], &q, form);
                        x += 2 * row_step;
                        y += 2 * cout;
                    }
                }
                /* short windows take the inline C blocks, where 2 rows keep everything in registers */
                for (; win > DSL_DSP_DOT_4X1_INLINE_MAX && t + 4 <= pairs; t += 4) {
                    int32_t acc[4];
                    acc[0] = acc[1] = acc[2] = acc[3] = b;
                    for (j = 0; j < windows; j++) DSL_DOT(dot_4x1)(x + j * x_step, row_step, w + j * cin, win, acc);
                    for (k = 0; k < 4; k++) y[k * cout] = DSL_CONV1D_DSP_STORE(s, acc[k], &q, form);
                    x += 4 * row_step;
                    y += 4 * cout;
                }
                for (; t < pairs; t += 2) {
                    int32_t acc[2];
                    acc[0] = acc[1] = b;
                    for (j = 0; j < windows; j++)
                        DSL_DOT(dot_2x1)(x + j * x_step, x + row_step + j * x_step, w + j * cin, win, acc);
                    y[0] = DSL_CONV1D_DSP_STORE(s, acc[0], &q, form);
                    y[cout] = DSL_CONV1D_DSP_STORE(s, acc[1], &q, form);
                    x += 2 * row_step;
                    y += 2 * cout;
                }
            }
        }
        if (out_rows & 1) {
            const int8_t *x = in + pairs * row_step;
            DSL_CONV1D_OUT *y = out + pairs * cout;
            for (o = 0; o + 4 <= cout; o += 4) {
                const int8_t *w = p->weights + o * wlen;
                int32_t acc[4], k;
                for (k = 0; k < 4; k++) acc[k] = s->bias[o + k];
                for (j = 0; j < windows; j++) DSL_DOT(dot_4x1)(w + j * cin, wlen, x + j * x_step, win, acc);
                for (k = 0; k < 4; k++) {
                    const dsl_requant_t q = dsl_dsp_requant_prepare(s, o + k, form);
                    y[o + k] = DSL_CONV1D_DSP_STORE(s, acc[k], &q, form);
                }
            }
            for (; o < cout; o += 2) {
                const int32_t o1 = o + 1 < cout ? o + 1 : o;
                const int8_t *w0 = p->weights + o * wlen;
                const int8_t *w1 = p->weights + o1 * wlen;
                int32_t acc[2];
                acc[0] = s->bias[o];
                acc[1] = s->bias[o1];
                for (j = 0; j < windows; j++) DSL_DOT(dot_2x1)(w0 + j * cin, w1 + j * cin, x + j * x_step, win, acc);
                {
                    const dsl_requant_t q0 = dsl_dsp_requant_prepare(s, o, form);
                    y[o] = DSL_CONV1D_DSP_STORE(s, acc[0], &q0, form);
                }
                if (o1 != o) {
                    const dsl_requant_t q1 = dsl_dsp_requant_prepare(s, o1, form);
                    y[o1] = DSL_CONV1D_DSP_STORE(s, acc[1], &q1, form);
                }
            }
        }
        return;
    }
#endif
    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o];
        const dsl_requant_t q = dsl_dsp_requant_prepare(s, o, form);
        const int32_t tap_step = dilation * cin;
        const DSL_CONV1D_IN *x = in + (o / og) * cg;
        DSL_CONV1D_OUT *y = out + o;
        int32_t t, j;
        if (cg == 1) { /* depthwise: one product per tap */
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc += w[j] * x[j * tap_step];
                *y = DSL_CONV1D_DSP_STORE(s, acc, &q, form);
                x += row_step;
                y += cout;
            }
        } else {
            for (t = 0; t < out_rows; t++) {
                int32_t acc = bias;
                for (j = 0; j < kernel; j++) acc = DSL_CONV1D_DOT_1X1(w + j * cg, x + j * tap_step, cg, acc);
                *y = DSL_CONV1D_DSP_STORE(s, acc, &q, form);
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
#undef DSL_CONV1D_DSP_STORE
#undef DSL_CONV1D_PASTE
#undef DSL_CONV1D_XPASTE
#undef DSL_CONV1D_16X8
#undef DSL_CONV1D_IN
#undef DSL_CONV1D_DOT_1X1
#undef DSL_DOT
