/* dsl_mul_s8 - portable C99: elementwise multiply (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

void dsl_mul_s8(const dsl_mul_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t prod = (a[c] - p->a_zero_point) * (b[c] - p->b_zero_point);
            int32_t v = dsl_add_wrap_i32(dsl_requantize(prod, p->multiplier, p->shift), p->out_zero_point);
            v = dsl_clamp_i32(v, p->act_min, p->act_max);
            out[c] = p->lut != 0 ? p->lut[v + 128] : (int8_t)v;
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}
