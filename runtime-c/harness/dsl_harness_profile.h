/*
 * dsl_harness_profile.h - the harness side of the per-step profiling hooks (dsl_runtime/dsl_profile.h),
 * built only with -DDSL_PROFILE_STEPS (`dslc bench --layers`). dsl_profile_step_begin/end read the
 * harness instruction counter around each step and add the difference, minus what the counter read and
 * the hook themselves leave inside the window, to a static per-step table.
 *
 * Profile file (little-endian, every field uint32 unless marked):
 *   "DSLP", version 1, counter_overhead, hook_residual, hook_cost, light_steps, heavy_steps,
 *   then light_steps and heavy_steps records of { calls, instructions (uint64) }.
 * counter_overhead and hook_residual are the instructions subtracted from every step (counter read, and
 * the hook's own instructions inside the window); hook_cost is what one BEGIN/END pair adds to a path
 * when profiling is on. Instructions of a record are the sum over its calls.
 */
#ifndef DSL_HARNESS_PROFILE_H
#define DSL_HARNESS_PROFILE_H

#include <stdint.h>

/* Clears the table and sets what is subtracted from every step (in counter ticks); recording is off. */
void dsl_hprof_reset(uint64_t counter_overhead_ticks, uint64_t residual_ticks);
/* Recording on (1) or off (0): the harness times pass 1 only. */
void dsl_hprof_enable(int on);
/* Ticks recorded so far for a step (calibration). */
uint64_t dsl_hprof_ticks(int32_t path, int32_t step);
/* Writes the profile file; 0, or -1 on an I/O error. */
int32_t dsl_hprof_write(const char *path, uint64_t hook_cost_ticks);

#endif /* DSL_HARNESS_PROFILE_H */
