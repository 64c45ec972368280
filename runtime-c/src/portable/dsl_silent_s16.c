/* dsl_silent_s16 - portable C99: is a frame of int16 PCM digital silence (the silence gate, docs/silence-gate.md). */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
int32_t dsl_silent_s16(const int16_t *x, int32_t count, int32_t threshold)
{
    int32_t i;
    for (i = 0; i < count; i++) {
        if (x[i] > threshold || x[i] < -threshold) return 0;
    }
    return 1;
}
