/*
 * dsl_conv_transpose1d_body.h - the one skeleton of dsl_conv_transpose1d_s8, _s16_s8, _s8_s16 and
 * _s16_s16, included by src/<variant>/<function>.c (and by generated path files that specialise a
 * step) after it defines
 *   DSL_DOT(f)   the variant's dot-product block f: dsl_##f, dsl_dsp_##f, dsl_mve_##f
 * and, for a kernel other than dsl_conv_transpose1d_s8 (all optional; without them: int8 in and out):
 *   DSL_CONV_TRANSPOSE1D_BODY   the force-inlined body's name (default dsl_conv_transpose1d_s8_body)
 *   DSL_CONV_TRANSPOSE1D_NAME   the library function defined, the body with the params' shape
 *                               (DSL_CONV_TRANSPOSE1D_LIBRARY: the same for dsl_conv_transpose1d_s8)
 *   DSL_CONV_TRANSPOSE1D_OUT    int8_t or int16_t, the output element
 *   DSL_CONV_TRANSPOSE1D_STORE  dsl_stage_s8 or dsl_stage_s16 (dsl_kernel_internal.h)
 *   DSL_CONV_TRANSPOSE1D_16X8   defined for int16 input (the 16x8 blocks dsl_*dot16_2x2 / _2x1)
 * The body's shape is explicit arguments (constants in a generated step, so the compiler unrolls
 * for that shape). A template, not an interface: no include guard, and it undefines its parameters.
 *
 * Each phase (output rows n = phase + stride * r) is a dense convolution of stride 1 over
 * the input rows: with the phase-major weights of dsl_kernels.h, output row r of the phase
 * reads the taps' input rows first + r, first + r + gap, ... (gap = 1 unless the dilation
 * does not divide the stride). With gap 1 that is one contiguous window of taps * in_channels
 * elements and one long dot product; otherwise one dot product of in_channels per tap. Outputs
 * are computed in blocks of 2 channels x 2 rows of a phase (an odd last channel is computed
 * twice, stored once); the rows of a phase are stride * out_channels apart in the output.
 */
#include "dsl_kernel_internal.h"

#if !defined(DSL_CONV_TRANSPOSE1D_BODY)
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s8_body
#endif
#if defined(DSL_CONV_TRANSPOSE1D_LIBRARY)
#define DSL_CONV_TRANSPOSE1D_NAME dsl_conv_transpose1d_s8
#endif
#if !defined(DSL_CONV_TRANSPOSE1D_OUT)
#define DSL_CONV_TRANSPOSE1D_OUT int8_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s8
#endif
#if defined(DSL_CONV_TRANSPOSE1D_16X8)
#include "dsl_kernel_dot16_tconv.h"
#define DSL_CONV_TRANSPOSE1D_IN int16_t
#define DSL_CONV_TRANSPOSE1D_DOT_2X2 DSL_DOT(dot16_2x2)
#define DSL_CONV_TRANSPOSE1D_DOT_2X1 DSL_DOT(dot16_2x1)
#else
#define DSL_CONV_TRANSPOSE1D_IN int8_t
#define DSL_CONV_TRANSPOSE1D_DOT_2X2 DSL_DOT(dot_2x2)
#define DSL_CONV_TRANSPOSE1D_DOT_2X1 DSL_DOT(dot_2x1)
#endif

/* p gives weights and output stage; its shape fields are not read (the arguments are the shape);
   form: what is known of the output stage at compile time (dsl_stage_form_t) */
