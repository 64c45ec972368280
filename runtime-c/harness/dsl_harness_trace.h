/*
 * dsl_harness_trace.h - little-endian writers of the frame trace records (docs/generated-api.md,
 * "Frame trace"), shared by the harness mains.
 */
#ifndef DSL_HARNESS_TRACE_H
#define DSL_HARNESS_TRACE_H

#include <stdint.h>

#include "dsl_harness_io.h"
#include "dsl_model.h"

static uint8_t *dsl_h_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    return p + 4;
}

static uint8_t *dsl_h_put16s(uint8_t *p, const int16_t *v, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        const uint16_t u = (uint16_t)v[i];
        *p++ = (uint8_t)u;
        *p++ = (uint8_t)(u >> 8);
    }
    return p;
}

/* heavy_out / routed output values (int16 audio, or int8 / int16 class scores), each as int16 */
static uint8_t *dsl_h_put_out(uint8_t *p, const dsl_model_out_t *v, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        const uint16_t u = (uint16_t)(int16_t)v[i];
        *p++ = (uint8_t)u;
        *p++ = (uint8_t)(u >> 8);
    }
    return p;
}

static uint8_t *dsl_h_put_decision(uint8_t *p, const dsl_model_decision_t *d)
{
    p = dsl_h_put32(p, (uint32_t)(int32_t)d->route);
    p = dsl_h_put32(p, (uint32_t)d->replay_frames);
    return dsl_h_put32(p, (uint32_t)d->switch_score);
}

/* The trace's file header ("DSLT", version 3, frame samples, handoff bytes, out values) into the open out_h: 0 or -1. */
static int dsl_h_write_trace_header(int32_t out_h)
{
    uint8_t header[20];
    header[0] = 'D';
    header[1] = 'S';
    header[2] = 'L';
    header[3] = 'T';
    (void)dsl_h_put32(dsl_h_put32(dsl_h_put32(dsl_h_put32(header + 4, 3u), (uint32_t)DSL_MODEL_FRAME_SAMPLES),
                                  (uint32_t)DSL_MODEL_HANDOFF_BYTES), (uint32_t)DSL_MODEL_OUT_VALUES);
    return dsl_hio_write(out_h, header, (int32_t)sizeof header) != 0 ? -1 : 0;
}

#endif /* DSL_HARNESS_TRACE_H */
