/*
 * dsl_glue_m7.c - STM32H747 Cortex-M7 (CPU1, heavy core): the doorbell interrupt from the hardware semaphore
 * the M4 frees (HSEM interrupt line 0 = HSEM1_IRQn, registers HSEM_C1*), and the data cache maintenance of the
 * handoff ring in SRAM4 by address (DCCMVAC / DCIMVAC).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

#ifndef DSL_GLUE_HSEM_ID
#define DSL_GLUE_HSEM_ID 30u /* must match the M4's build (dsl_glue_m4.c) */
#endif

/* RM0399 / CMSIS stm32h747xx.h: RCC_BASE 0x58024400, HSEM_BASE 0x58026400 */
#define RCC_AHB4ENR DSL_GLUE_REG(0x580244E0u)  /* RCC_AHB4ENR (offset 0xE0): the calling core's alias (RCC_C1_AHB4ENR on the M7) */
#define RCC_AHB4ENR_HSEMEN (1u << 25)           /* RCC_AHB4ENR_HSEMEN_Pos = 25 */
#define HSEM_C1IER DSL_GLUE_REG(0x58026500u)    /* HSEM_C1IER (offset 0x100): interrupt enable, line 0 (CPU1) */
#define HSEM_C1ICR DSL_GLUE_REG(0x58026504u)    /* HSEM_C1ICR (offset 0x104): write 1 to clear */
#define HSEM_C1MISR DSL_GLUE_REG(0x5802650Cu)   /* HSEM_C1MISR (offset 0x10C): masked status */
#define HSEM1_IRQN 125u                         /* stm32h747xx.h HSEM1_IRQn */
#define DOORBELL (1u << DSL_GLUE_HSEM_ID)

void dsl_glue_init(void)
{
    RCC_AHB4ENR |= RCC_AHB4ENR_HSEMEN;
    (void)RCC_AHB4ENR;
    HSEM_C1ICR = DOORBELL; /* a free from before start-up is no doorbell */
    HSEM_C1IER |= DOORBELL;
    dsl_glue_nvic_enable(HSEM1_IRQN);
}

int dsl_glue_doorbell_ack(void)
{
    if ((HSEM_C1MISR & DOORBELL) == 0u) return 0;
    HSEM_C1ICR = DOORBELL;
    (void)HSEM_C1MISR; /* the clear reaches the peripheral before the interrupt returns */
    return 1;
}

#define DSL_GLUE_DOORBELL_IRQN HSEM1_IRQN
#define DSL_GLUE_DOORBELL_HANDLER HSEM1_IRQHandler
#include "dsl_glue_heavy.h"

#include "dsl_glue_dcache.h"
