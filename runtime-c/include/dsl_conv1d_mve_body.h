/*
 * dsl_conv1d_mve_body.h - the Helium (MVE) skeleton of dsl_conv1d_s8, dsl_conv1d_s8_s16 and
 * dsl_conv1d_s16_s8: the template contract of dsl_conv1d_body.h (the portable reference; same
 * macros, same body name and arguments), with blocks of 4 outputs whose accumulators go into one
 * vector for the 4-lane output stage (dsl_kernel_mve_stage.h):
 *   3 or more output channels: 4 channels of one row (a last partial block computes its missing
 *     channels on the last channel's weights and stores only its own lanes);
 *   1 or 2 output channels: the 4 consecutive outputs of 4 rows (2 rows for 2 channels), which
 *     share the weights; a last partial block reads its last row again and stores its own lanes.
 * groups 1: the window is one contiguous dot product of kernel x in_channels (dilation 1), or
 * kernel segments of in_channels (dilated). Grouped with 4 or more output channels per group: the
 * 4-channel blocks within each group, a segment of in_channels / groups per tap. Depthwise (groups =
 * in = out channels): 4 channels of a row in the lanes, per tap a vector multiply-add. Other grouped
 * shapes: per output and tap, the scalar stage.
 * A template, not an interface: no include guard, and it undefines its parameters.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_mve.h"
#include "dsl_kernel_mve_stage.h"

#if defined(DSL_CONV1D_16X8)
#define DSL_CONV1D_IN int16_t
#define DSL_CONV1D_LOAD4(x) vldrhq_s32(x)
#define DSL_CONV1D_LOAD4_Z(x, p) vldrhq_z_s32(x, p)
#define DSL_CONV1D_DOT_4X1 DSL_DOT(dot16_4x1)
#define DSL_CONV1D_DOT_1X4 DSL_DOT(dot16_1x4)
#define DSL_CONV1D_DOT_2X2 DSL_DOT(dot16_2x2)
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot16_1x1)
#else
#define DSL_CONV1D_IN int8_t
#define DSL_CONV1D_LOAD4(x) vldrbq_s32(x)
#define DSL_CONV1D_LOAD4_Z(x, p) vldrbq_z_s32(x, p)
#define DSL_CONV1D_DOT_4X1 DSL_DOT(dot_4x1)
#define DSL_CONV1D_DOT_1X4 DSL_DOT(dot_1x4)
#define DSL_CONV1D_DOT_2X2 DSL_DOT(dot_2x2)
#define DSL_CONV1D_DOT_1X1 DSL_DOT(dot_1x1)
#endif
/* the 4-lane form of DSL_CONV1D_STORE: dsl_stage_s8_x4 or dsl_stage_s16_x4 */
#define DSL_CONV1D_PASTE(a, b) a##b
#define DSL_CONV1D_XPASTE(a, b) DSL_CONV1D_PASTE(a, b)
#define DSL_CONV1D_STORE_X4 DSL_CONV1D_XPASTE(DSL_CONV1D_STORE, _x4)

/* the window of a groups-1 step: `segs` contiguous segments of seg_len, seg_step apart in the input
   (one of kernel x in_channels with dilation 1, else one per tap) */
#define DSL_CONV1D_SEGMENTS                                         \
    const int32_t segs = dilation == 1 ? 1 : kernel;                \
    const int32_t seg_len = dilation == 1 ? kernel * cin : cin;     \
    const int32_t seg_step = dilation * cin

/* channels o .. o + n - 1 (1 <= n <= 4; a constant 4 for every block but the last of a group), all of one
   group, of every row; grouped windows are one segment of in_channels / groups per tap */
