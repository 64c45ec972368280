/*
 * dsl_harness_two_cores_light.c - test firmware of the light core (CPU0) of a two-core emulated board
 * (mps2-an521), for a dslc-generated model with its two-core entry points (dsl_cores.h). The heavy core
 * runs dsl_harness_two_cores_heavy.c; the model's shared object (.dsl_handoff) connects them.
 *
 * Every input frame goes through dsl_model_light_core_process (light path, routing, handoff frame and
 * decision published in the shared ring; the doorbell wakes the heavy core on heavy frames), then
 * dsl_model_light_core_routed assembles the routed output of the frame L = DSL_MODEL_ROUTED_LATENCY_FRAMES
 * frames earlier (the generated latency rule: the heavy output of a heavy frame when it arrived, else the light
 * output, counted as late). L frames of silence follow the input so that every input frame is assembled.
 * Two ways to run, by the third word of the command line:
 *   (none)  lockstep: on a heavy frame the light core sleeps until the heavy core has serviced it, so no frame
 *           can be late and each core's instructions are counted while the other sleeps (one virtual clock
 *           for both cores under -icount): light = CPU0's _process, heavy = CPU1's service of the frame
 *           (restart, replay, the frame) and the doorbells;
 *   N       paced: a frame every N instructions of the virtual clock (CMSDK timer1), the light core never
 *           waits for the heavy core; the clock counts both cores' instructions together, so no per-core
 *           counts (0 in the trace).
 * Writes the frame trace of docs/generated-api.md (version 3), frame s's records once frame s is assembled:
 *   pass-1 records: decision, light and heavy instructions, the light output, the handoff frame as the heavy
 *                   core reads it (the ring slot), the heavy output if it arrived in time (else zeros; a
 *                   classifier head's light frame: the gated scores, as the single-core harness records);
 *   pass-2 records: decision and the routed output;
 * pass-2 records go to <trace>.routed first and are appended to the trace at the end. And <trace>.routing:
 *   "DSLR", version 1, L, N (0: lockstep), then per frame one byte dsl_model_routed_t (1 light, 2 heavy,
 *   3 late), then frames, late, lost, overruns (dsl_handoff_stats, whole run): all little-endian uint32.
 *
 * Defines: DSL_HARNESS_TARGET, DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT (as dsl_harness_main.c) and
 * DSL_HEAVY_VECTORS, the heavy core's vector table (its flash origin), where CPU1 is started.
 * Exit code 0 ok (late frames are reported, not failed), 2 usage, 3 I/O error, 5 the heavy core did not attach.
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

#define DSL_H_EXIT_ATTACH 5
#define DSL_H_PATH_MAX 256

#define DSL_H_KEEP (DSL_MODEL_ROUTED_LATENCY_FRAMES + 1) /* frames seq - L .. seq */
#define DSL_H_ROUTING_VERSION 1u

static int16_t g_in[DSL_H_FS];
/* heavy and routed output: audio, or a classifier head's scores (DSL_H_OV values) */
static dsl_model_out_t g_heavy_out[DSL_H_OV];
static dsl_model_out_t g_routed_out[DSL_H_OV];
/* what the trace needs of frames seq - L .. seq, in entry seq % KEEP */
static int16_t g_light_out[DSL_H_KEEP][DSL_H_FS];
static dsl_model_decision_t g_decision[DSL_H_KEEP];
static uint32_t g_light_instr[DSL_H_KEEP];
static uint32_t g_heavy_instr[DSL_H_KEEP];
static uint8_t g_record[DSL_H_PATH_RECORD_BYTES];
static uint8_t g_copy[512];
static char g_routed_path[DSL_H_PATH_MAX + 10];
static char g_routing_path[DSL_H_PATH_MAX + 10];

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

/* path + suffix into buf (DSL_H_PATH_MAX + 10 bytes): 0, or -1 when the path is too long */
static int dsl_h_suffixed(char *buf, const char *path, const char *suffix)
{
    int32_t i;
    int32_t k;
    for (i = 0; path[i] != '\0' && i < DSL_H_PATH_MAX; i++) buf[i] = path[i];
    if (i == DSL_H_PATH_MAX) return -1;
    for (k = 0; suffix[k] != '\0' && k < 9; k++) buf[i + k] = suffix[k];
    buf[i + k] = '\0';
    return 0;
}

