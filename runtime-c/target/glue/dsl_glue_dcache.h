/*
 * dsl_glue_dcache.h - dsl_glue_cache_clean/_invalidate for a core whose own L1 data cache (Cortex-M7,
 * Cortex-M55) caches the shared region: maintenance by address through the SCB (dsl_glue_arm.h). Included
 * once by that core's glue file.
 */
#ifndef DSL_GLUE_DCACHE_H
#define DSL_GLUE_DCACHE_H

#include "dsl_glue.h"
#include "dsl_glue_arm.h"

void dsl_glue_cache_clean(const volatile void *addr, uint32_t bytes)
{
    dsl_glue_dcache_by_address(&DSL_GLUE_SCB_DCCMVAC, addr, bytes);
}

void dsl_glue_cache_invalidate(const volatile void *addr, uint32_t bytes)
{
    dsl_glue_dcache_by_address(&DSL_GLUE_SCB_DCIMVAC, addr, bytes);
}

#endif /* DSL_GLUE_DCACHE_H */
