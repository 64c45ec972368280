/* dsl_curve_s16 - portable C99: an interpolated int16 table (see dsl_kernels.h). Runs once per output
   sample of a path, so plain C is enough on every variant. */
#include "dsl_kernel_internal.h"

void dsl_curve_s16(const int16_t *table, const int16_t *in, int32_t count, int16_t *out)
{
    int32_t n;
    for (n = 0; n < count; n++) {
        const int32_t u = (int32_t)in[n] + 32768;
        const int16_t *const t = table + (u >> DSL_CURVE_STEP_BITS);
        const int32_t f = u & ((1 << DSL_CURVE_STEP_BITS) - 1);
        const int32_t a = t[0];
        out[n] = (int16_t)(a + ((((int32_t)t[1] - a) * f + (1 << (DSL_CURVE_STEP_BITS - 1))) >> DSL_CURVE_STEP_BITS));
    }
}
