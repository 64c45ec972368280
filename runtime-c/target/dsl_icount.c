/* dsl_icount.c - SysTick-based instruction counter for QEMU -icount (see dsl_icount.h). */
#include "dsl_icount.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)
#define ICSR_PENDSTSET (1u << 26)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
/* CLKSOURCE 1 = processor clock. On QEMU's MPS2 boards the external reference input is
   1 MHz, the processor clock 25 MHz; on MPS2-TZ / MPS3 both run at the board clock. The
   f_ref of the formula is the processor clock: 25 MHz (an385/386/500), 20 MHz (an505),
   32 MHz (an547). */
#ifndef DSL_ICOUNT_CLKSOURCE
#define DSL_ICOUNT_CLKSOURCE 1u
#endif
#define RELOAD 0x00FFFFFFu

static volatile uint32_t g_wraps;

void SysTick_Handler(void) { g_wraps++; }

void dsl_icount_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = RELOAD;
    SYST_CVR = 0; /* any write clears the counter; it reloads on the next tick */
    g_wraps = 0;
    SYST_CSR = (DSL_ICOUNT_CLKSOURCE << 2) | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    __asm__ volatile("cpsie i" ::: "memory");
}

/*
 * The counter runs RELOAD, ..., 1, 0, RELOAD, ...; the wrap interrupt is taken when it
 * reaches 0. So with w wraps counted and counter value v, the ticks elapsed are
 * w * (RELOAD + 1) + (v == 0 ? 0 : RELOAD + 1 - v). Right after dsl_icount_start the
 * counter reads 0 with w = 0: time 0.
 */

uint64_t dsl_icount_ticks(void)
{
    uint32_t w0, w1, v, pending;
    do {
        w0 = g_wraps;
        v = SYST_CVR;
        pending = SCB_ICSR & ICSR_PENDSTSET;
        w1 = g_wraps;
    } while (w0 != w1);
    /* the counter reached 0 before the read of CVR but the interrupt has not run yet
       (QEMU takes interrupts at block boundaries): count that wrap here */
    if (pending != 0 && (v == 0 || v > RELOAD / 2)) w0++;
    return (uint64_t)w0 * (RELOAD + 1u) + (v == 0 ? 0u : RELOAD + 1u - v);
}

uint64_t dsl_icount_ticks_to_instructions(uint64_t ticks, uint32_t ref_hz, uint32_t shift)
{
    const uint64_t ns = (ticks * 1000000000u + ref_hz / 2u) / ref_hz; /* ticks up to ~1.8e10 */
    return (ns + (((uint64_t)1 << shift) >> 1)) >> shift;
}
