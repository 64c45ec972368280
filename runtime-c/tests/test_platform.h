/* test_platform.h - the few services the kernel tests need (host stdio or target semihosting). */
#ifndef TEST_PLATFORM_H
#define TEST_PLATFORM_H

#include <stdint.h>

void tp_puts(const char *s);          /* write a string, no newline added */
int tp_have_icount(void);             /* 1 when tp_icount_ticks() counts instructions (QEMU -icount) */
uint64_t tp_icount_ticks(void);       /* raw counter (target) */
uint64_t tp_icount_instructions(uint64_t ticks);

#endif
