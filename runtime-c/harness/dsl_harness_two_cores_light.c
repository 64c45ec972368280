/*
 * dsl_harness_two_cores_light.c - test firmware of the light core (CPU0) of a two-core emulated board
 * (mps2-an521), for a dslc-generated model with its two-core entry points (dsl_cores.h). The heavy core
 * runs dsl_harness_two_cores_heavy.c; the model's shared object (.dsl_handoff) connects them.
 *
 * Writes the frame trace of docs/generated-api.md (version 2) like dsl_harness_main.c, from one run through
 * both cores in lockstep: for every frame the light core runs dsl_model_light_core_process (light path,
 * routing, handoff frame and decision published in the shared ring; the doorbell wakes the heavy core on
 * heavy frames); on a heavy frame it then sleeps until the heavy core has serviced its jobs (the restart:
 * reset + replay, then the frame) and takes the heavy output from the shared output ring.
 *   pass-1 records: decision, light instructions (CPU0: dsl_model_light_core_process), heavy instructions
 *                   (CPU1's service of the frame, timed by CPU0 while it sleeps: one virtual clock for both
 *                   cores under -icount, so the interval holds only CPU1's work and the doorbells), the light
 *                   output, the handoff frame as the heavy core reads it (the ring slot), the heavy output;
 *   pass-2 records: decision and the routed output of dsl_model_light_core_routed at latency 0 (lockstep): the heavy output on
 *                   heavy frames, the light output otherwise. A heavy frame without a heavy output (late or
 *                   lost) falls back to the light output and is counted; the run then fails (exit 4).
 * Pass-2 records go to <trace>.routed first and are appended to the trace at the end.
 *
 * Defines: DSL_HARNESS_TARGET, DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT (as dsl_harness_main.c) and
 * DSL_HEAVY_VECTORS, the heavy core's vector table (its flash origin), where CPU1 is started.
 * Exit code 0 ok, 2 usage, 3 I/O error, 4 heavy frames without output, 5 the heavy core did not attach.
 */
#include <stdint.h>

#include "dsl_cores.h"
#include "dsl_harness_io.h"
#include "dsl_harness_frames.h"
#include "dsl_harness_trace.h"
#include "dsl_sse200.h"

#ifndef DSL_HEAVY_VECTORS
#error "define DSL_HEAVY_VECTORS: the heavy core's vector table address (its flash origin)"
#endif

#define DSL_H_EXIT_LATE 4
#define DSL_H_EXIT_ATTACH 5
#define DSL_H_PATH_MAX 256

static int16_t g_in[DSL_H_FS];
static int16_t g_light_out[DSL_H_FS];
static int16_t g_heavy_out[DSL_H_FS];
static int16_t g_routed_out[DSL_H_FS];
static uint8_t g_record[DSL_H_PATH_RECORD_BYTES];
static uint8_t g_copy[512];
static char g_routed_path[DSL_H_PATH_MAX + 8];

/* The board's doorbell of the generated light core: MHU0 to CPU1. */
void dsl_model_heavy_doorbell(void) { dsl_sse200_doorbell_ring(1u); }

/* Appends the file at path to the open trace out_h. */
static int dsl_h_append(int32_t out_h, const char *path)
{
    int32_t got;
    const int32_t h = dsl_hio_open_read(path);
    if (h < 0) return -1;
    do {
        got = dsl_hio_read(h, g_copy, (int32_t)sizeof g_copy);
        if (got < 0 || (got > 0 && dsl_hio_write(out_h, g_copy, got) != 0)) {
            (void)dsl_hio_close(h);
            return -1;
        }
    } while (got == (int32_t)sizeof g_copy);
    return dsl_hio_close(h);
}

