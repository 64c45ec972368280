/*
 * dsl_icount.h - deterministic instruction counting on QEMU boards with -icount shift=N.
 *
 * With -icount, QEMU's virtual clock advances 2^N ns per guest instruction and SysTick
 * (clocked from the board's reference clock f_ref) follows it, so
 *     instructions = ticks * (1e9 / f_ref) / 2^N.
 * dsl_icount_start() runs SysTick free over its full 24-bit range and counts wraps in
 * SysTick_Handler; dsl_icount_ticks() returns a 64-bit tick count that is monotonic.
 * Without -icount the ticks follow host time: use them for nothing.
 */
#ifndef DSL_ICOUNT_H
#define DSL_ICOUNT_H

#include <stdint.h>

void dsl_icount_start(void);      /* reset to 0 and start (reference clock, interrupt on wrap) */
uint64_t dsl_icount_ticks(void);  /* ticks since dsl_icount_start() */
/* ticks -> instructions, rounded to nearest: ticks * 1e9 / ref_hz / 2^shift */
uint64_t dsl_icount_ticks_to_instructions(uint64_t ticks, uint32_t ref_hz, uint32_t shift);

#endif /* DSL_ICOUNT_H */
