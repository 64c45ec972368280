/*
 * test_handoff_model.h - the synthetic frames and heavy path of the handoff tests (test_handoff.c, and
 * the two-core test test_dualcore_*.c): frame s has bytes frame_byte(s, j); the heavy path's state is the
 * digests of the last R frames it ran, so its output for frame s equals heavy_expected(s) only when
 * exactly the frames s-R .. s-1 ran before s (the replay rule), and a torn frame changes the output.
 */
#ifndef TEST_HANDOFF_MODEL_H
#define TEST_HANDOFF_MODEL_H

#include <stdint.h>

static inline uint32_t model_mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

static inline uint8_t frame_byte(uint32_t seq, uint32_t j) { return (uint8_t)model_mix32(seq * 2654435761u + j * 40503u + 1u); }

#define MODEL_DIGEST_INIT 2166136261u
static inline uint32_t model_digest_step(uint32_t d, uint8_t byte) { return (d ^ byte) * 16777619u; }

static inline uint32_t frame_digest_expected(uint32_t seq, uint32_t bytes)
{
    uint32_t d = MODEL_DIGEST_INIT, j;
    for (j = 0; j < bytes; j++) d = model_digest_step(d, frame_byte(seq, j));
    return d;
}

#define MAX_R 8
typedef struct {
    uint32_t hist[MAX_R];
    uint32_t depth;
} heavy_state_t;

static inline void heavy_init(heavy_state_t *st, uint32_t depth)
{
    uint32_t k;
    for (k = 0; k < MAX_R; k++) st->hist[k] = 0;
    st->depth = depth;
}

static inline uint32_t heavy_run(heavy_state_t *st, uint32_t digest)
{
    uint32_t out = model_mix32(digest), k;
    for (k = 0; k < st->depth; k++) out = model_mix32(out ^ st->hist[k]) + k;
    for (k = st->depth; k > 1u; k--) st->hist[k - 1u] = st->hist[k - 2u];
    if (st->depth > 0u) st->hist[0] = digest;
    return out;
}

/* the output continuous execution gives frame s: frames s-R .. s-1 (none before `first`), then s */
static inline uint32_t heavy_expected(uint32_t s, uint32_t depth, uint32_t first, uint32_t bytes)
{
    heavy_state_t st;
    uint32_t k;
    heavy_init(&st, depth);
    for (k = depth; k > 0u; k--) {
        if ((int32_t)((s - k) - first) >= 0) (void)heavy_run(&st, frame_digest_expected(s - k, bytes));
    }
    return heavy_run(&st, frame_digest_expected(s, bytes));
}

#endif /* TEST_HANDOFF_MODEL_H */
