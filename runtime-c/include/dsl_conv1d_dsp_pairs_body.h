/*
 * dsl_conv1d_dsp_pairs_body.h - the DSP skeleton of dsl_conv1d_s8 and dsl_conv1d_s8_s16 (int8 input,
 * groups 1; with DSL_CONV1D_16X8 also dsl_conv1d_s16_s16 and dsl_conv1d_s16_s8 on the "pairs4s16" layout of
 * dsl_kernel_dsp_pairs16.h) for weights in the "pairs4" layout of dsl_kernel_dsp_pairs.h: p->weights points at that
 * layout's int32 words (cast to const int8_t *), the rest of p is as usual. Same parameters, signature
 * and bits as dsl_conv1d_body.h; included by generated path files after they define
 *   DSL_CONV1D_BODY    the force-inlined body defined
 *   DSL_CONV1D_OUT     int8_t or int16_t, the output element
 *   DSL_CONV1D_STORE   dsl_stage_s8 or dsl_stage_s16 (dsl_kernel_internal.h)
 *   DSL_CONV1D_16X8    defined for int16 input (dsl_conv1d_s16_s16): the "pairs4s16" layout and its dot,
 *                      dsl_kernel_dsp_pairs16.h
 *   DSL_DOT(f)         dsl_dsp_##f (unused here: the pairs block is dsl_dsp_dot_pairs4)
 * A template, not an interface: no include guard, and it undefines its parameters.
 *
 * Every output row is computed for 4 output channels at a time: per 4 inputs, one load and two SXTB16
 * feed 8 SMLAD with pre-widened weights (the int8 layout needs 4 more SXTB16 per channel). The block's
 * biases and prepared channels come from its header in the layout (p->stage gives the zero point, clamp, LUT).
 * The shape must have groups 1 (dslc chooses the layout only then).
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp_pairs.h"
#include "dsl_kernel_dsp_pairs16.h"
#include "dsl_stage_dsp.h"

#if defined(DSL_CONV1D_16X8)
#define DSL_PAIRS4_IN int16_t
#define DSL_PAIRS4_DOT dsl_dsp_dot_pairs4s16
#else
#define DSL_PAIRS4_IN int8_t
#define DSL_PAIRS4_DOT dsl_dsp_dot_pairs4
#endif

#define DSL_PAIRS4_PASTE(a, b) a##b
#define DSL_PAIRS4_NAME(a, b) DSL_PAIRS4_PASTE(a, b)
#define DSL_PAIRS4_BLOCK DSL_PAIRS4_NAME(DSL_CONV1D_BODY, _block)
#define DSL_PAIRS4_STORES DSL_PAIRS4_NAME(DSL_CONV1D_BODY, _stores)
/* the stores of dsl_stage_dsp.h on the block's prepared channels: dsl_stage_s8_dsp_next or dsl_stage_s16_dsp_next */
#define DSL_PAIRS4_STORE_NEXT DSL_PAIRS4_NAME(DSL_CONV1D_STORE, _dsp_next)

/* the n (1-4) outputs of one row of a block, unrolled (n is a constant): the lean stores of dsl_stage_dsp.h */
DSL_INLINE void DSL_PAIRS4_STORES(const dsl_output_stage_t *s, const int32_t acc[4], const dsl_requant_t q[4],
                                  DSL_CONV1D_OUT *y, int32_t n, dsl_stage_form_t form)
{
    const dsl_requant_t *qk = q;
    y[0] = DSL_PAIRS4_STORE_NEXT(s, acc[0], &qk, form);
    if (n > 1) y[1] = DSL_PAIRS4_STORE_NEXT(s, acc[1], &qk, form);
    if (n > 2) y[2] = DSL_PAIRS4_STORE_NEXT(s, acc[2], &qk, form);
    if (n > 3) y[3] = DSL_PAIRS4_STORE_NEXT(s, acc[3], &qk, form);
}

/* out_rows rows of the n (1-4) channels from o of one block, whose words start at hb (its header: biases and
   prepared channels, then the windows): n is a constant at both calls (4, cout % 4), so the bias loads and the
   stores unroll without tests; the accumulators start at the biases */
DSL_INLINE void DSL_PAIRS4_BLOCK(const dsl_output_stage_t *s, const int32_t *hb, const DSL_PAIRS4_IN *in, int32_t out_rows,
                                 DSL_CONV1D_OUT *out, int32_t o, int32_t n, int32_t cout, int32_t windows, int32_t win,
                                 int32_t x_step, int32_t row_step, dsl_stage_form_t form)
{
    const int32_t win_words = dsl_dsp_pairs4_window_words(win);
    const dsl_requant_t *const q = (const dsl_requant_t *)(const void *)(hb + 4);
    const int32_t *const wb = hb + DSL_DSP_PAIRS4_HEADER_WORDS;
    int32_t t, j;
    for (t = 0; t < out_rows; t++) {
        const DSL_PAIRS4_IN *x = in + t * row_step;
        int32_t acc[4];
        acc[0] = hb[0]; /* padding channels: 0, their outputs are not stored */
        acc[1] = hb[1];
        acc[2] = hb[2];
        acc[3] = hb[3];
        for (j = 0; j < windows; j++) DSL_PAIRS4_DOT(wb + j * win_words, x + j * x_step, win, acc);
        DSL_PAIRS4_STORES(s, acc, q, out + t * cout + o, n, form);
    }
}

/* p gives the weights (pairs4 layout) and output stage; its shape fields are not read */
DSL_INLINE void DSL_CONV1D_BODY(const dsl_conv1d_params_t *p, const DSL_PAIRS4_IN *in, int32_t out_rows, DSL_CONV1D_OUT *out,
                                int32_t cin, int32_t cout, int32_t kernel, int32_t stride, int32_t dilation,
                                int32_t groups, dsl_stage_form_t form)
{
    const dsl_output_stage_t stage = p->stage; /* local copy: the output stores cannot alias it */
    const int32_t *const words = (const int32_t *)(const void *)p->weights;
    const int32_t windows = dilation == 1 ? 1 : kernel; /* contiguous input windows per output */
    const int32_t win = dilation == 1 ? kernel * cin : cin; /* their length */
    const int32_t x_step = dilation * cin;                   /* next window: input, one tap later */
    const int32_t block_words = DSL_DSP_PAIRS4_HEADER_WORDS + windows * dsl_dsp_pairs4_window_words(win);
    const int32_t row_step = stride * cin;
    int32_t o;
    (void)groups;

    for (o = 0; o + 4 <= cout; o += 4)
        DSL_PAIRS4_BLOCK(&stage, words + (o >> 2) * block_words, in, out_rows, out, o, 4, cout, windows, win, x_step,
                         row_step, form);
    if (cout & 3)
        DSL_PAIRS4_BLOCK(&stage, words + (o >> 2) * block_words, in, out_rows, out, o, cout & 3, cout, windows, win,
                         x_step, row_step, form);
}

#undef DSL_PAIRS4_IN
#undef DSL_PAIRS4_DOT
#undef DSL_PAIRS4_PASTE
#undef DSL_PAIRS4_NAME
#undef DSL_PAIRS4_BLOCK
#undef DSL_PAIRS4_STORES
#undef DSL_PAIRS4_STORE_NEXT
#undef DSL_CONV1D_BODY
#undef DSL_CONV1D_NAME
#undef DSL_CONV1D_OUT
#undef DSL_CONV1D_STORE
#undef DSL_CONV1D_16X8
#undef DSL_DOT
