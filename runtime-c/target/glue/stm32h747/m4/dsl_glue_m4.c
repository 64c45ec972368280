/*
 * dsl_glue_m4.c - STM32H747 Cortex-M4 (CPU2, light core): rings the Cortex-M7 through a hardware
 * semaphore. Taking and freeing HSEM semaphore DSL_GLUE_HSEM_ID raises HSEM interrupt line 0 (HSEM1_IRQn,
 * to the M7) because the M7 enabled that semaphore in HSEM_C1IER (dsl_glue_m7.c).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

#ifndef DSL_GLUE_HSEM_ID
#define DSL_GLUE_HSEM_ID 30u /* the semaphore used as doorbell; both cores' builds must agree */
#endif

/* RM0399 / CMSIS stm32h747xx.h: RCC_BASE = D3_AHB1PERIPH_BASE (0x58020000) + 0x4400, HSEM_BASE = + 0x6400 */
#define RCC_AHB4ENR DSL_GLUE_REG(0x580244E0u)     /* RCC_AHB4ENR (offset 0xE0): the calling core's alias (RCC_C2_AHB4ENR on the M4) */
#define RCC_AHB4ENR_HSEMEN (1u << 25)              /* stm32h747xx.h RCC_AHB4ENR_HSEMEN_Pos = 25 */
#define HSEM_R(id) DSL_GLUE_REG(0x58026400u + 4u * (id))            /* HSEM_Rx: 2-step lock, write to free */
#define HSEM_RLR(id) DSL_GLUE_REG(0x58026480u + 4u * (id))          /* HSEM_RLRx (offset 0x80): 1-step read lock */
#define HSEM_COREID_CM4 1u                         /* stm32h747xx.h HSEM_CPU2_COREID: the M4 */
#define HSEM_COREID_POS 8u                         /* HSEM_R_COREID_Pos; LOCK is bit 31, PROCID bits 7:0 */

void dsl_glue_init(void)
{
    RCC_AHB4ENR |= RCC_AHB4ENR_HSEMEN;
    (void)RCC_AHB4ENR; /* read back: the clock is on before the first HSEM access */
}

void dsl_glue_doorbell_ring(void)
{
    /* Order the ring data (written before, DMB in dsl_handoff.h) before the doorbell. */
    __asm__ volatile("dsb" ::: "memory");
    /* The 1-step read lock takes the semaphore for COREID 1, PROCID 0 (if the M4 already holds it, the
       read just reports that); writing COREID 1, PROCID 0, LOCK 0 frees it: the free raises the M7's interrupt. */
    (void)HSEM_RLR(DSL_GLUE_HSEM_ID);
    HSEM_R(DSL_GLUE_HSEM_ID) = HSEM_COREID_CM4 << HSEM_COREID_POS;
}
