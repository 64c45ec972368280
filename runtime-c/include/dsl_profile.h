/*
 * dsl_profile.h - per-step profiling hooks of the generated path code.
 *
 * <m>_light.c and <m>_heavy.c wrap every step (one kernel call) in
 *     DSL_PROFILE_STEP_BEGIN(path, step);  <kernel call>  DSL_PROFILE_STEP_END(path, step);
 * with path DSL_PROFILE_LIGHT or DSL_PROFILE_HEAVY and step the 0-based index of the step in the path
 * (<M>_LIGHT_STEPS / <M>_HEAVY_STEPS in <m>.h; `dslc bench --layers` names them).
 *
 * By default both macros expand to ((void)0): production builds compile to the same code as without
 * them and pay nothing. Two ways to turn them on:
 *   - define DSL_PROFILE_STEPS and link dsl_profile_step_begin / dsl_profile_step_end (the QEMU test
 *     harness does in runtime-c/harness/dsl_harness_profile.c; `dslc bench --layers` builds it so);
 *   - or define DSL_PROFILE_STEP_BEGIN(path, step) and DSL_PROFILE_STEP_END(path, step) yourself
 *     (e.g. with -D, reading DWT->CYCCNT on real hardware).
 */
#ifndef DSL_PROFILE_H
#define DSL_PROFILE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DSL_PROFILE_LIGHT 0
#define DSL_PROFILE_HEAVY 1

#ifdef DSL_PROFILE_STEPS
void dsl_profile_step_begin(int32_t path, int32_t step);
void dsl_profile_step_end(int32_t path, int32_t step);
#define DSL_PROFILE_STEP_BEGIN(path, step) dsl_profile_step_begin((path), (step))
#define DSL_PROFILE_STEP_END(path, step) dsl_profile_step_end((path), (step))
#endif

#ifndef DSL_PROFILE_STEP_BEGIN
#define DSL_PROFILE_STEP_BEGIN(path, step) ((void)0)
#endif
#ifndef DSL_PROFILE_STEP_END
#define DSL_PROFILE_STEP_END(path, step) ((void)0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* DSL_PROFILE_H */
