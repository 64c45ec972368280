/*
 * dsl_sse200.h - the dual-core parts of the Arm SSE-200 as QEMU 7.2 emulates it on mps2-an521 (two
 * Cortex-M33; CPU0 without FPU and DSP, CPU1 with both): release CPU1, the MHU doorbells between the
 * cores, waiting for a doorbell or a timer, and a timer CPU1 can count instructions with.
 * Secure addresses (the cores boot secure). What was verified under QEMU is in runtime-c/target/README.md.
 *
 * Doorbells: MHU0 (0x50003000) raises IRQ 6 on CPU0 (CPU0INTR_*) and on CPU1 (CPU1INTR_*). The waits
 * below enable the IRQ only while they sleep and mask it with PRIMASK, so a pending doorbell wakes WFI
 * without taking an exception: no device vector table is needed (dsl_startup.c has 16 entries).
 */
#ifndef DSL_SSE200_H
#define DSL_SSE200_H

#include <stdint.h>

#define DSL_SSE200_IRQ_MHU0 6u
#define DSL_SSE200_IRQ_TIMER1 4u
#define DSL_SSE200_TIMER_HZ 20000000u /* MAINCLK of QEMU's mps2-an521: the CMSDK timers and SysTick */

uint32_t dsl_sse200_cpu_id(void);                 /* 0 or 1: CPU_IDENTITY register of the calling core */
void dsl_sse200_start_cpu1(uint32_t vector_table); /* INITSVTOR1 = vector_table, then clear CPUWAIT bit 1 */

void dsl_sse200_doorbell_ring(uint32_t to_cpu);   /* MHU0 CPU<to_cpu>INTR_SET bit 0 */
void dsl_sse200_doorbell_wait(void);              /* sleep until this core's doorbell is set; clears it */
/* The same, but other enabled interrupts (the SysTick wraps of dsl_icount.c) are taken while it sleeps:
   for waits longer than a SysTick period, where a masked SysTick would keep WFI from sleeping */
void dsl_sse200_doorbell_wait_ticking(void);

/* CMSDK timer1 (shared by both cores) interrupting every `ticks` timer ticks; the wait sleeps until the
   next period ends and clears it (a period that ended before the call returns at once). */
void dsl_sse200_period_start(uint32_t ticks);
void dsl_sse200_period_wait(void);
void dsl_sse200_period_stop(void);

/* CMSDK timer0 (shared by both cores) as a free-running 32-bit up counter. Under QEMU -icount shift=N
   it advances with the virtual clock: ticks * 1e9 / DSL_SSE200_TIMER_HZ / 2^N instructions, of both
   cores together (QEMU runs them round-robin on one clock), so an interval measures one core's
   instructions only while the other core sleeps. */
void dsl_sse200_counter_start(void);
uint32_t dsl_sse200_counter_ticks(void);

#endif /* DSL_SSE200_H */
