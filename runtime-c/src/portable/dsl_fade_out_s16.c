/* dsl_fade_out_s16 - portable C99: linear fade to zero over a frame (the silence gate's closing frame). */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
void dsl_fade_out_s16(int16_t *x, int32_t count)
{
    int32_t i;
    /* |x| <= 32768 and count - i <= 65536: the product fits in int32; C99 division truncates toward zero. */
    for (i = 0; i < count; i++) x[i] = (int16_t)(((int32_t)x[i] * (count - i)) / count);
}