DSL_INLINE void DSL_CONV_TRANSPOSE1D_BODY(const dsl_conv_transpose1d_params_t *p, const DSL_CONV_TRANSPOSE1D_IN *in,
                                          int32_t in_rows, DSL_CONV_TRANSPOSE1D_OUT *out, int32_t cin, int32_t cout,
                                          int32_t kernel, int32_t stride, int32_t dilation, dsl_stage_form_t form)
{
    const dsl_output_stage_t stage = p->stage; /* local copy: the output stores cannot alias it */
    const dsl_output_stage_t *s = &stage;
    const int32_t history = dsl_tconv_history(kernel, stride, dilation);
    const int32_t tap_step = dsl_tconv_tap_step(stride, dilation);
    const int32_t gap = tap_step * dilation / stride; /* input rows between a phase's taps */
    /* every phase has kernel / stride taps reading rows r .. r + taps - 1: kept apart so that a
       constant shape gives constant dot lengths even where the phase loop is not unrolled */
    const int32_t uniform = dilation == 1 && kernel % stride == 0;
    const int32_t pitch = stride * cout; /* output: next row of the same phase */
    int32_t o, phase;

    for (o = 0; o < cout; o += 2) {
        const int32_t o1 = o + 1 < cout ? o + 1 : o;
        const dsl_requant_t q0 = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const dsl_requant_t q1 = dsl_requant_prepare(s->multiplier[o1], s->shift[o1]);
        const int8_t *wp = p->weights; /* this phase's block [cout][taps][cin] */
        for (phase = 0; phase < stride; phase++) {
            const int32_t b0 = s->bias[phase * cout + o], b1 = s->bias[phase * cout + o1]; /* zero point per phase */
            const int32_t first_tap = dsl_tconv_phase_first_tap(phase, stride, dilation, kernel, tap_step);
            const int32_t taps = uniform ? kernel / stride
                                 : (first_tap < kernel ? (kernel - 1 - first_tap) / tap_step + 1 : 0);
            /* the last tap reads the earliest row: history - (last * dilation - phase) / stride >= 0 */
            const int32_t first_row = uniform || taps == 0
                                          ? 0
                                          : history - ((first_tap + (taps - 1) * tap_step) * dilation - phase) / stride;
            const int32_t wlen = taps * cin;
            const int8_t *w0 = wp + o * wlen, *w1 = wp + o1 * wlen;
            const DSL_CONV_TRANSPOSE1D_IN *x = in + first_row * cin;
            DSL_CONV_TRANSPOSE1D_OUT *y = out + phase * cout + o;
            int32_t r = 0, t;
            for (; r + 2 <= in_rows; r += 2) {
                int32_t acc[4];
                acc[0] = acc[1] = b0;
                acc[2] = acc[3] = b1;
                if (gap == 1 || taps == 1) {
                    if (taps > 0) DSL_CONV_TRANSPOSE1D_DOT_2X2(w0, w1, x, x + cin, wlen, acc);
                } else {
                    for (t = 0; t < taps; t++)
                        DSL_CONV_TRANSPOSE1D_DOT_2X2(w0 + t * cin, w1 + t * cin, x + t * gap * cin,
                                                     x + (t * gap + 1) * cin, cin, acc);
                }
                y[0] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[0], &q0, form);
                y[pitch] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[1], &q0, form);
                if (o1 != o) {
                    y[1] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[2], &q1, form);
                    y[pitch + 1] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[3], &q1, form);
                }
                x += 2 * cin;
                y += 2 * pitch;
            }
            if (r < in_rows) {
                int32_t acc[2];
                acc[0] = b0;
                acc[1] = b1;
                if (gap == 1 || taps == 1) {
                    if (taps > 0) DSL_CONV_TRANSPOSE1D_DOT_2X1(w0, w1, x, wlen, acc);
                } else {
                    for (t = 0; t < taps; t++)
                        DSL_CONV_TRANSPOSE1D_DOT_2X1(w0 + t * cin, w1 + t * cin, x + t * gap * cin, cin, acc);
                }
                y[0] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[0], &q0, form);
                if (o1 != o) y[1] = DSL_CONV_TRANSPOSE1D_STORE(s, acc[1], &q1, form);
            }
            wp += cout * wlen;
        }
    }
}

#if defined(DSL_CONV_TRANSPOSE1D_NAME)
DSL_HOT
void DSL_CONV_TRANSPOSE1D_NAME(const dsl_conv_transpose1d_params_t *p, const DSL_CONV_TRANSPOSE1D_IN *in,
                               int32_t in_rows, DSL_CONV_TRANSPOSE1D_OUT *out)
{
    DSL_CONV_TRANSPOSE1D_BODY(p, in, in_rows, out, p->in_channels, p->out_channels, p->kernel, p->stride, p->dilation,
                              DSL_STAGE_GENERAL);
}
#endif

#undef DSL_CONV_TRANSPOSE1D_LIBRARY
#undef DSL_CONV_TRANSPOSE1D_BODY
#undef DSL_CONV_TRANSPOSE1D_NAME
#undef DSL_CONV_TRANSPOSE1D_OUT
#undef DSL_CONV_TRANSPOSE1D_STORE
#undef DSL_CONV_TRANSPOSE1D_16X8
#undef DSL_CONV_TRANSPOSE1D_IN
#undef DSL_CONV_TRANSPOSE1D_DOT_2X2
#undef DSL_CONV_TRANSPOSE1D_DOT_2X1
#undef DSL_DOT
