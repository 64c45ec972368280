/*
 * dsl_glue_heavy.h - the heavy core's doorbell interrupt handler and dsl_glue_doorbell_wait(), the same on
 * every board: the board's heavy-core file defines dsl_glue_doorbell_ack() (its peripheral) and, before
 * including this header once, DSL_GLUE_DOORBELL_IRQN (the doorbell's NVIC line) and DSL_GLUE_DOORBELL_HANDLER
 * (its CMSIS vector name). Build with -DDSL_GLUE_NO_IRQ_HANDLER to write the handler yourself.
 */
#ifndef DSL_GLUE_HEAVY_H
#define DSL_GLUE_HEAVY_H

#include "dsl_glue.h"
#include "dsl_glue_arm.h"

#if !defined(DSL_GLUE_DOORBELL_IRQN) || !defined(DSL_GLUE_DOORBELL_HANDLER)
#error "dsl_glue_heavy.h: define DSL_GLUE_DOORBELL_IRQN and DSL_GLUE_DOORBELL_HANDLER first"
#endif

static volatile uint32_t g_rung; /* a doorbell the interrupt handler took, not yet waited for */

#ifndef DSL_GLUE_NO_IRQ_HANDLER
void DSL_GLUE_DOORBELL_HANDLER(void); /* overrides the weak one of the vendor's startup file */
void DSL_GLUE_DOORBELL_HANDLER(void)
{
    if (dsl_glue_doorbell_ack()) g_rung = 1u;
}
#endif

void dsl_glue_doorbell_wait(void)
{
    const uint32_t primask = dsl_glue_irq_lock();
    while (g_rung == 0u && dsl_glue_doorbell_ack() == 0) dsl_glue_wfi();
    g_rung = 0u;
    dsl_glue_nvic_clear_pending(DSL_GLUE_DOORBELL_IRQN); /* taken here: no handler run for it */
    dsl_glue_irq_unlock(primask);
}

#endif /* DSL_GLUE_HEAVY_H */
