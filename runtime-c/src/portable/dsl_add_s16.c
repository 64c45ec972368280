/*
 * dsl_add_s16 - portable C99: elementwise add of int16 tensors with per-input rescale (see dsl_kernels.h):
 * the arithmetic of dsl_add_s8's general form (and the golden model's), int16 operands, clamp to
 * act_min / act_max (within the int16 range), no LUT.
 */
#include "dsl_kernel_internal.h"

DSL_HOT
void dsl_add_s16(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out)
{
    const dsl_requant_t q = dsl_requant_prepare(p->out_multiplier, p->out_shift);
    const uint32_t scale = (uint32_t)1 << p->left_shift; /* (x - zp) << left_shift, wrapping as C#'s int << */
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t a2 = dsl_requantize((int32_t)((uint32_t)(a[c] - p->a_zero_point) * scale), p->a_multiplier,
                                              p->a_shift);
            const int32_t b2 = dsl_requantize((int32_t)((uint32_t)(b[c] - p->b_zero_point) * scale), p->b_multiplier,
                                              p->b_shift);
            const int32_t v = dsl_add_wrap_i32(dsl_requant_apply(&q, dsl_add_wrap_i32(a2, b2)), p->out_zero_point);
            out[c] = (int16_t)dsl_clamp_i32(v, p->act_min, p->act_max);
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}