int main(void)
{
    const char *in_path;
    const char *out_path;
    const char *profile_path;
    int32_t in_h;
    int32_t out_h;
    int32_t routed_h;
    int32_t i;
    int more;
    uint32_t late = 0;

    if (dsl_hio_paths(0, 0, &in_path, &out_path, &profile_path) != 0) return DSL_H_EXIT_USAGE;
    (void)profile_path;
    for (i = 0; out_path[i] != '\0' && i < DSL_H_PATH_MAX; i++) g_routed_path[i] = out_path[i];
    if (i == DSL_H_PATH_MAX) return dsl_h_fail(DSL_H_EXIT_USAGE, "dsl_harness: trace path too long", out_path);
    {
        static const char suffix[] = ".routed";
        int32_t k;
        for (k = 0; suffix[k] != '\0'; k++) g_routed_path[i + k] = suffix[k];
        g_routed_path[i + k] = '\0';
    }
    in_h = dsl_hio_open_read(in_path);
    if (in_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot open input PCM", in_path);
    out_h = dsl_hio_open_write(out_path);
    if (out_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create trace", out_path);
    routed_h = dsl_hio_open_write(g_routed_path);
    if (routed_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create", g_routed_path);

    if (dsl_h_write_trace_header(out_h) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
    }

    /* The ring first (the heavy core attaches to it), then the heavy core, which rings once attached. */
    if (dsl_model_light_core_init() != 0) return dsl_h_fail(DSL_H_EXIT_ATTACH, "dsl_harness: ring layout refused", out_path);
    dsl_sse200_start_cpu1((uint32_t)(DSL_HEAVY_VECTORS));
    dsl_sse200_doorbell_wait();
    if (dsl_model_shared.ring.ctrl.cons.c.attached != DSL_HANDOFF_MAGIC) {
        return dsl_h_fail(DSL_H_EXIT_ATTACH, "dsl_harness: the heavy core did not attach (layout differs?)", out_path);
    }

    dsl_hio_counter_start();
    {
        const uint64_t a = dsl_hio_counter_ticks();
        const uint64_t b = dsl_hio_counter_ticks();
        g_counter_overhead = b - a;
    }

    while ((more = dsl_h_next_frame(in_h, g_in)) > 0) {
        dsl_model_decision_t d;
        const uint8_t *handoff;
        uint32_t light_instr;
        uint32_t heavy_instr = 0;
        uint32_t seq;
        uint8_t *p;
        uint64_t t0;
        uint64_t t1;
        int heavy_ok = 0;

        t0 = dsl_hio_counter_ticks();
        d = dsl_model_light_core_process(g_in, g_light_out);
        t1 = dsl_hio_counter_ticks();
        light_instr = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));
        seq = dsl_model_light_core_frame();
        handoff = dsl_model_handoff.frames + (seq & (dsl_model_handoff.slots - 1u)) * dsl_model_handoff.stride;

        for (i = 0; i < DSL_H_FS; i++) g_heavy_out[i] = 0;
        if (d.route == DSL_MODEL_ROUTE_HEAVY) {
            /* the publish rang the heavy core; sleep until it has serviced the frame */
            t0 = dsl_hio_counter_ticks();
            dsl_sse200_doorbell_wait_ticking();
            t1 = dsl_hio_counter_ticks();
            heavy_instr = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));
            heavy_ok = dsl_model_heavy_output(seq, g_heavy_out);
            if (!heavy_ok) late++;
        }

        p = dsl_h_put_decision(g_record, &d);
        p = dsl_h_put32(p, light_instr);
        p = dsl_h_put32(p, heavy_instr);
        p = dsl_h_put16s(p, g_light_out, DSL_H_FS);
        for (i = 0; i < DSL_H_HB; i++) *p++ = handoff[i];
        (void)dsl_h_put16s(p, g_heavy_out, DSL_H_FS);
        if (dsl_hio_write(out_h, g_record, DSL_H_PATH_RECORD_BYTES) != 0) {
            return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
        }

        /* routed output, latency 0: the generated assembly (heavy output of a heavy frame, else the light one) */
        (void)dsl_model_light_core_routed(seq, d.route, g_light_out, g_routed_out);
        (void)dsl_h_put16s(dsl_h_put_decision(g_record, &d), g_routed_out, DSL_H_FS);
        if (dsl_hio_write(routed_h, g_record, DSL_H_PROCESS_RECORD_BYTES) != 0) {
            return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write", g_routed_path);
        }
    }
    if (more < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: read error", in_path);
    if (dsl_hio_close(routed_h) != 0 || dsl_h_append(out_h, g_routed_path) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot append the routed records", g_routed_path);
    }
    if (dsl_hio_close(out_h) != 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot close trace", out_path);
    (void)dsl_hio_close(in_h);
    {
        dsl_handoff_stats_t st;
        dsl_handoff_stats(&dsl_model_handoff, &st);
        if (late != 0 || dsl_model_light_core_late() != 0 || st.overruns != 0 || st.lost != 0) {
            dsl_hio_log("dsl_harness: heavy frames without a heavy output (late, lost or overrun)");
            return DSL_H_EXIT_LATE;
        }
    }
    return 0;
}
