/* dsl_harness_profile.c - per-step instruction counts for `dslc bench --layers` (see dsl_harness_profile.h). */
#include "dsl_harness_profile.h"

#include "dsl_harness_io.h"
#include "dsl_model.h"
#include "dsl_runtime/dsl_profile.h"

#ifndef DSL_PROFILE_STEPS
#error "build the step profile with -DDSL_PROFILE_STEPS, so the generated paths call the hooks"
#endif

/* + 1: a path without steps still gets a valid array. */
#define DSL_HPROF_LIGHT_SLOTS (DSL_MODEL_LIGHT_STEPS + 1)
#define DSL_HPROF_HEAVY_SLOTS (DSL_MODEL_HEAVY_STEPS + 1)

static uint64_t g_light_ticks[DSL_HPROF_LIGHT_SLOTS];
static uint32_t g_light_calls[DSL_HPROF_LIGHT_SLOTS];
static uint64_t g_heavy_ticks[DSL_HPROF_HEAVY_SLOTS];
static uint32_t g_heavy_calls[DSL_HPROF_HEAVY_SLOTS];
static uint64_t g_subtract;  /* counter read + hook residual, in ticks */
static uint64_t g_counter_overhead;
static uint64_t g_residual;
static uint64_t g_t0;
static int g_on;

void dsl_hprof_reset(uint64_t counter_overhead_ticks, uint64_t residual_ticks)
{
    int32_t i;
    for (i = 0; i < DSL_HPROF_LIGHT_SLOTS; i++) {
        g_light_ticks[i] = 0;
        g_light_calls[i] = 0;
    }
    for (i = 0; i < DSL_HPROF_HEAVY_SLOTS; i++) {
        g_heavy_ticks[i] = 0;
        g_heavy_calls[i] = 0;
    }
    g_counter_overhead = counter_overhead_ticks;
    g_residual = residual_ticks;
    g_subtract = counter_overhead_ticks + residual_ticks;
    g_on = 0;
}

void dsl_hprof_enable(int on) { g_on = on; }

uint64_t dsl_hprof_ticks(int32_t path, int32_t step)
{
    if (path == DSL_PROFILE_LIGHT && step >= 0 && step < DSL_HPROF_LIGHT_SLOTS) return g_light_ticks[step];
    if (path == DSL_PROFILE_HEAVY && step >= 0 && step < DSL_HPROF_HEAVY_SLOTS) return g_heavy_ticks[step];
    return 0;
}

void dsl_profile_step_begin(int32_t path, int32_t step)
{
    (void)path;
    (void)step;
    g_t0 = dsl_hio_counter_ticks(); /* last: what follows is in the step's window (the residual) */
}

void dsl_profile_step_end(int32_t path, int32_t step)
{
    const uint64_t t1 = dsl_hio_counter_ticks(); /* first, for the same reason */
    const uint64_t d = t1 - g_t0;
    const uint64_t ticks = d > g_subtract ? d - g_subtract : 0;
    if (!g_on) return;
    if (path == DSL_PROFILE_LIGHT && step >= 0 && step < DSL_HPROF_LIGHT_SLOTS) {
        g_light_ticks[step] += ticks;
        g_light_calls[step]++;
    } else if (path == DSL_PROFILE_HEAVY && step >= 0 && step < DSL_HPROF_HEAVY_SLOTS) {
        g_heavy_ticks[step] += ticks;
        g_heavy_calls[step]++;
    }
}

static uint8_t *dsl_hprof_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    return p + 4;
}

static uint32_t dsl_hprof_u32(uint64_t v) { return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v; }

static int32_t dsl_hprof_write_steps(int32_t h, const uint32_t *calls, const uint64_t *ticks, int32_t n)
{
    uint8_t rec[12];
    int32_t i;
    for (i = 0; i < n; i++) {
        const uint64_t instr = dsl_hio_ticks_to_instructions64(ticks[i]);
        (void)dsl_hprof_put32(dsl_hprof_put32(dsl_hprof_put32(rec, calls[i]), (uint32_t)instr), (uint32_t)(instr >> 32));
        if (dsl_hio_write(h, rec, (int32_t)sizeof rec) != 0) return -1;
    }
    return 0;
}

int32_t dsl_hprof_write(const char *path, uint64_t hook_cost_ticks)
{
    uint8_t header[28];
    uint8_t *p = header;
    const int32_t h = dsl_hio_open_write(path);
    if (h < 0) return -1;
    *p++ = 'D';
    *p++ = 'S';
    *p++ = 'L';
    *p++ = 'P';
    p = dsl_hprof_put32(p, 1u);
    p = dsl_hprof_put32(p, dsl_hprof_u32(dsl_hio_ticks_to_instructions64(g_counter_overhead)));
    p = dsl_hprof_put32(p, dsl_hprof_u32(dsl_hio_ticks_to_instructions64(g_residual)));
    p = dsl_hprof_put32(p, dsl_hprof_u32(dsl_hio_ticks_to_instructions64(hook_cost_ticks)));
    p = dsl_hprof_put32(p, (uint32_t)DSL_MODEL_LIGHT_STEPS);
    (void)dsl_hprof_put32(p, (uint32_t)DSL_MODEL_HEAVY_STEPS);
    if (dsl_hio_write(h, header, (int32_t)sizeof header) != 0
        || dsl_hprof_write_steps(h, g_light_calls, g_light_ticks, DSL_MODEL_LIGHT_STEPS) != 0
        || dsl_hprof_write_steps(h, g_heavy_calls, g_heavy_ticks, DSL_MODEL_HEAVY_STEPS) != 0) {
        (void)dsl_hio_close(h);
        return -1;
    }
    return dsl_hio_close(h);
}
