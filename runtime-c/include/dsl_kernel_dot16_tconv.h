/*
 * dsl_kernel_dot16_tconv.h - the 16x8 dot-product blocks of 2 weight rows (2 output channels) that the
 * transposed convolution skeleton with int16 input needs (dsl_conv_transpose1d_body.h, DSL_CONV_TRANSPOSE1D_16X8):
 *   dot16_2x2: acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len
 *   dot16_2x1: acc[0] += w0.x, acc[1] += w1.x over len
 * int8 weights, int16 inputs, int32 sums (dslc proves they cannot wrap). The portable blocks always; the dsp
 * and mve ones when the variant's header (dsl_kernel_dsp.h, dsl_kernel_mve.h) was included first, as the
 * variant kernel files and generated steps do. dsl_mve_dot16_2x2 is dsl_kernel_mve.h's.
 */
#ifndef DSL_KERNEL_DOT16_TCONV_H
#define DSL_KERNEL_DOT16_TCONV_H

#include <stdint.h>
#include "dsl_kernel_internal.h"

DSL_INLINE void dsl_dot16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1, int32_t len,
                              int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t xa = x0[i], xb = x1[i], wa = w0[i], wb = w1[i];
        a00 += wa * xa;
        a01 += wa * xb;
        a10 += wb * xa;
        a11 += wb * xb;
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

DSL_INLINE void dsl_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = 0; i < len; i++) {
        const int32_t xv = x[i];
        a0 += w0[i] * xv;
        a1 += w1[i] * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
}

#if defined(DSL_KERNEL_DSP_H)
/* SMLAD on int16 pairs: each int8x4 weight word becomes [w0 w1], [w2 w3] (dsl_dsp_unpack_w16), shared by the
   two input rows; each input pair word is shared by the two weight rows. */
DSL_INLINE void dsl_dsp_dot16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1, int32_t len,
                                  int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t wa01, wa23, wb01, wb23;
        int32_t xv;
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w0), &wa01, &wa23);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w1), &wb01, &wb23);
        xv = dsl_dsp_load_s16x2(x0);
        a00 = __smlad(wa01, xv, a00);
        a10 = __smlad(wb01, xv, a10);
        xv = dsl_dsp_load_s16x2(x0 + 2);
        a00 = __smlad(wa23, xv, a00);
        a10 = __smlad(wb23, xv, a10);
        xv = dsl_dsp_load_s16x2(x1);
        a01 = __smlad(wa01, xv, a01);
        a11 = __smlad(wb01, xv, a11);
        xv = dsl_dsp_load_s16x2(x1 + 2);
        a01 = __smlad(wa23, xv, a01);
        a11 = __smlad(wb23, xv, a11);
        w0 += 4;
        w1 += 4;
        x0 += 4;
        x1 += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xa = *x0++, xb = *x1++, wa = *w0++, wb = *w1++;
        a00 += wa * xa;
        a01 += wa * xb;
        a10 += wb * xa;
        a11 += wb * xb;
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

DSL_INLINE void dsl_dsp_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 2; i > 0; i--) {
        int32_t wa01, wa23, wb01, wb23;
        const int32_t x01 = dsl_dsp_load_s16x2(x), x23 = dsl_dsp_load_s16x2(x + 2);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w0), &wa01, &wa23);
        dsl_dsp_unpack_w16(dsl_dsp_load_s8x4(w1), &wb01, &wb23);
        a0 = __smlad(wa01, x01, a0);
        a0 = __smlad(wa23, x23, a0);
        a1 = __smlad(wb01, x01, a1);
        a1 = __smlad(wb23, x23, a1);
        w0 += 4;
        w1 += 4;
        x += 4;
    }
    for (i = len & 3; i > 0; i--) {
        const int32_t xv = *x++;
        a0 += *w0++ * xv;
        a1 += *w1++ * xv;
    }
    acc[0] = a0;
    acc[1] = a1;
}
#endif /* DSL_KERNEL_DSP_H */

#if defined(DSL_KERNEL_MVE_H)
/* VMLADAVA.S16 on 8 lanes, the weights widened by VLDRB.S16; the input vector is shared by both weight rows */
DSL_INLINE void dsl_mve_dot16_2x1(const int8_t *w0, const int8_t *w1, const int16_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 3; i > 0; i--) {
        const int16x8_t xv = vldrhq_s16(x);
        a0 = vmladavaq_s16(a0, vldrbq_s16(w0), xv);
        a1 = vmladavaq_s16(a1, vldrbq_s16(w1), xv);
        x += 8;
        w0 += 8;
        w1 += 8;
    }
    if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        const int16x8_t xv = vldrhq_z_s16(x, p);
        a0 = vmladavaq_s16(a0, vldrbq_z_s16(w0, p), xv);
        a1 = vmladavaq_s16(a1, vldrbq_z_s16(w1, p), xv);
    }
    acc[0] = a0;
    acc[1] = a1;
}
#endif /* DSL_KERNEL_MVE_H */

#endif /* DSL_KERNEL_DOT16_TCONV_H */
