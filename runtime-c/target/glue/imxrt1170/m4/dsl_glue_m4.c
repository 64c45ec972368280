/*
 * dsl_glue_m4.c - i.MX RT1170 Cortex-M4 (light core, MU side B): rings the Cortex-M7 with MU general purpose
 * interrupt 0 (MUB CR.GIR0 raises SR.GIP0 on side A, the M7's MUA_IRQn), and the LMEM processor-system cache
 * maintenance of the handoff ring in OCRAM2 by physical address.
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE. The MU and LMEM clocks are assumed on (reset default).
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

/* IMXRT1170RM / MCUXpresso MIMXRT1176_cm4.h: the M4 reaches the MU through side B at 0x40C4C000. Classic MU
   layout (fsl_mu.h): TR0-3 0x00, RR0-3 0x10, SR 0x20, CR 0x24; in each 4-bit field bit 3 is channel 0. */
#define MUB_CR DSL_GLUE_REG(0x40C4C024u)
#define MU_CR_GIR0 (1u << 19)       /* MU_CR_GIRn_SHIFT 16, channel 0 = +3: request general interrupt 0 */
#define MU_CR_GIRN 0x000F0000u      /* GIRn (bits 19:16): written 0, which leaves pending requests alone (PERI_MU.h) */

/* LMEM (MIMXRT1176_cm4.h LMEM_BASE 0xE0082000): processor-system cache control PSCCR 0x800, line control
   PSCLCR 0x804, search address PSCSAR 0x808 (bits in fsl_device headers LMEM_PSCCR_ENCACHE, LMEM_PSCLCR_*). */
#define LMEM_PSCCR DSL_GLUE_REG(0xE0082800u)
#define LMEM_PSCLCR DSL_GLUE_REG(0xE0082804u)
#define LMEM_PSCSAR DSL_GLUE_REG(0xE0082808u)
#define LMEM_PSCCR_ENCACHE 1u
#define LMEM_PSCLCR_LADSEL (1u << 26)  /* line address is a physical address */
#define LMEM_PSCLCR_LCMD_INVALIDATE (1u << 24)
#define LMEM_PSCLCR_LCMD_PUSH (2u << 24)
#define LMEM_PSCSAR_LGO 1u             /* start the line command; reads 1 until it is done */
#define LMEM_LINE 16u                  /* fsl_features FSL_FEATURE_L1SCACHE_LINESIZE_BYTE = 16 */

void dsl_glue_init(void)
{
}

void dsl_glue_doorbell_ring(void)
{
    uint32_t cr;
    __asm__ volatile("dsb" ::: "memory");
    cr = MUB_CR;
    if ((cr & MU_CR_GIR0) != 0u) return; /* still pending: the M7 has not taken the last one yet */
    MUB_CR = (cr & ~MU_CR_GIRN) | MU_CR_GIR0;
}

static void lmem_lines(uint32_t command, const volatile void *addr, uint32_t bytes)
{
    uint32_t a = (uint32_t)(uintptr_t)addr & ~(LMEM_LINE - 1u);
    const uint32_t end = (uint32_t)(uintptr_t)addr + bytes;
    if ((LMEM_PSCCR & LMEM_PSCCR_ENCACHE) == 0u) return; /* cache off: nothing cached */
    __asm__ volatile("dsb" ::: "memory");
    LMEM_PSCLCR = LMEM_PSCLCR_LADSEL | command;
    for (; a < end; a += LMEM_LINE) {
        LMEM_PSCSAR = a | LMEM_PSCSAR_LGO;
        while ((LMEM_PSCSAR & LMEM_PSCSAR_LGO) != 0u) { }
    }
    dsl_glue_dsb();
}

void dsl_glue_cache_clean(const volatile void *addr, uint32_t bytes)
{
    lmem_lines(LMEM_PSCLCR_LCMD_PUSH, addr, bytes);
}

void dsl_glue_cache_invalidate(const volatile void *addr, uint32_t bytes)
{
    lmem_lines(LMEM_PSCLCR_LCMD_INVALIDATE, addr, bytes);
}
