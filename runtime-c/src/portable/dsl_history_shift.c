/* dsl_history_shift - portable C99: keep the last history_bytes of [history][new] at the front. */
#include "dsl_kernel_internal.h"

DSL_NO_LIBCALLS
void dsl_history_shift(uint8_t *buffer, int32_t history_bytes, int32_t new_bytes)
{
    const uint8_t *src = buffer + new_bytes;
    int32_t i;
    /* dst < src: a forward byte loop is a correct overlapping move */
    for (i = 0; i < history_bytes; i++) buffer[i] = src[i];
}