/* The pacing word: a decimal number of instructions > 0, or 0 when it is not one. */
static uint32_t dsl_h_parse_period(const char *s)
{
    uint64_t v = 0;
    int32_t i;
    for (i = 0; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9' || i > 9) return 0;
        v = v * 10u + (uint64_t)(s[i] - '0');
    }
    return v > 0xFFFFFFFFu ? 0u : (uint32_t)v;
}

/* A period of `instructions` virtual-clock instructions in timer ticks: instructions * 2^shift ns at
   DSL_SSE200_TIMER_HZ (saturating). */
static uint32_t dsl_h_period_ticks(uint32_t instructions)
{
    const uint64_t t = ((uint64_t)instructions << (DSL_ICOUNT_SHIFT)) * (uint64_t)DSL_SSE200_TIMER_HZ / 1000000000u;
    return t > 0xFFFFFFFFu ? 0xFFFFFFFFu : t < 1u ? 1u : (uint32_t)t;
}

/* The routing file's header: "DSLR", version, latency, pacing period (0: lockstep). */
static int dsl_h_write_routing_header(int32_t h, uint32_t period)
{
    uint8_t header[16];
    header[0] = 'D';
    header[1] = 'S';
    header[2] = 'L';
    header[3] = 'R';
    (void)dsl_h_put32(dsl_h_put32(dsl_h_put32(header + 4, DSL_H_ROUTING_VERSION), (uint32_t)DSL_MODEL_ROUTED_LATENCY_FRAMES), period);
    return dsl_hio_write(h, header, (int32_t)sizeof header);
}

