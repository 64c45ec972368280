/* dsl_mul_s16 - portable C99: elementwise multiply of int16 tensors (see dsl_kernels.h; no LUT). */
#include "dsl_kernel_internal.h"

void dsl_mul_s16(const dsl_mul_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            /* the product of two int16 fits int32; wrapping (as C#'s unchecked int) only for zero points
               that dslc does not pass to int16 tensors */
            const int32_t prod = (int32_t)((uint32_t)(a[c] - p->a_zero_point) * (uint32_t)(b[c] - p->b_zero_point));
            const int32_t v = dsl_add_wrap_i32(dsl_requantize(prod, p->multiplier, p->shift), p->out_zero_point);
            out[c] = (int16_t)dsl_clamp_i32(v, p->act_min, p->act_max);
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}
