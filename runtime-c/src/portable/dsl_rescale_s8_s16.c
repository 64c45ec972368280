/* dsl_rescale_s8_s16 - portable C99: requantizing strided copy, int8 to int16 (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
void dsl_rescale_s8_s16(const dsl_rescale_params_t *p, const int8_t *in, int32_t in_row_stride,
                        int32_t rows, int32_t channels, int16_t *out, int32_t out_row_stride)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t v = dsl_add_wrap_i32(dsl_requantize(in[c] - p->in_zero_point, p->multiplier, p->shift),
                                               p->out_zero_point);
            out[c] = (int16_t)dsl_clamp_i32(v, -32768, 32767);
        }
        in += in_row_stride;
        out += out_row_stride;
    }
}
