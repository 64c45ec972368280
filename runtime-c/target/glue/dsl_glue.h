/*
 * dsl_glue.h - board glue of a two-core board: the doorbell between the cores and the cache hooks of the
 * handoff ring (runtime-c/include/dsl_handoff.h), the same small interface on every board.
 *
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE: register addresses and bits come from the vendors'
 * device headers and reference manuals (cited next to each address); no board has run this code.
 *
 * Files. runtime-c/target/glue/<glue>/<core>/ holds one core's glue (the profile's `glue:` key names the
 * folder): dsl_glue_<core>.c and dsl_glue_cache.h. `dslc generate --board` copies them, with the headers of
 * this folder, into <model>/boards/<board>/<core>/ and builds them with -DDSL_BOARD_GLUE=1, which makes
 * dsl_handoff.h include dsl_glue_cache.h (the core's DSL_HANDOFF_CACHE_* hooks). The light core's folder also
 * gets the generated <m>_glue.c: <m>_heavy_doorbell() rings dsl_glue_doorbell_ring().
 *
 * Light core (producer)                         Heavy core (consumer)
 *   dsl_glue_init();                              dsl_glue_init();    (doorbell interrupt on, in the NVIC)
 *   m_light_core_init(); ...                      while (m_heavy_core_attach() == 0) { }
 *   m_light_core_process() rings the heavy        for (;;) { dsl_glue_doorbell_wait(); m_heavy_core_service(); }
 *   core through <m>_heavy_doorbell()
 *
 * The heavy core's glue defines the doorbell's interrupt handler under its CMSIS vector name (it acknowledges
 * the doorbell and notes it for dsl_glue_doorbell_wait()); define DSL_GLUE_NO_IRQ_HANDLER to write your own
 * handler instead, which must call dsl_glue_doorbell_ack(). Booting the other core, clocks and the MPU map
 * stay with the vendor's startup code.
 */
#ifndef DSL_GLUE_H
#define DSL_GLUE_H

#include <stdint.h>

/* Both cores: what the doorbell needs (peripheral clock, sender / receiver set-up; on the heavy core the
   doorbell interrupt enabled in the peripheral and in the NVIC). Call once, before the first frame. */
void dsl_glue_init(void);

/* Light core: wake the heavy core. Any context; returns at once (a doorbell already pending stays one). */
void dsl_glue_doorbell_ring(void);

/* Heavy core: 1 if a doorbell was pending (it is then cleared), else 0. ISR or task context. */
int dsl_glue_doorbell_ack(void);

/* Heavy core, task context: sleep (WFI) until a doorbell arrives or has arrived since the last call. */
void dsl_glue_doorbell_wait(void);

/* Cores that cache the shared region (dsl_glue_cache.h maps DSL_HANDOFF_CACHE_CLEAN / _INVALIDATE here):
   write back / discard the data cache lines of [addr, addr + bytes), complete (DSB) on return. */
void dsl_glue_cache_clean(const volatile void *addr, uint32_t bytes);
void dsl_glue_cache_invalidate(const volatile void *addr, uint32_t bytes);

#endif /* DSL_GLUE_H */
