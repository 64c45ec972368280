/*
 * dsl_glue_cache.h - i.MX RT1170 Cortex-M4 (light core): the LMEM processor-system cache
 * caches the system bus (0x20000000 and up, OCRAM2 included) when the startup code enables it, so the ring's
 * lines are pushed / invalidated by physical address with LMEM line commands (dsl_glue_m4.c; 16-byte lines, so
 * the 32-byte DSL_HANDOFF_LINE granules of the ring are whole lines).
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) dsl_glue_cache_clean((addr), (uint32_t)(bytes))
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) dsl_glue_cache_invalidate((addr), (uint32_t)(bytes))

#endif /* DSL_GLUE_CACHE_H */
