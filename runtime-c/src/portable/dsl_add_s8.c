/*
 * dsl_add_s8 - portable C99: elementwise add with per-input rescale (see dsl_kernels.h).
 * The skeleton and its arithmetic are dsl_add_s8_body.h; the form is chosen once per call.
 */
#include "dsl_add_s8_body.h"

DSL_HOT
void dsl_add_s8(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out)
{
    dsl_add_s8_library(p, a, b, b_row_stride, rows, channels, out);
}
