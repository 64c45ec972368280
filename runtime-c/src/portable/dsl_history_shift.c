/* dsl_history_shift - portable C99: keep the last history_bytes of [history][new] at the front. */
#include "dsl_word_copy.h"

DSL_NO_LIBCALLS
void dsl_history_shift(uint8_t *buffer, int32_t history_bytes, int32_t new_bytes)
{
    /* dst < src: the forward copy is a correct overlapping move (words when new_bytes is a
       multiple of 4 and the buffer word aligned) */
    dsl_copy_forward(buffer, buffer + new_bytes, history_bytes);
}
