/*
 * dsl_glue_cache.h - STM32H747 Cortex-M7 (heavy core): its L1 data cache covers SRAM4
 * (0x38000000, the shared region: cacheable in the default memory map, Armv7-M B3.1), so the handoff ring's
 * lines are cleaned after writing and invalidated before reading, by address (dsl_glue_m7.c). DSL_HANDOFF_LINE
 * stays at its default 32 (the M7 line) in both cores' builds.
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) dsl_glue_cache_clean((addr), (uint32_t)(bytes))
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) dsl_glue_cache_invalidate((addr), (uint32_t)(bytes))

#endif /* DSL_GLUE_CACHE_H */
