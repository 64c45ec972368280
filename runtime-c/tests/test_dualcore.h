/*
 * test_dualcore.h - what the two images of the two-core QEMU test (test_dualcore_cpu0.c, the producer /
 * light core, and test_dualcore_cpu1.c, the consumer / heavy core) share: the handoff ring and the test's
 * own mailbox, in one object alone in the .dsl_handoff section of SHARED, so it has the same address in
 * both images (run_dualcore_tests.sh checks it).
 */
#ifndef TEST_DUALCORE_H
#define TEST_DUALCORE_H

#include <stdint.h>
#include "dsl_sse200.h"

#define DSL_HANDOFF_DOORBELL() dsl_sse200_doorbell_ring(1u)
#include "dsl_handoff.h"
#include "test_handoff_model.h"

#define TD_FRAME_BYTES 250u /* not a multiple of 4 or of the line */
#define TD_SLOTS 16u
#define TD_REPLAY 3u
#define TD_MAX_FRAMES 640u

DSL_HANDOFF_STORAGE(td_ring, TD_SLOTS, TD_FRAME_BYTES);

typedef struct {
    volatile uint32_t heavy_work; /* extra work per heavy job (iterations), set per phase */
    volatile uint32_t measure;    /* CPU1 counts its jobs' instructions (only while CPU0 sleeps) */
    volatile uint32_t stop;
} td_cmd_t;

typedef struct {
    volatile uint32_t state;      /* 1 attached, 2 stopped */
    volatile uint32_t errors;     /* attach failures */
    volatile uint32_t wrong_bytes; /* intact frames (finish_job == 1) whose bytes were not those of their number */
    volatile uint32_t run_jobs, run_ticks, replay_jobs, replay_ticks, protocol_ticks, protocol_calls;
} td_cpu1_t;

typedef struct {
    struct td_ring ring;
    union { td_cmd_t f; uint8_t line[DSL_HANDOFF_ROUND_UP(sizeof(td_cmd_t))]; } cmd;    /* written by CPU0 */
    union { td_cpu1_t f; uint8_t line[DSL_HANDOFF_ROUND_UP(sizeof(td_cpu1_t))]; } cpu1; /* written by CPU1 */
    volatile uint32_t result[TD_MAX_FRAMES];     /* CPU1: heavy output of frame s ... */
    volatile uint32_t result_seq[TD_MAX_FRAMES]; /* ... valid when result_seq[s] == s (written after it) */
} td_shared_t;

static td_shared_t g_td DSL_HANDOFF_IN_SECTION;
static const dsl_handoff_t g_td_ring = DSL_HANDOFF_VIEW(&g_td.ring, TD_FRAME_BYTES);

/* the extra work of a heavy job: changes nothing the test checks, costs ~8 instructions per iteration */
static inline uint32_t td_heavy_work(uint32_t n, uint32_t x)
{
    uint32_t k;
    for (k = 0; k < n; k++) x = model_mix32(x + k);
    return x;
}

#endif /* TEST_DUALCORE_H */