DSL_INLINE void DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _channels)(const dsl_conv1d_params_t *p, const dsl_output_stage_t *s,
                                                           const DSL_CONV1D_IN *in, int32_t out_rows,
                                                           DSL_CONV1D_OUT *out, int32_t o, int32_t n, int32_t cin,
                                                           int32_t cout, int32_t kernel, int32_t stride,
                                                           int32_t dilation, int32_t groups, dsl_stage_form_t form)
{
    const int32_t cg = cin / groups;
    const int32_t wlen = kernel * cg;
    const int32_t segs = dilation == 1 && groups == 1 ? 1 : kernel;
    const int32_t seg_len = segs == 1 ? wlen : cg;
    const int32_t seg_step = dilation * cin;
    const mve_pred16_t lanes = vctp32q((uint32_t)n);
    const int8_t *w0 = p->weights + o * wlen;
    const int8_t *w1 = w0 + (n > 1 ? wlen : 0);
    const int8_t *w2 = w0 + (n > 2 ? 2 : n - 1) * wlen;
    const int8_t *w3 = w0 + (n > 3 ? 3 : n - 1) * wlen;
    const int32x4_t bias = n == 4 ? vldrwq_s32(s->bias + o) : vldrwq_z_s32(s->bias + o, lanes);
    const int32x4_t m = n == 4 ? vldrwq_s32(s->multiplier + o) : vldrwq_z_s32(s->multiplier + o, lanes);
    const int32x4_t e = n == 4 ? vldrwq_s32(s->shift + o) : vldrwq_z_s32(s->shift + o, lanes);
    const DSL_CONV1D_IN *x = in + (o / (cout / groups)) * cg;
    DSL_CONV1D_OUT *y = out + o;
    int32_t t, j;
    for (t = 0; t < out_rows; t++) {
        int32_t acc[4] = {0, 0, 0, 0};
        for (j = 0; j < segs; j++) {
            const int32_t dw = j * seg_len;
            DSL_CONV1D_DOT_4X1(w0 + dw, w1 + dw, w2 + dw, w3 + dw, x + j * seg_step, seg_len, acc);
        }
        DSL_CONV1D_STORE_X4(s, vaddq_s32(bias, dsl_mve_lanes4(acc[0], acc[1], acc[2], acc[3])), m, e, n, y, form);
        x += stride * cin;
        y += cout;
    }
}

/* a short window (kernel x in_channels <= DSL_MVE_OUTER_MAX, groups 1): channels o .. o + n - 1 (1 <= n <= 4)
   in the lanes, an outer product: per window element, the column of their weights (gathered once into
   registers; a partial block repeats its last channel) times the element (a scalar) with VMLA. No lane
   assembly, no predicated loads: about 2 instructions per window element and row instead of the dot
   blocks' fixed cost per block of 4 outputs. */
DSL_INLINE void DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _outer)(const dsl_conv1d_params_t *p, const dsl_output_stage_t *s,
                                                        const DSL_CONV1D_IN *in, int32_t out_rows,
                                                        DSL_CONV1D_OUT *out, int32_t o, int32_t n, int32_t cin,
                                                        int32_t cout, int32_t kernel, int32_t stride,
                                                        int32_t dilation, dsl_stage_form_t form)
{
    const int32_t wlen = kernel * cin;
    const mve_pred16_t lanes = vctp32q((uint32_t)n);
    const uint32x4_t w_offsets = vreinterpretq_u32_s32(
        dsl_mve_lanes4(0, n > 1 ? wlen : 0, (n > 2 ? 2 : n - 1) * wlen, (n > 3 ? 3 : n - 1) * wlen));
    const int8_t *w = p->weights + o * wlen;
    const int32_t *b = s->bias + o;
    const int32x4_t m = n == 4 ? vldrwq_s32(s->multiplier + o) : vldrwq_z_s32(s->multiplier + o, lanes);
    const int32x4_t e = n == 4 ? vldrwq_s32(s->shift + o) : vldrwq_z_s32(s->shift + o, lanes);
    int32x4_t wcol[DSL_MVE_OUTER_MAX];
    const DSL_CONV1D_IN *x = in;
    DSL_CONV1D_OUT *y = out + o;
    int32_t t, j, c;
    DSL_MVE_UNROLL for (j = 0; j < wlen; j++) wcol[j] = vldrbq_gather_offset_s32(w + j, w_offsets);
    for (t = 0; t < out_rows; t++) {
        int32x4_t acc;
        DSL_MVE_OPAQUE(b); /* the bias is reloaded per row: its Q register holds a weight column instead */
        DSL_MVE_OPAQUE(y);
        acc = n == 4 ? vldrwq_s32(b) : vldrwq_z_s32(b, lanes);
        DSL_MVE_UNROLL for (j = 0; j < kernel; j++) {
            DSL_MVE_UNROLL for (c = 0; c < cin; c++) acc = vmlaq_n_s32(acc, wcol[j * cin + c], (int32_t)x[j * dilation * cin + c]);
        }
        DSL_CONV1D_STORE_X4(s, acc, m, e, n, y, form);
        x += stride * cin;
        y += cout;
    }
}

