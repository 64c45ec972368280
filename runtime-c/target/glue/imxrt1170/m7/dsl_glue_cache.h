/*
 * dsl_glue_cache.h - i.MX RT1170 Cortex-M7 (heavy core): its L1 data cache covers OCRAM2
 * (0x202C0000, the shared region; cacheable in the SDK's and the default memory map), so the ring's lines are
 * cleaned / invalidated by address (dsl_glue_m7.c). DSL_HANDOFF_LINE stays 32 (the M7 line) in both builds.
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) dsl_glue_cache_clean((addr), (uint32_t)(bytes))
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) dsl_glue_cache_invalidate((addr), (uint32_t)(bytes))

#endif /* DSL_GLUE_CACHE_H */
