/*
 * dsl_add_s16 - DSP (SMMULR for the rounding high multiply): the lean form of
 * dsl_add_s16_body.h where it applies, else the general loop; the form is chosen once per call.
 */
#define DSL_ADD_DSP 1
#include "dsl_add_s16_body.h"

DSL_HOT
void dsl_add_s16(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out)
{
    dsl_add_s16_library(p, a, b, b_row_stride, rows, channels, out);
}
