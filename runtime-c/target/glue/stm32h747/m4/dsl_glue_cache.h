/*
 * dsl_glue_cache.h - STM32H747 Cortex-M4 (light core): no data cache (the ART accelerator
 * caches flash only, RM0399 section 2), so the handoff hooks stay empty.
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#endif /* DSL_GLUE_CACHE_H */
