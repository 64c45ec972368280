/*
 * dsl_glue_cache.h - Alif Ensemble E7 M55-HE (light core): its data cache covers SRAM1 too,
 * so the ring's lines are cleaned / invalidated by address (dsl_glue_he.c).
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) dsl_glue_cache_clean((addr), (uint32_t)(bytes))
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) dsl_glue_cache_invalidate((addr), (uint32_t)(bytes))

#endif /* DSL_GLUE_CACHE_H */
