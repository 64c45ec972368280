/* dsl_add_s8 - portable C99: elementwise add with per-input rescale (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

void dsl_add_s8(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out)
{
    const int32_t scale = (int32_t)1 << p->left_shift; /* (a - zp) << left_shift without shifting a negative */
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t a2 = dsl_requantize((a[c] - p->a_zero_point) * scale, p->a_multiplier, p->a_shift);
            const int32_t b2 = dsl_requantize((b[c] - p->b_zero_point) * scale, p->b_multiplier, p->b_shift);
            int32_t v = dsl_add_wrap_i32(dsl_requantize(dsl_add_wrap_i32(a2, b2), p->out_multiplier, p->out_shift),
                                         p->out_zero_point);
            v = dsl_clamp_i32(v, p->act_min, p->act_max);
            out[c] = p->lut != 0 ? p->lut[v + 128] : (int8_t)v;
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}
