/*
 * dsl_harness_frames.h - what the harness mains (dsl_harness_main.c, dsl_harness_two_cores_light.c) share
 * beyond the trace writers: frame and record sizes, exit codes, the counter's overhead correction, reading
 * one PCM frame and failing with a log line naming the file.
 */
#ifndef DSL_HARNESS_FRAMES_H
#define DSL_HARNESS_FRAMES_H

#include <stdint.h>

#include "dsl_harness_io.h"
#include "dsl_model.h"

#define DSL_H_FS DSL_MODEL_FRAME_SAMPLES
#define DSL_H_HB DSL_MODEL_HANDOFF_BYTES
/* values of heavy_out and the routed output per frame: DSL_H_FS audio samples, or a classifier head's scores */
#define DSL_H_OV DSL_MODEL_OUT_VALUES
#define DSL_H_PATH_RECORD_BYTES (20 + 2 * DSL_H_FS + DSL_H_HB + 2 * DSL_H_OV)
#define DSL_H_PROCESS_RECORD_BYTES (12 + 2 * DSL_H_OV)

#define DSL_H_EXIT_USAGE 2
#define DSL_H_EXIT_IO 3

/* the instruction counter's own cost around a measured call, measured by the main at start */
static uint64_t g_counter_overhead;

static uint64_t dsl_h_elapsed(uint64_t t0, uint64_t t1)
{
    const uint64_t d = t1 - t0;
    return d > g_counter_overhead ? d - g_counter_overhead : 0;
}

static int dsl_h_fail(int code, const char *what, const char *path)
{
    dsl_hio_log(what);
    dsl_hio_log(path);
    return code;
}

/* Next frame of the input into in: 1, 0 at the end (a partial frame is dropped), -1 on error. */
static int dsl_h_next_frame(int32_t in_h, int16_t in[DSL_H_FS])
{
    static uint8_t pcm_bytes[2 * DSL_H_FS];
    int32_t i;
    const int32_t got = dsl_hio_read(in_h, pcm_bytes, (int32_t)sizeof pcm_bytes);
    if (got < 0) return -1;
    if (got < (int32_t)sizeof pcm_bytes) return 0;
    for (i = 0; i < DSL_H_FS; i++) {
        in[i] = (int16_t)(uint16_t)((uint16_t)pcm_bytes[2 * i] | ((uint16_t)pcm_bytes[2 * i + 1] << 8));
    }
    return 1;
}

#endif /* DSL_HARNESS_FRAMES_H */
