/* dsl_sse200.c - SSE-200 dual-core support for QEMU's mps2-an521 (see dsl_sse200.h). */
#include "dsl_sse200.h"

#define REG(a) (*(volatile uint32_t *)(a))

/* System control element (secure): INITSVTOR1 is CPU1's initial vector table, CPUWAIT holds CPU1 (bit 1) */
#define SYSCTL_INITSVTOR1 REG(0x50021114u)
#define SYSCTL_CPUWAIT REG(0x50021118u)
/* CPU_IDENTITY: a per-core register block at the same address on both cores */
#define CPU_IDENTITY REG(0x4001F000u)
/* MHU0: CPU0INTR_STAT/SET/CLR at 0x00/0x04/0x08, CPU1INTR_* at 0x10/0x14/0x18 */
#define MHU0_BASE 0x50003000u
#define MHU_STAT(cpu) REG(MHU0_BASE + 0x10u * (cpu))
#define MHU_SET(cpu) REG(MHU0_BASE + 0x10u * (cpu) + 0x4u)
#define MHU_CLR(cpu) REG(MHU0_BASE + 0x10u * (cpu) + 0x8u)
/* CMSDK APB timers: CTRL (bit 0 enable, bit 3 interrupt enable), VALUE (down counter), RELOAD, INTSTATUS/INTCLEAR */
#define TIMER0_BASE 0x50000000u
#define TIMER1_BASE 0x50001000u
#define TIMER_CTRL(b) REG((b) + 0x0u)
#define TIMER_VALUE(b) REG((b) + 0x4u)
#define TIMER_RELOAD(b) REG((b) + 0x8u)
#define TIMER_INT(b) REG((b) + 0xCu)
/* NVIC of the calling core */
#define NVIC_ISER0 REG(0xE000E100u)
#define NVIC_ICER0 REG(0xE000E180u)
#define NVIC_ICPR0 REG(0xE000E280u)

uint32_t dsl_sse200_cpu_id(void) { return CPU_IDENTITY & 0xFu; }

void dsl_sse200_start_cpu1(uint32_t vector_table)
{
    SYSCTL_INITSVTOR1 = vector_table;
    __asm__ volatile("dsb" ::: "memory"); /* the shared memory CPU1 will read is written before it starts */
    SYSCTL_CPUWAIT = SYSCTL_CPUWAIT & ~2u;
}

void dsl_sse200_doorbell_ring(uint32_t to_cpu)
{
    __asm__ volatile("dsb" ::: "memory"); /* what the doorbell announces is visible first */
    MHU_SET(to_cpu & 1u) = 1u;
}

/* sleep with PRIMASK set until `bit` of *status says the wake-up source fired, then clear it; the IRQ
   is enabled only meanwhile, so it is never taken (it only wakes WFI) */
static void wait_irq(uint32_t irq, volatile uint32_t *status, volatile uint32_t *clear, uint32_t bit)
{
    __asm__ volatile("cpsid i" ::: "memory");
    NVIC_ISER0 = 1u << irq;
    while ((*status & bit) == 0u) __asm__ volatile("wfi" ::: "memory");
    *clear = bit;
    NVIC_ICER0 = 1u << irq;
    NVIC_ICPR0 = 1u << irq;
    __asm__ volatile("dsb\n\tisb\n\tcpsie i" ::: "memory");
}

void dsl_sse200_doorbell_wait(void)
{
    const uint32_t me = dsl_sse200_cpu_id() & 1u;
    wait_irq(DSL_SSE200_IRQ_MHU0, &MHU_STAT(me), &MHU_CLR(me), 1u);
}

void dsl_sse200_doorbell_wait_ticking(void)
{
    const uint32_t me = dsl_sse200_cpu_id() & 1u;
    __asm__ volatile("cpsid i" ::: "memory");
    NVIC_ISER0 = 1u << DSL_SSE200_IRQ_MHU0;
    while ((MHU_STAT(me) & 1u) == 0u) {
        /* woken by the doorbell or by another interrupt (SysTick): let the latter's handler run, with the
           doorbell IRQ disabled for that window so it is never taken (its pending state stays) */
        __asm__ volatile("wfi" ::: "memory");
        NVIC_ICER0 = 1u << DSL_SSE200_IRQ_MHU0;
        __asm__ volatile("dsb\n\tisb\n\tcpsie i\n\tisb\n\tcpsid i" ::: "memory");
        NVIC_ISER0 = 1u << DSL_SSE200_IRQ_MHU0;
    }
    MHU_CLR(me) = 1u;
    NVIC_ICER0 = 1u << DSL_SSE200_IRQ_MHU0;
    NVIC_ICPR0 = 1u << DSL_SSE200_IRQ_MHU0;
    __asm__ volatile("dsb\n\tisb\n\tcpsie i" ::: "memory");
}

void dsl_sse200_period_start(uint32_t ticks)
{
    TIMER_CTRL(TIMER1_BASE) = 0u;
    TIMER_RELOAD(TIMER1_BASE) = ticks;
    TIMER_VALUE(TIMER1_BASE) = ticks;
    TIMER_INT(TIMER1_BASE) = 1u;
    TIMER_CTRL(TIMER1_BASE) = 1u | 8u;
}

void dsl_sse200_period_wait(void)
{
    wait_irq(DSL_SSE200_IRQ_TIMER1, &TIMER_INT(TIMER1_BASE), &TIMER_INT(TIMER1_BASE), 1u);
}

void dsl_sse200_period_stop(void)
{
    TIMER_CTRL(TIMER1_BASE) = 0u;
    TIMER_INT(TIMER1_BASE) = 1u;
}

void dsl_sse200_counter_start(void)
{
    TIMER_CTRL(TIMER0_BASE) = 0u;
    TIMER_RELOAD(TIMER0_BASE) = 0xFFFFFFFFu;
    TIMER_VALUE(TIMER0_BASE) = 0xFFFFFFFFu;
    TIMER_CTRL(TIMER0_BASE) = 1u;
}

uint32_t dsl_sse200_counter_ticks(void) { return 0xFFFFFFFFu - TIMER_VALUE(TIMER0_BASE); }