/* one output channel: rows t .. t + n - 1 (1 <= n <= 4) in the lanes; a short block reads its last row again */
DSL_INLINE void DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows)(const dsl_conv1d_params_t *p, const dsl_output_stage_t *s,
                                                       const DSL_CONV1D_IN *x, DSL_CONV1D_OUT *y, int32_t n,
                                                       int32x4_t bias, int32x4_t m, int32x4_t e, int32_t cin,
                                                       int32_t kernel, int32_t stride, int32_t dilation,
                                                       dsl_stage_form_t form)
{
    DSL_CONV1D_SEGMENTS;
    const int32_t row_step = stride * cin;
    const DSL_CONV1D_IN *x1 = x + (n > 1 ? row_step : 0);
    const DSL_CONV1D_IN *x2 = x + (n > 2 ? 2 : n - 1) * row_step;
    const DSL_CONV1D_IN *x3 = x + (n > 3 ? 3 : n - 1) * row_step;
    int32_t acc[4] = {0, 0, 0, 0};
    int32_t j;
    for (j = 0; j < segs; j++) {
        const int32_t dx = j * seg_step;
        DSL_CONV1D_DOT_1X4(p->weights + j * seg_len, x + dx, x1 + dx, x2 + dx, x3 + dx, seg_len, acc);
    }
    DSL_CONV1D_STORE_X4(s, vaddq_s32(bias, dsl_mve_lanes4(acc[0], acc[1], acc[2], acc[3])), m, e, n, y, form);
}

/* two output channels: rows t and t + 1 (n = 4), or t alone (n = 2, the last of an odd count) */
DSL_INLINE void DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows2)(const dsl_conv1d_params_t *p, const dsl_output_stage_t *s,
                                                        const DSL_CONV1D_IN *x, DSL_CONV1D_OUT *y, int32_t n,
                                                        int32x4_t bias, int32x4_t m, int32x4_t e, int32_t cin,
                                                        int32_t kernel, int32_t stride, int32_t dilation,
                                                        dsl_stage_form_t form)
{
    DSL_CONV1D_SEGMENTS;
    const DSL_CONV1D_IN *x1 = n == 4 ? x + stride * cin : x;
    const int8_t *w0 = p->weights, *w1 = p->weights + kernel * cin;
    int32_t acc[4] = {0, 0, 0, 0};
    int32_t j;
    for (j = 0; j < segs; j++) {
        const int32_t dw = j * seg_len, dx = j * seg_step;
        DSL_CONV1D_DOT_2X2(w0 + dw, w1 + dw, x + dx, x1 + dx, seg_len, acc);
    }
    /* lanes (t, 0), (t, 1), (t + 1, 0), (t + 1, 1) */
    DSL_CONV1D_STORE_X4(s, vaddq_s32(bias, dsl_mve_lanes4(acc[0], acc[2], acc[1], acc[3])), m, e, n, y, form);
}

/* depthwise (groups = in = out channels): channels c .. c + n - 1 (1 <= n <= 4) in the lanes; per tap
   the 4 channels' inputs (one load) times their tap weights (a gather, kernel apart), added in int32 */
