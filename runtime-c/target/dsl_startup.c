/*
 * dsl_startup.c - reset handler and vector table for the QEMU Cortex-M boards.
 *
 * Reset: enable the FPU / MVE in CPACR (before anything that gcc might vectorise),
 * point VTOR at our table, copy .data, zero .bss, run main(), and exit through
 * semihosting with main's return value. HardFault exits with 127, any other
 * unexpected exception with 126. Handlers are weak: define your own to override.
 */
#include <stdint.h>
#include "dsl_semihost.h"

#define SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

#define DSL_EXIT_HARDFAULT 127
#define DSL_EXIT_UNEXPECTED 126

extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__, __stack_top__;
int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SecureFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*dsl_vector_t)(void);

/* 16 system exceptions; device interrupts are not used by the runtime (add a table of your own if needed). */
__attribute__((section(".isr_vector"), used)) const dsl_vector_t dsl_vector_table[16] = {
    (dsl_vector_t)(uintptr_t)&__stack_top__, /* initial MSP */
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
__attribute__((noinline)) static void dsl_init_memory(void)
{
    const uint32_t *src = &__data_load__;
    uint32_t *dst = &__data_start__;
    while (dst < &__data_end__) *dst++ = *src++;
    for (dst = &__bss_start__; dst < &__bss_end__; dst++) *dst = 0;
}

__attribute__((noreturn)) void Reset_Handler(void)
{
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    SCB_CPACR |= 0xFu << 20; /* CP10, CP11 full access: FPU and MVE */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    SCB_VTOR = (uint32_t)(uintptr_t)dsl_vector_table;
    dsl_init_memory();
    dsl_sh_exit(main());
}

void HardFault_Handler(void)
{
    dsl_sh_write0("HardFault\n");
    dsl_sh_exit(DSL_EXIT_HARDFAULT);
}

void Default_Handler(void)
{
    dsl_sh_write0("unexpected exception\n");
    dsl_sh_exit(DSL_EXIT_UNEXPECTED);
}
