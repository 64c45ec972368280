/*
 * dsl_glue_arm.h - the Armv7-M / Armv8-M core registers the board glue uses (NVIC, PRIMASK, WFI, the
 * D-cache maintenance of the Cortex-M7 and Cortex-M55). Same addresses on every Cortex-M with these
 * features: Armv7-M Architecture Reference Manual (ARM DDI 0403E) B3.4 NVIC, B3.2.8 CCR, B2.2.7 cache
 * maintenance operations; Armv8-M Architecture Reference Manual (ARM DDI 0553) D1.2 for the same registers.
 */
#ifndef DSL_GLUE_ARM_H
#define DSL_GLUE_ARM_H

#include <stdint.h>

#define DSL_GLUE_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

#define DSL_GLUE_NVIC_ISER(n) DSL_GLUE_REG(0xE000E100u + 4u * (n)) /* NVIC_ISERn: set-enable */
#define DSL_GLUE_NVIC_ICPR(n) DSL_GLUE_REG(0xE000E280u + 4u * (n)) /* NVIC_ICPRn: clear-pending */
#define DSL_GLUE_SCB_CCR DSL_GLUE_REG(0xE000ED14u)                 /* CCR: bit 16 DC = data cache enabled */
#define DSL_GLUE_SCB_DCIMVAC DSL_GLUE_REG(0xE000EF5Cu)             /* DCIMVAC: invalidate D-cache line by address to PoC */
#define DSL_GLUE_SCB_DCCMVAC DSL_GLUE_REG(0xE000EF68u)             /* DCCMVAC: clean D-cache line by address to PoC */
#define DSL_GLUE_CCR_DC (1u << 16)
#define DSL_GLUE_DCACHE_LINE 32u /* Cortex-M7 and Cortex-M55 data cache line (TRMs: 32-byte lines) */

static inline void dsl_glue_nvic_enable(uint32_t irq)
{
    DSL_GLUE_NVIC_ISER(irq >> 5) = 1u << (irq & 31u);
}

/* Drops a pending state latched for a doorbell the caller already took (a level interrupt whose source is
   still asserted pends again at once). */
static inline void dsl_glue_nvic_clear_pending(uint32_t irq)
{
    DSL_GLUE_NVIC_ICPR(irq >> 5) = 1u << (irq & 31u);
}

/* PRIMASK set: interrupts masked, but a pending one still wakes WFI (Armv7-M B1.5.19). Returns the old value. */
static inline uint32_t dsl_glue_irq_lock(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) :: "memory");
    return primask;
}

static inline void dsl_glue_irq_unlock(uint32_t primask)
{
    __asm__ volatile("msr primask, %0" :: "r"(primask) : "memory");
}

static inline void dsl_glue_wfi(void)
{
    __asm__ volatile("dsb\n\twfi" ::: "memory");
}

static inline void dsl_glue_dsb(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Clean or invalidate by address every D-cache line of [addr, addr + bytes) through `op` (DCCMVAC or
   DCIMVAC). Nothing to do while the data cache is off (CCR.DC = 0): no line can be cached then. */
static inline void dsl_glue_dcache_by_address(volatile uint32_t *op, const volatile void *addr, uint32_t bytes)
{
    uint32_t a = (uint32_t)(uintptr_t)addr & ~(DSL_GLUE_DCACHE_LINE - 1u);
    const uint32_t end = (uint32_t)(uintptr_t)addr + bytes;
    if ((DSL_GLUE_SCB_CCR & DSL_GLUE_CCR_DC) == 0u) return;
    __asm__ volatile("dsb" ::: "memory"); /* the writes to clean are done before the maintenance */
    for (; a < end; a += DSL_GLUE_DCACHE_LINE) *op = a;
    dsl_glue_dsb();
}

#endif /* DSL_GLUE_ARM_H */