DSL_INLINE void DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _depthwise)(const dsl_conv1d_params_t *p, const dsl_output_stage_t *s,
                                                            const DSL_CONV1D_IN *in, int32_t out_rows,
                                                            DSL_CONV1D_OUT *out, int32_t c, int32_t n,
                                                            int32_t channels, int32_t kernel, int32_t stride,
                                                            int32_t dilation, dsl_stage_form_t form)
{
    const mve_pred16_t lanes = vctp32q((uint32_t)n);
    const uint32x4_t w_offsets = vreinterpretq_u32_s32(dsl_mve_lanes4(0, kernel, 2 * kernel, 3 * kernel));
    const int8_t *w = p->weights + c * kernel;
    const int32x4_t bias = n == 4 ? vldrwq_s32(s->bias + c) : vldrwq_z_s32(s->bias + c, lanes);
    const int32x4_t m = n == 4 ? vldrwq_s32(s->multiplier + c) : vldrwq_z_s32(s->multiplier + c, lanes);
    const int32x4_t e = n == 4 ? vldrwq_s32(s->shift + c) : vldrwq_z_s32(s->shift + c, lanes);
    const DSL_CONV1D_IN *x = in + c;
    DSL_CONV1D_OUT *y = out + c;
    int32_t t, j;
    for (t = 0; t < out_rows; t++) {
        int32x4_t acc = bias;
        for (j = 0; j < kernel; j++) {
            const DSL_CONV1D_IN *xj = x + j * dilation * channels;
            const int32x4_t xv = n == 4 ? DSL_CONV1D_LOAD4(xj) : DSL_CONV1D_LOAD4_Z(xj, lanes);
            const int32x4_t wv = n == 4 ? vldrbq_gather_offset_s32(w + j, w_offsets)
                                        : vldrbq_gather_offset_z_s32(w + j, w_offsets, lanes);
            acc = vaddq_s32(acc, vmulq_s32(xv, wv));
        }
        DSL_CONV1D_STORE_X4(s, acc, m, e, n, y, form);
        x += stride * channels;
        y += channels;
    }
}

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
    const int32_t tap_step = dilation * cin;
    int32_t o, t, j;

    if (groups == 1 && cout >= 3 && wlen <= DSL_MVE_OUTER_MAX) {
        for (o = 0; o + 4 <= cout; o += 4)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _outer)(p, s, in, out_rows, out, o, 4, cin, cout, kernel, stride,
                                                       dilation, form);
        if (o < cout)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _outer)(p, s, in, out_rows, out, o, cout - o, cin, cout, kernel,
                                                       stride, dilation, form);
        return;
    }
    if ((groups == 1 && cout >= 3) || (groups > 1 && cg > 1 && og >= 4)) {
        int32_t g;
        for (g = 0; g < groups; g++) {
            const int32_t end = (g + 1) * og;
            for (o = g * og; o + 4 <= end; o += 4)
                DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _channels)(p, s, in, out_rows, out, o, 4, cin, cout, kernel, stride,
                                                              dilation, groups, form);
            if (o < end)
                DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _channels)(p, s, in, out_rows, out, o, end - o, cin, cout, kernel,
                                                              stride, dilation, groups, form);
        }
        return;
    }
    if (groups == 1 && cout == 2) {
        const int32x4_t bias = dsl_mve_lanes4(s->bias[0], s->bias[1], s->bias[0], s->bias[1]);
        const int32x4_t m = dsl_mve_lanes4(s->multiplier[0], s->multiplier[1], s->multiplier[0], s->multiplier[1]);
        const int32x4_t e = dsl_mve_lanes4(s->shift[0], s->shift[1], s->shift[0], s->shift[1]);
        for (t = 0; t + 2 <= out_rows; t += 2)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows2)(p, s, in + t * row_step, out + 2 * t, 4, bias, m, e, cin,
                                                       kernel, stride, dilation, form);
        if (t < out_rows)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows2)(p, s, in + t * row_step, out + 2 * t, 2, bias, m, e, cin,
                                                       kernel, stride, dilation, form);
        return;
    }
    if (groups == 1) {
        const int32x4_t bias = vdupq_n_s32(s->bias[0]);
        const int32x4_t m = vdupq_n_s32(s->multiplier[0]);
        const int32x4_t e = vdupq_n_s32(s->shift[0]);
        for (t = 0; t + 4 <= out_rows; t += 4)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows)(p, s, in + t * row_step, out + t, 4, bias, m, e, cin, kernel,
                                                      stride, dilation, form);
        if (t < out_rows)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _rows)(p, s, in + t * row_step, out + t, out_rows - t, bias, m, e, cin,
                                                      kernel, stride, dilation, form);
        return;
    }
    if (groups == cin && groups == cout) {
        for (o = 0; o + 4 <= cout; o += 4)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _depthwise)(p, s, in, out_rows, out, o, 4, cout, kernel, stride,
                                                           dilation, form);
        if (o < cout)
            DSL_CONV1D_XPASTE(DSL_CONV1D_BODY, _depthwise)(p, s, in, out_rows, out, o, cout - o, cout, kernel, stride,
                                                           dilation, form);
        return;
    }
    for (o = 0; o < cout; o++) {
        const int8_t *w = p->weights + o * wlen;
        const int32_t bias = s->bias[o];
        const dsl_requant_t q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
        const DSL_CONV1D_IN *x = in + (o / og) * cg;
        DSL_CONV1D_OUT *y = out + o;
        for (t = 0; t < out_rows; t++) {
            int32_t acc = bias;
            if (cg == 1) { /* depthwise: one product per tap */
                for (j = 0; j < kernel; j++) acc += w[j] * x[j * tap_step];
            } else {
                for (j = 0; j < kernel; j++) acc = DSL_CONV1D_DOT_1X1(w + j * cg, x + j * tap_step, cg, acc);
            }
            *y = DSL_CONV1D_STORE(s, acc, &q, form);
            x += row_step;
            y += cout;
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
#undef DSL_CONV1D_STORE_X4
#undef DSL_CONV1D_SEGMENTS
#undef DSL_CONV1D_PASTE
#undef DSL_CONV1D_XPASTE
#undef DSL_CONV1D_16X8
#undef DSL_CONV1D_IN
#undef DSL_CONV1D_LOAD4
#undef DSL_CONV1D_LOAD4_Z
#undef DSL_CONV1D_DOT_4X1
#undef DSL_CONV1D_DOT_1X4
#undef DSL_CONV1D_DOT_2X2
#undef DSL_CONV1D_DOT_1X1
#undef DSL_DOT
