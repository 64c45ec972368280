/* dsl_fill_s8 - portable C99: fill without libc. */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
void dsl_fill_s8(int8_t *dst, int8_t value, int32_t count)
{
    int32_t i;
    for (i = 0; i < count; i++) dst[i] = value;
}
