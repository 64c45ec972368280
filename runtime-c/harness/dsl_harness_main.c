/*
 * dsl_harness_main.c - test firmware / host program for a dslc-generated model.
 *
 * Reads raw int16 little-endian mono PCM frame by frame (stops at the first incomplete frame) and
 * writes the binary frame trace of docs/generated-api.md (version 3) in two passes over the input:
 *   1. from dsl_model_light_reset + dsl_model_heavy_reset, per path: dsl_model_light_process on every
 *      frame, then dsl_model_heavy_process_routed (the generated reset + replay + heavy call that
 *      dsl_model_process uses): light_out, handoff, heavy_out and the instruction counts of each path;
 *   2. from dsl_model_light_reset only, single core: dsl_model_process on every frame, the call most users
 *      link: its decision and its routed output (the heavy path, as pass 1 left it, must be restarted by
 *      the generated code on the first heavy frame).
 * Routing and replay are the generated code's; this file only calls it and writes what comes out.
 * Exit code 0 on success, 2 usage, 3 I/O error.
 *
 * It only uses the generic names of dsl_model.h, which the generated model folder provides:
 *   DSL_MODEL_FRAME_SAMPLES, DSL_MODEL_HANDOFF_BYTES, DSL_MODEL_ROUTE_HEAVY,
 *   dsl_model_decision_t (fields route, replay_frames, switch_score),
 *   dsl_model_light_reset, dsl_model_light_process, dsl_model_handoff_frame,
 *   dsl_model_heavy_reset, dsl_model_heavy_process_routed, dsl_model_process.
 *
 * Instruction counts (target only, QEMU -icount): light = dsl_model_light_process of the frame;
 * heavy = dsl_model_heavy_process_routed of a heavy frame (reset + replay + heavy call), 0 on light
 * frames; 0 when not measured. The cost of reading the counter itself is measured once and subtracted.
 *
 * Built with -DDSL_PROFILE_STEPS (and dsl_harness_profile.c), it also writes the per-step profile of
 * pass 1 to the optional third argument (default DSL_HARNESS_PROFILE_OUTPUT): the generated steps then
 * call the hooks, so the path counts of that trace include the hooks' cost; its outputs do not change.
 */
#include <stdint.h>

#include "dsl_harness_io.h"
#include "dsl_harness_frames.h"
#include "dsl_harness_trace.h"
#include "dsl_model.h"
#ifdef DSL_PROFILE_STEPS
#include "dsl_harness_profile.h"
#include "dsl_runtime/dsl_profile.h"
#ifndef DSL_HARNESS_PROFILE_OUTPUT
#define DSL_HARNESS_PROFILE_OUTPUT "profile.bin"
#endif
#endif

/* A test build may change the model's run-time settings (e.g. the switch threshold) mid-clip: built with
   -DDSL_HARNESS_BEFORE_FRAME=fn and a source defining void fn(int32_t frame), both passes call fn with the
   frame's index (from 0) before the frame. */
#ifdef DSL_HARNESS_BEFORE_FRAME
void DSL_HARNESS_BEFORE_FRAME(int32_t frame);
#define DSL_H_BEFORE_FRAME(f) DSL_HARNESS_BEFORE_FRAME(f)
#else
#define DSL_H_BEFORE_FRAME(f) ((void)(f))
#endif

static int16_t g_in[DSL_H_FS];
static int16_t g_light_out[DSL_H_FS];
static dsl_model_out_t g_heavy_out[DSL_H_OV];
static dsl_model_out_t g_routed_out[DSL_H_OV];
static uint8_t g_record[DSL_H_PATH_RECORD_BYTES];

#ifdef DSL_PROFILE_STEPS
static uint64_t g_hook_cost;
#endif

