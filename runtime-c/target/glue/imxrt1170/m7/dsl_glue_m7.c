/*
 * dsl_glue_m7.c - i.MX RT1170 Cortex-M7 (heavy core, MU side A): the doorbell interrupt (general purpose
 * interrupt 0 from the M4, SR.GIP0, MUA_IRQn) and the data cache maintenance of the handoff ring in OCRAM2 by
 * address (DCCMVAC / DCIMVAC).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE. The MU clock is assumed on (reset default).
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

/* IMXRT1170RM / MCUXpresso MIMXRT1176_cm7.h: MUA_BASE 0x40C48000, MUA_IRQn 118; SR 0x20, CR 0x24 (fsl_mu.h). */
#define MUA_SR DSL_GLUE_REG(0x40C48020u)
#define MUA_CR DSL_GLUE_REG(0x40C48024u)
#define MU_SR_GIP0 (1u << 31)       /* MU_SR_GIPn_SHIFT 28, channel 0 = +3; write 1 to clear */
#define MU_CR_GIE0 (1u << 31)       /* MU_CR_GIEn_SHIFT 28, channel 0 = +3 */
#define MU_CR_GIRN 0x000F0000u      /* GIRn (bits 19:16): written 0, which leaves pending requests alone (PERI_MU.h) */
#define MUA_IRQN 118u

void dsl_glue_init(void)
{
    MUA_SR = MU_SR_GIP0; /* a request from before start-up is no doorbell */
    MUA_CR = (MUA_CR & ~MU_CR_GIRN) | MU_CR_GIE0;
    dsl_glue_nvic_enable(MUA_IRQN);
}

int dsl_glue_doorbell_ack(void)
{
    if ((MUA_SR & MU_SR_GIP0) == 0u) return 0;
    MUA_SR = MU_SR_GIP0;
    (void)MUA_SR;
    return 1;
}

#define DSL_GLUE_DOORBELL_IRQN MUA_IRQN
#define DSL_GLUE_DOORBELL_HANDLER MUA_IRQHandler
#include "dsl_glue_heavy.h"

#include "dsl_glue_dcache.h"
