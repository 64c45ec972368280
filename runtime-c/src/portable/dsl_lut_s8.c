/* dsl_lut_s8 - portable C99: out[i] = lut[in[i] + 128] (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

void dsl_lut_s8(const int8_t *lut, const int8_t *in, int32_t count, int8_t *out)
{
    int32_t i;
    for (i = 0; i < count; i++) out[i] = lut[in[i] + 128];
}
