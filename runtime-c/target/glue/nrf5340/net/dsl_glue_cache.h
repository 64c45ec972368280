/*
 * dsl_glue_cache.h - nRF5340 network core (light): no cache on RAM, so the handoff hooks
 * stay empty.
 * Included by dsl_handoff.h when the core is built with -DDSL_BOARD_GLUE=1 (runtime-c/target/glue/dsl_glue.h).
 * Compiled and linked here, untested on hardware.
 */
#ifndef DSL_GLUE_CACHE_H
#define DSL_GLUE_CACHE_H

#include "dsl_glue.h"

#endif /* DSL_GLUE_CACHE_H */
