/*
 * dsl_add_s16 - portable C99: elementwise add of int16 tensors with per-input rescale (see dsl_kernels.h):
 * the arithmetic of dsl_add_s8's general form (and the golden model's), int16 operands, clamp to
 * act_min / act_max (within the int16 range), no LUT. The skeleton is dsl_add_s16_body.h; the form
 * (lean or general) is chosen once per call.
 */
#include "dsl_add_s16_body.h"

DSL_HOT
void dsl_add_s16(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out)
{
    dsl_add_s16_library(p, a, b, b_row_stride, rows, channels, out);
}
