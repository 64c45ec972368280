/* platform_host.c - test services on the host (stdio). */
#include <stdio.h>
#include "test_platform.h"

void tp_puts(const char *s) { fputs(s, stdout); fflush(stdout); }
int tp_have_icount(void) { return 0; }
uint64_t tp_icount_ticks(void) { return 0; }
uint64_t tp_icount_instructions(uint64_t ticks) { return ticks; }
