/* dsl_copy_bytes - portable C99: copy without libc (non-overlapping, or dst < src); words when
   both ends are word aligned (dsl_word_copy.h). */
#include "dsl_word_copy.h"

DSL_NO_LIBCALLS
void dsl_copy_bytes(uint8_t *dst, const uint8_t *src, int32_t count)
{
    dsl_copy_forward(dst, src, count);
}
