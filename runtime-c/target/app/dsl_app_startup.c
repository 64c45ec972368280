/*
 * dsl_app_startup.c - minimal, board-general startup for a Cortex-M application image
 * (written next to a core's build glue by `dslc generate --with-startup`).
 *
 * Reset_Handler: enables the FPU / MVE in CPACR when the image is built for one (before any
 * code the compiler may vectorise), points VTOR at the vector table, copies .data, zeroes .bss,
 * calls the weak SystemInit() hook (define it for clocks, caches, MPU), then main(). When main
 * returns the core sleeps in a WFI loop. No C library calls, no float, no C++ constructors.
 *
 * The table holds the 16 system exceptions only: define the handlers you need (they are weak
 * aliases of Default_Handler, which parks the core in a loop a debugger can see). Device
 * interrupts need a table of your own: put it in section .isr_vector instead of this file's,
 * or keep this one and set VTOR to yours in SystemInit().
 * Symbols come from dsl_app.ld: __data_load__, __data_start__, __data_end__, __bss_start__,
 * __bss_end__, __stack_top__.
 */
#include <stdint.h>

#define DSL_APP_SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)
#define DSL_APP_SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__, __stack_top__;
int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void SystemInit(void) __attribute__((weak));
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SecureFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*dsl_app_vector_t)(void);

__attribute__((section(".isr_vector"), used)) const dsl_app_vector_t dsl_app_vector_table[16] = {
    (dsl_app_vector_t)(uintptr_t)&__stack_top__, /* initial MSP */
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler, /* ARMv8-M Mainline; reserved on ARMv7-M */
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};

/* Word loops, kept as loops: gcc would otherwise turn them into memcpy/memset calls, which an
 * image without a C library does not have. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
__attribute__((noinline)) static void dsl_app_init_memory(void)
{
    const uint32_t *src = &__data_load__;
    uint32_t *dst = &__data_start__;
    while (dst < &__data_end__) *dst++ = *src++;
    for (dst = &__bss_start__; dst < &__bss_end__; dst++) *dst = 0;
}

__attribute__((noreturn)) void Reset_Handler(void)
{
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    DSL_APP_SCB_CPACR |= 0xFu << 20; /* CP10, CP11 full access: FPU and MVE */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    DSL_APP_SCB_VTOR = (uint32_t)(uintptr_t)dsl_app_vector_table;
    dsl_app_init_memory();
    if (SystemInit) SystemInit();
    (void)main();
    for (;;) __asm__ volatile("wfi");
}

void Default_Handler(void)
{
    for (;;) {
    }
}