int main(void)
{
    const char *in_path;
    const char *out_path;
    const char *pacing;
    int32_t in_h;
    int32_t out_h;
    int32_t routed_h;
    int32_t routing_h;
    int32_t i;
    uint32_t period = 0;  /* instructions per frame when paced, 0 lockstep */
    uint32_t step = 0;    /* frames published (input and the silence after it) */
    uint32_t drained = 0; /* frames of silence published after the input */
    uint32_t frames = 0;  /* frames assembled and written */
    uint32_t late = 0;

    if (dsl_hio_paths(0, 0, &in_path, &out_path, &pacing) != 0) return DSL_H_EXIT_USAGE;
    if (pacing != 0) {
        period = dsl_h_parse_period(pacing);
        if (period == 0) return dsl_h_fail(DSL_H_EXIT_USAGE, "dsl_harness: the pacing is not a number of instructions > 0", pacing);
    }
    if (dsl_h_suffixed(g_routed_path, out_path, ".routed") != 0 || dsl_h_suffixed(g_routing_path, out_path, ".routing") != 0) {
        return dsl_h_fail(DSL_H_EXIT_USAGE, "dsl_harness: trace path too long", out_path);
    }
    in_h = dsl_hio_open_read(in_path);
    if (in_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot open input PCM", in_path);
    out_h = dsl_hio_open_write(out_path);
    if (out_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create trace", out_path);
    routed_h = dsl_hio_open_write(g_routed_path);
    if (routed_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create", g_routed_path);
    routing_h = dsl_hio_open_write(g_routing_path);
    if (routing_h < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot create", g_routing_path);

    if (dsl_h_write_trace_header(out_h) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
    }
    if (dsl_h_write_routing_header(routing_h, period) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write", g_routing_path);
    }

    /* The ring first (the heavy core attaches to it), then the heavy core, which rings once attached. */
    if (dsl_model_light_core_init() != 0) return dsl_h_fail(DSL_H_EXIT_ATTACH, "dsl_harness: ring layout refused", out_path);
    dsl_sse200_start_cpu1((uint32_t)(DSL_HEAVY_VECTORS));
    dsl_sse200_doorbell_wait();
    if (dsl_model_shared.ring.ctrl.cons.c.attached != DSL_HANDOFF_MAGIC) {
        return dsl_h_fail(DSL_H_EXIT_ATTACH, "dsl_harness: the heavy core did not attach (layout differs?)", out_path);
    }

    if (period == 0) {
        dsl_hio_counter_start();
        {
            const uint64_t a = dsl_hio_counter_ticks();
            const uint64_t b = dsl_hio_counter_ticks();
            g_counter_overhead = b - a;
        }
    } else {
        /* no SysTick here: its pending wraps would keep the period wait from sleeping */
        dsl_sse200_period_start(dsl_h_period_ticks(period));
    }

    for (;;) {
        dsl_model_decision_t d;
        dsl_model_routed_t got;
        uint32_t k;
        uint64_t t0;
        uint64_t t1;
        if (drained == 0) {
            const int more = dsl_h_next_frame(in_h, g_in);
            if (more < 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: read error", in_path);
            if (more == 0) drained = 1;
        } else {
            drained++;
        }
        if (drained > (uint32_t)DSL_MODEL_ROUTED_LATENCY_FRAMES) break;
        if (drained == 1) {
            for (i = 0; i < DSL_H_FS; i++) g_in[i] = 0;
        }
        if (period != 0 && step > 0) dsl_sse200_period_wait();

        k = (step + 1u) % DSL_H_KEEP;
        if (period == 0) {
            t0 = dsl_hio_counter_ticks();
            d = dsl_model_light_core_process(g_in, g_light_out[k]);
            t1 = dsl_hio_counter_ticks();
            g_light_instr[k] = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));
        } else {
            d = dsl_model_light_core_process(g_in, g_light_out[k]);
            g_light_instr[k] = 0;
        }
        step++;
        g_decision[k] = d;
        g_heavy_instr[k] = 0;
        if (period == 0 && d.route == DSL_MODEL_ROUTE_HEAVY) {
            /* the publish rang the heavy core; sleep until it has serviced the frame */
            t0 = dsl_hio_counter_ticks();
            dsl_sse200_doorbell_wait_ticking();
            t1 = dsl_hio_counter_ticks();
            g_heavy_instr[k] = dsl_hio_ticks_to_instructions(dsl_h_elapsed(t0, t1));
        }

        got = dsl_model_light_core_routed(g_routed_out);
        if (got == DSL_MODEL_ROUTED_NONE) continue;
        {
            /* frame s = step - L: its records, now that it is assembled */
            const uint32_t s = step - (uint32_t)DSL_MODEL_ROUTED_LATENCY_FRAMES;
            const uint32_t ks = s % DSL_H_KEEP;
            const uint8_t *const handoff = dsl_model_handoff.frames + (s & (dsl_model_handoff.slots - 1u)) * dsl_model_handoff.stride;
            const uint8_t source = (uint8_t)got;
            uint8_t *p;
            late += got == DSL_MODEL_ROUTED_LATE;
            /* heavy_out as on one core: what the heavy path gave; on a light frame nothing (zeros), or a classifier
               head's gated scores (a late frame's heavy output did not arrive: zeros) */
            for (i = 0; i < DSL_H_OV; i++) {
                g_heavy_out[i] = got == DSL_MODEL_ROUTED_HEAVY || (DSL_MODEL_CLASS_HEAD && got == DSL_MODEL_ROUTED_LIGHT) ? g_routed_out[i] : 0;
            }
            p = dsl_h_put_decision(g_record, &g_decision[ks]);
            p = dsl_h_put32(p, g_light_instr[ks]);
            p = dsl_h_put32(p, g_heavy_instr[ks]);
            p = dsl_h_put16s(p, g_light_out[ks], DSL_H_FS);
            for (i = 0; i < DSL_H_HB; i++) *p++ = handoff[i];
            (void)dsl_h_put_out(p, g_heavy_out, DSL_H_OV);
            if (dsl_hio_write(out_h, g_record, DSL_H_PATH_RECORD_BYTES) != 0) {
                return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write trace", out_path);
            }
            (void)dsl_h_put_out(dsl_h_put_decision(g_record, &g_decision[ks]), g_routed_out, DSL_H_OV);
            if (dsl_hio_write(routed_h, g_record, DSL_H_PROCESS_RECORD_BYTES) != 0) {
                return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write", g_routed_path);
            }
            if (dsl_hio_write(routing_h, &source, 1) != 0) {
                return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write", g_routing_path);
            }
            frames++;
        }
    }
    if (period != 0) dsl_sse200_period_stop();
    if (dsl_hio_close(routed_h) != 0 || dsl_h_append(out_h, g_routed_path) != 0) {
        return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot append the routed records", g_routed_path);
    }
    if (dsl_hio_close(out_h) != 0) return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot close trace", out_path);
    (void)dsl_hio_close(in_h);
    {
        dsl_handoff_stats_t st;
        uint8_t tail[16];
        dsl_handoff_stats(&dsl_model_handoff, &st);
        (void)dsl_h_put32(dsl_h_put32(dsl_h_put32(dsl_h_put32(tail, frames), late), st.lost), st.overruns);
        if (dsl_hio_write(routing_h, tail, (int32_t)sizeof tail) != 0 || dsl_hio_close(routing_h) != 0) {
            return dsl_h_fail(DSL_H_EXIT_IO, "dsl_harness: cannot write", g_routing_path);
        }
    }
    return 0;
}
