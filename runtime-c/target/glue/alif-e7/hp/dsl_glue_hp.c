/*
 * dsl_glue_hp.c - Alif Ensemble E7 M55-HP (heavy core): the doorbell interrupt from the HE -> HP MHU receiver
 * frame (channel 0, combined interrupt), and the data cache maintenance of the handoff ring in SRAM1 by
 * address (DCCMVAC / DCIMVAC).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

/* Alif Ensemble CMSIS DFP, Device/soc/AE722F80F55D5/include/rtss_hp/soc.h: MHU_M55HE_M55HP_0_RX_BASE
   0x40080000 (the HP's view), MHU_M55HE_M55HP_0_RX_IRQ_IRQn 41. Arm MHUv2 receiver frame: channel 0 CH_ST
   0x000, CH_CLR 0x008, CH_MSK_CLR 0x018; INT_EN 0xF98 with bit 2 = combined channel interrupt (the DFP's
   mhu_driver.h MHU_CHCOMB, enabled so by its mhu_receiver.c). */
#define MHU_RX_CH0_ST DSL_GLUE_REG(0x40080000u)
#define MHU_RX_CH0_CLR DSL_GLUE_REG(0x40080008u)
#define MHU_RX_CH0_MSK_CLR DSL_GLUE_REG(0x40080018u)
#define MHU_RX_INT_EN DSL_GLUE_REG(0x40080F98u)
#define MHU_INT_EN_CHCOMB (1u << 2)
#define MHU_RX_IRQN 41u

void dsl_glue_init(void)
{
    MHU_RX_CH0_CLR = 1u;     /* a doorbell from before start-up is none */
    MHU_RX_CH0_MSK_CLR = 1u; /* bit 0 of channel 0 raises the interrupt */
    MHU_RX_INT_EN |= MHU_INT_EN_CHCOMB;
    dsl_glue_nvic_enable(MHU_RX_IRQN);
}

int dsl_glue_doorbell_ack(void)
{
    if ((MHU_RX_CH0_ST & 1u) == 0u) return 0;
    MHU_RX_CH0_CLR = 1u;
    (void)MHU_RX_CH0_ST;
    return 1;
}

#define DSL_GLUE_DOORBELL_IRQN MHU_RX_IRQN
#define DSL_GLUE_DOORBELL_HANDLER MHU_M55HE_M55HP_0_RX_IRQHandler
#include "dsl_glue_heavy.h"

#include "dsl_glue_dcache.h"
