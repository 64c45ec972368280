/*
 * dsl_glue_he.c - Alif Ensemble E7 M55-HE (light core): rings the M55-HP through the HE -> HP MHU sender frame
 * (channel 0), and the data cache maintenance of the handoff ring in SRAM1 by address (DCCMVAC / DCIMVAC).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

/* Alif Ensemble CMSIS DFP, Device/soc/AE722F80F55D5/include/rtss_he/soc.h: MHU_M55HE_M55HP_0_TX_BASE
   0x40090000 (the HE's view). Arm MHUv2 sender frame: channel 0 CH_SET at 0x00C; ACCESS_REQUEST 0xF88,
   ACCESS_READY 0xF8C (bit 0), as the DFP's MHU_M55HE_A32_TX_Type lays them out. */
#define MHU_TX_CH0_SET DSL_GLUE_REG(0x4009000Cu)
#define MHU_TX_ACCESS_REQUEST DSL_GLUE_REG(0x40090F88u)
#define MHU_TX_ACCESS_READY DSL_GLUE_REG(0x40090F8Cu)

void dsl_glue_init(void)
{
    /* Keep the receiver awake for the whole run: requested once, never released. */
    MHU_TX_ACCESS_REQUEST = 1u;
}

void dsl_glue_doorbell_ring(void)
{
    __asm__ volatile("dsb" ::: "memory");
    while ((MHU_TX_ACCESS_READY & 1u) == 0u) { }
    MHU_TX_CH0_SET = 1u; /* bit 0 of channel 0: the HP's receiver raises its interrupt until it clears it */
}

#include "dsl_glue_dcache.h"