#ifdef DSL_HARNESS_TARGET
int main(void)
{
    const int argc = 0;
    char **const argv = 0;
#else
int main(int argc, char **argv)
{
#endif
    const char *in_path;
    const char *out_path;
    const char *profile_path;
    int32_t in_h;
    int32_t out_h;
    int32_t i;
    int32_t frame;
    int more;

    if (dsl_hio_paths(argc, argv, &in_path, &out_path, &profile_path) != 0) return DSL_H_EXIT_USAGE;
#ifdef DSL_PROFILE_STEPS
    if (profile_path == 0) profile_path = DSL_HARNESS_PROFILE_OUTPUT;
#else
    (void)profile_path;
#endif
    in_h = dsl_hio_open_read(in_path);
    if (in_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot open input PCM", in_path);
    out_h = dsl_hio_open_write(out_path);
    if (out_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create trace", out_path);

    if (dsl_h_write_trace_header(out_h) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
    }

    dsl_hio_counter_start();
    {
        const uint64_t a = dsl_hio_counter_ticks();
        const uint64_t b = dsl_hio_counter_ticks();
        g_counter_overhead = b - a;
    }
#ifdef DSL_PROFILE_STEPS
    {
        /* Calibration on an empty step: what it records is the hooks' own share of a step's window (then
           subtracted from every step); the pair timed from outside is what one hook pair adds to a path. */
        uint64_t t0;
        uint64_t t1;
        dsl_hprof_reset(g_counter_overhead, 0);
        dsl_hprof_enable(1);
        t0 = dsl_hio_counter_ticks();
        DSL_PROFILE_STEP_BEGIN(DSL_PROFILE_LIGHT, 0);
        DSL_PROFILE_STEP_END(DSL_PROFILE_LIGHT, 0);
        t1 = dsl_hio_counter_ticks();
        g_hook_cost = dsl_h_elapsed(t0, t1);
        dsl_hprof_reset(g_counter_overhead, dsl_hprof_ticks(DSL_PROFILE_LIGHT, 0));
        dsl_hprof_enable(1);
    }
#endif

    /* Pass 1: per path. */
    dsl_model_light_reset();
    dsl_model_heavy_reset();
    frame = 0;
    while ((more = dsl_h_next_frame(in_h, g_in)) > 0) {
        dsl_model_decision_t d;
        const int8_t *handoff;
        uint32_t light_instr;
        uint32_t heavy_instr = 0;
        uint8_t *p;
        uint64_t t0;
        uint64_t t1;

        DSL_H_BEFORE_FRAME(frame++);
        t0 = dsl_hio_counter_ticks();
        d = dsl_model_light_process(g_in, g_light_out);
        t1 = dsl_hio_counter_ticks();
        light_instr = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));
        handoff = dsl_model_handoff_frame(0);

        for (i = 0; i < DSL_H_OV; i++) g_heavy_out[i] = 0;
        t0 = dsl_hio_counter_ticks();
        dsl_model_heavy_process_routed(&d, g_heavy_out);
        t1 = dsl_hio_counter_ticks();
        if (d.route == DSL_MODEL_ROUTE_HEAVY) heavy_instr = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));

        p = dsl_h_put_decision(g_record, &d);
        p = dsl_h_put32(p, light_instr);
        p = dsl_h_put32(p, heavy_instr);
        p = dsl_h_put16s(p, g_light_out, DSL_H_FS);
        for (i = 0; i < DSL_H_HB; i++) *p++ = (uint8_t)handoff[i];
        (void)dsl_h_put_out(p, g_heavy_out, DSL_H_OV);
        if (dsl_hio_write(out_h, g_record, DSL_H_PATH_RECORD_BYTES) != 0) {
            return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
        }
    }
    if (more < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: read error", in_path);
#ifdef DSL_PROFILE_STEPS
    dsl_hprof_enable(0);
    if (dsl_hprof_write(profile_path, g_hook_cost) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write step profile", profile_path);
    }
#endif

    /* Pass 2: the same input again through the single-core call. Only the light path is reset: the heavy
       path, left as pass 1 ended, must be restarted by dsl_model_process itself on the first heavy frame. */
    if (dsl_hio_close(in_h) != 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot close input PCM", in_path);
    in_h = dsl_hio_open_read(in_path);
    if (in_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot reopen input PCM", in_path);
    dsl_model_light_reset();
    frame = 0;
    while ((more = dsl_h_next_frame(in_h, g_in)) > 0) {
        dsl_model_decision_t d;
        DSL_H_BEFORE_FRAME(frame++);
        d = dsl_model_process(g_in, g_routed_out);
        (void)dsl_h_put_out(dsl_h_put_decision(g_record, &d), g_routed_out, DSL_H_OV);
        if (dsl_hio_write(out_h, g_record, DSL_H_PROCESS_RECORD_BYTES) != 0) {
            return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
        }
    }
    if (more < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: read error", in_path);

    if (dsl_hio_close(out_h) != 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot close trace", out_path);
    (void)dsl_hio_close(in_h);
    return 0;
}
