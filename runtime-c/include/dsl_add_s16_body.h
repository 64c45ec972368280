/*
 * dsl_add_s16_body.h - dsl_add_s16 (see dsl_kernels.h) for every variant: the general loop (dsl_requantize
 * for every rescale, as the golden model), and the lean form of dsl_add_s8_body.h on int16 operands, chosen
 * once per call (dsl_add_s16_library).
 *
 * Lean input rescale on int16: dsl_add_s8_body.h's identity rhm(x 2^k, M) with k = left_shift + 1 + shift
 * (single rule) or left_shift + 1 (tflite rule) holds as for int8; what changes is the range: with zero
 * point 0 (dslc's int16 tensors) |x| <= 2^15, so x 2^k fits int32 for k <= 16 (-2^15 2^16 = INT32_MIN; VRMULH
 * and the 64-bit product take it without saturation), and each rescaled input stays below 2^30 in magnitude,
 * as the output shortcut needs. A non-zero zero point takes the general loop. The output stage and the clamp
 * to act_min / act_max are dsl_add_s8_body.h's lanes (Helium: VMAX/VMIN) or its scalar output stage.
 */
#ifndef DSL_ADD_S16_BODY_H
#define DSL_ADD_S16_BODY_H

#include "dsl_add_s8_body.h"

/* the lean input pre-shift of an int16 operand, or -1 when the lean form does not apply */
DSL_INLINE int32_t dsl_add_s16_input_shift(int32_t zero_point, int32_t multiplier, int32_t shift, int32_t left_shift)
{
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    const int32_t k = left_shift + 1;
#else
    const int32_t k = left_shift + 1 + shift;
#endif
    if (zero_point != 0 || multiplier < 0 || shift > 0 || left_shift < 0 || k < 0 || k > 16) {
        return -1;
    }
    return k;
}

/* the general loop over count elements (b advances with a): the portable kernel's arithmetic */
DSL_INLINE void dsl_add_s16_general_run(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t count,
                                        int16_t *out)
{
    const dsl_requant_t q = dsl_requant_prepare(p->out_multiplier, p->out_shift);
    const uint32_t scale = (uint32_t)1 << p->left_shift; /* (x - zp) << left_shift, wrapping as C#'s int << */
    int32_t i;
    for (i = 0; i < count; i++) {
        const int32_t a2 = dsl_requantize((int32_t)((uint32_t)(a[i] - p->a_zero_point) * scale), p->a_multiplier, p->a_shift);
        const int32_t b2 = dsl_requantize((int32_t)((uint32_t)(b[i] - p->b_zero_point) * scale), p->b_multiplier, p->b_shift);
        const int32_t v = dsl_add_wrap_i32(dsl_requant_apply(&q, dsl_add_wrap_i32(a2, b2)), p->out_zero_point);
        out[i] = (int16_t)dsl_clamp_i32(v, p->act_min, p->act_max);
    }
}

#if defined(DSL_ADD_VECTOR)

DSL_INLINE void dsl_add_s16_lean_run(const dsl_add_params_t *params, const int16_t *a, const int16_t *b, int32_t count,
                                     int16_t *out, int32_t ka, int32_t kb)
{
    const dsl_add_params_t c = *params; /* in locals: the stores may alias *params */
    const dsl_add_params_t *const p = &c;
    const int32x4_t ma = vdupq_n_s32(p->a_multiplier), mb = vdupq_n_s32(p->b_multiplier);
    const int32x4_t mo = vdupq_n_s32(p->out_multiplier);
    const int32_t out_right = dsl_requant_prepare(p->out_multiplier, p->out_shift).right;
    int32_t n;
    for (n = count; n > 0; n -= 4) {
        const mve_pred16_t pr = vctp32q((uint32_t)n);
        const int32x4_t v = dsl_add_mve_lanes(p, vldrhq_z_s32(a, pr), vldrhq_z_s32(b, pr), ka, kb, ma, mb, mo, out_right,
                                              DSL_ADD_LEAN | DSL_ADD_NO_LUT);
        vstrhq_p_s32(out, v, pr);
        a += 4;
        b += 4;
        out += 4;
    }
}

#else /* scalar */

DSL_INLINE void dsl_add_s16_lean_run(const dsl_add_params_t *params, const int16_t *a, const int16_t *b, int32_t count,
                                     int16_t *out, int32_t ka, int32_t kb)
{
    const dsl_add_params_t c = *params; /* in locals: the stores may alias *params */
    const dsl_requant_t q = dsl_requant_prepare(c.out_multiplier, c.out_shift);
    const int32_t bias = dsl_add_lean_bias(&c, &q);
    int32_t i;
    for (i = 0; i < count; i++) {
        const int32_t a2 = dsl_add_input(a[i], 0, ka, c.a_multiplier, -c.a_shift);
        const int32_t b2 = dsl_add_input(b[i], 0, kb, c.b_multiplier, -c.b_shift);
        out[i] = (int16_t)dsl_clamp_i32(dsl_add_lean_output(&c, &q, bias, dsl_add_wrap_i32(a2, b2)), c.act_min, c.act_max);
    }
}

#endif /* DSL_ADD_VECTOR */

/* the library kernel: the lean form where it applies (chosen per call), else the general loop */
DSL_INLINE void dsl_add_s16_library(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                                    int32_t rows, int32_t channels, int16_t *out)
{
    const int32_t ka = dsl_add_s16_input_shift(p->a_zero_point, p->a_multiplier, p->a_shift, p->left_shift);
    const int32_t kb = dsl_add_s16_input_shift(p->b_zero_point, p->b_multiplier, p->b_shift, p->left_shift);
    const int32_t right = dsl_requant_prepare(p->out_multiplier, p->out_shift).right;
    const int32_t lean = ka >= 0 && kb >= 0 && right >= 0 && dsl_add_output_zero_point_folds(p->out_zero_point, right);
    int32_t r;
    if (b_row_stride == channels) { /* no broadcast: one run */
        channels *= rows;
        rows = 1;
    }
    for (r = 0; r < rows; r++) {
        if (lean) {
            dsl_add_s16_lean_run(p, a, b, channels, out, ka, kb);
        } else {
            dsl_add_s16_general_run(p, a, b, channels, out);
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}

#endif /* DSL_ADD_S16_BODY_H */
