/* platform_target.c - test services on a QEMU board (semihosting + SysTick instruction counter). */
#include "test_platform.h"
#include "dsl_semihost.h"
#include "dsl_icount.h"

#ifndef DSL_ICOUNT_SHIFT
#define DSL_ICOUNT_SHIFT 6
#endif

void tp_puts(const char *s) { dsl_sh_write0(s); }
/* the run script always passes -icount shift=DSL_ICOUNT_SHIFT; start the counter on first use */
int tp_have_icount(void)
{
    static int started;
    if (!started) {
        dsl_icount_start();
        started = 1;
    }
    return 1;
}
uint64_t tp_icount_ticks(void) { return dsl_icount_ticks(); }
uint64_t tp_icount_instructions(uint64_t ticks)
{
    return dsl_icount_ticks_to_instructions(ticks, DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT);
}
