/* dsl_copy_bytes - portable C99: byte copy without libc (non-overlapping, or dst < src). */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
void dsl_copy_bytes(uint8_t *dst, const uint8_t *src, int32_t count)
{
    int32_t i;
    for (i = 0; i < count; i++) dst[i] = src[i];
}
