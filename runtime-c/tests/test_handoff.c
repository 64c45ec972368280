/*
 * test_handoff.c - the handoff ring (runtime-c/include/dsl_handoff.h) on one core, deterministically:
 * layout checks, a hand-checked job sequence (replay on a light -> heavy switch, continuation while heavy,
 * the first frame), and a randomised interleaving of producer steps with a consumer that reads its frames
 * a few bytes at a time (so the producer overwrites frames mid-read), on several ring shapes, starting
 * near the 32-bit sequence wrap too. The heavy path is modelled by a state holding the digests of the
 * last R frames it ran: a RUN output is right only if the replays before it were exactly the R frames
 * before it, so a wrong replay shows as a wrong output. Checked after every job: an intact frame
 * (finish_job() == 1) has the bytes of its sequence number; counters add up; the cache hooks get whole
 * lines and each side writes back only the lines it owns. Built with -DTEST_THREADS (host): a producer
 * and a consumer thread run the same checks concurrently.
 * Runs on the host (run_host_tests.sh) and on QEMU (run_dualcore_tests.sh). Prints "N passed, M failed".
 */
#include <stdint.h>
#include "test_platform.h"

static int g_passed, g_failed;
static uint32_t g_bad_hook;   /* cache hook calls with a misaligned range or on a line of the other side */
static uint32_t g_doorbells;
static int g_role;            /* 1 producer, 2 consumer, 0 unchecked (threads) */
static const void *g_cons_lo, *g_cons_hi;   /* the consumer line of the ring under test */

static void hook_check(const void *addr, uint32_t bytes, int clean);
#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) hook_check((addr), (uint32_t)(bytes), 1)
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) hook_check((addr), (uint32_t)(bytes), 0)
#define DSL_HANDOFF_DOORBELL() (g_doorbells++)
#include "dsl_handoff.h"
#include "test_handoff_model.h"

static void hook_check(const void *addr, uint32_t bytes, int clean)
{
    const uint8_t *a = (const uint8_t *)addr;
    if (((uintptr_t)a % DSL_HANDOFF_LINE) != 0u || bytes == 0u || bytes % DSL_HANDOFF_LINE != 0u) g_bad_hook++;
    if (!clean) return;
    /* the producer never writes back the consumer line, the consumer nothing else */
    if (g_role == 1 && a < (const uint8_t *)g_cons_hi && a + bytes > (const uint8_t *)g_cons_lo) g_bad_hook++;
    if (g_role == 2 && !(a >= (const uint8_t *)g_cons_lo && a + bytes <= (const uint8_t *)g_cons_hi)) g_bad_hook++;
}

static void put_u32(uint32_t v)
{
    char b[12];
    int n = 11;
    b[n] = 0;
    do {
        b[--n] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    tp_puts(b + n);
}

static void check(int ok, const char *what, uint32_t a, uint32_t b)
{
    if (ok) {
        g_passed++;
        return;
    }
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(what);
    tp_puts(" (");
    put_u32(a);
    tp_puts(", ");
    put_u32(b);
    tp_puts(")\n");
}

/* ---- rings of several shapes ---- */
DSL_HANDOFF_STORAGE(ring_a, 8, 37);  /* R = 3, frame bytes not a multiple of 4 or of the line */
DSL_HANDOFF_STORAGE(ring_b, 2, 1);   /* R = 0, the smallest ring */
DSL_HANDOFF_STORAGE(ring_c, 8, 64);  /* R = 6: a lag of one frame */
DSL_HANDOFF_STORAGE(ring_d, 16, 100);
static struct ring_a g_ring_a DSL_HANDOFF_ALIGNED;
static struct ring_b g_ring_b DSL_HANDOFF_ALIGNED;
static struct ring_c g_ring_c DSL_HANDOFF_ALIGNED;
static struct ring_d g_ring_d DSL_HANDOFF_ALIGNED;
static const dsl_handoff_t g_a = DSL_HANDOFF_VIEW(&g_ring_a, 37);
static const dsl_handoff_t g_b = DSL_HANDOFF_VIEW(&g_ring_b, 1);
static const dsl_handoff_t g_c = DSL_HANDOFF_VIEW(&g_ring_c, 64);
static const dsl_handoff_t g_d = DSL_HANDOFF_VIEW(&g_ring_d, 100);

static void set_owner(const dsl_handoff_t *h)
{
    g_cons_lo = &h->ctrl->cons;
    g_cons_hi = (const uint8_t *)&h->ctrl->cons + sizeof(h->ctrl->cons);
}

/* init writes both lines (before the consumer attaches): not checked */
static int init_ring(const dsl_handoff_t *h, uint32_t depth, uint32_t head)
{
    int role = g_role, r;
    set_owner(h);
    g_role = 0;
    r = dsl_handoff_init_at(h, depth, head);
    g_role = role;
    return r;
}

static void produce(const dsl_handoff_t *h, uint32_t route)
{
    uint8_t *p;
    uint32_t j, s;
    int role = g_role;
    if (role) g_role = 1;
    s = h->ctrl->prod.p.head + 1u;
    p = dsl_handoff_begin(h);
    for (j = 0; j < h->frame_bytes; j++) p[j] = frame_byte(s, j);
    dsl_handoff_publish(h, route, DSL_HANDOFF_REPLAY_AUTO);
    g_role = role;
}

/* produce with an explicit replay argument */
static void begin_publish(const dsl_handoff_t *h, uint32_t route, uint32_t replay)
{
    uint8_t *p;
    uint32_t j, s = h->ctrl->prod.p.head + 1u;
    p = dsl_handoff_begin(h);
    for (j = 0; j < h->frame_bytes; j++) p[j] = frame_byte(s, j);
    dsl_handoff_publish(h, route, replay);
}

/* ---- layout checks ---- */
static void test_layout(void)
{
    dsl_handoff_t odd = g_d;
    dsl_handoff_t other = g_a;
    dsl_handoff_consumer_t c;
    check(dsl_handoff_slots_for(3, 1) == 8u && dsl_handoff_slots_for(0, 0) == 2u && dsl_handoff_slots_for(6, 1) == 8u &&
              dsl_handoff_slots_for(6, 2) == 16u,
          "slots_for rounds R + 1 + lag up to a power of two", dsl_handoff_slots_for(3, 1), dsl_handoff_slots_for(6, 2));
    check(g_a.stride == 64u && g_b.stride == DSL_HANDOFF_LINE && g_d.stride == 128u, "frames start on cache lines", g_a.stride, g_d.stride);
    check(((uintptr_t)g_a.frames % DSL_HANDOFF_LINE) == 0u && ((uintptr_t)g_a.meta % DSL_HANDOFF_LINE) == 0u &&
              ((uintptr_t)&g_a.ctrl->cons % DSL_HANDOFF_LINE) == 0u,
          "control lines, meta and frames are line-aligned", (uint32_t)((uintptr_t)g_a.frames % DSL_HANDOFF_LINE), 0);
    odd.slots = 12u;
    check(dsl_handoff_init(&odd, 2) == DSL_HANDOFF_E_LAYOUT, "12 slots (not a power of two) refused", 0, 0);
    check(dsl_handoff_init(&g_a, 7) == DSL_HANDOFF_E_LAYOUT, "R = 7 in 8 slots refused (no room to lag)", 0, 0);
    g_ring_a.ctrl.prod.p.magic = 0u;
    check(dsl_handoff_attach(&g_a, &c) == 0, "attach before init: not yet", 0, 0);
    check(dsl_handoff_init(&g_a, 6) == 0, "R = 6 in 8 slots accepted", 0, 0);
    other.frame_bytes = 36u;
    check(dsl_handoff_attach(&other, &c) == DSL_HANDOFF_E_LAYOUT, "attach with another frame size: layout error", 0, 0);
    check(dsl_handoff_attach(&g_a, &c) == 1 && g_ring_a.ctrl.cons.c.attached == DSL_HANDOFF_MAGIC, "attach", 0, 0);
}

/* ---- a hand-checked sequence: R = 3, routes L L L L L H H L L H, then H after a long light gap ---- */
static void expect_job(const dsl_handoff_t *h, dsl_handoff_consumer_t *c, uint32_t kind, uint32_t seq, uint32_t reset, const char *what)
{
    dsl_handoff_job_t job;
    uint32_t k;
    g_role = 2;
    k = dsl_handoff_next_job(h, c, &job);
    check(k == kind && (kind == DSL_HANDOFF_JOB_NONE || (job.seq == seq && job.reset == reset)), what, k * 1000u + job.seq,
          kind * 1000u + seq);
    if (k != DSL_HANDOFF_JOB_NONE) {
        check(dsl_handoff_finish_job(h, c, &job) == 1, "finish of an intact frame", job.seq, 0);
    }
    g_role = 1;
}

static void test_sequence(void)
{
    const dsl_handoff_t *h = &g_d;
    dsl_handoff_consumer_t c;
    dsl_handoff_stats_t st;
    static const uint32_t routes[10] = {0, 0, 0, 0, 0, 1, 1, 0, 0, 1};
    uint32_t i;
    g_role = 1;
    g_doorbells = 0;
    check(init_ring(h, 3, 0) == 0, "init R = 3, 16 slots", 0, 0);
    g_role = 2;
    check(dsl_handoff_attach(h, &c) == 1, "attach", 0, 0);
    g_role = 1;
    /* the first frame heavy: nothing to replay before it */
    produce(h, DSL_HANDOFF_ROUTE_HEAVY);
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 1, 1, "frame 1 heavy: reset, run, nothing to replay before the first frame");
    expect_job(h, &c, DSL_HANDOFF_JOB_NONE, 0, 0, "then nothing");
    check(init_ring(h, 3, 0) == 0, "re-init", 0, 0);
    g_role = 2;
    check(dsl_handoff_attach(h, &c) == 1, "re-attach", 0, 0);
    g_role = 1;
    for (i = 0; i < 10; i++) produce(h, routes[i]);
    check(g_doorbells == 4u, "doorbell on heavy frames only", g_doorbells, 4);
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 3, 1, "switch at 6: reset, replay 3");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 4, 0, "replay 4");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 5, 0, "replay 5");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 6, 0, "run 6");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 7, 0, "heavy continues: run 7 without replay");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 7, 1, "switch at 10 (two light frames after 7): reset, replay 7");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 8, 0, "replay 8");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 9, 0, "replay 9");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 10, 0, "run 10");
    expect_job(h, &c, DSL_HANDOFF_JOB_NONE, 0, 0, "light frames are not run on their own");
    for (i = 0; i < 6; i++) produce(h, DSL_HANDOFF_ROUTE_LIGHT);
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 17 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 14, 1, "switch at 17: reset, replay 14");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 15, 0, "replay 15");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 16, 0, "replay 16");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 17, 0, "run 17");
    dsl_handoff_stats(h, &st);
    check(st.head == 17u && st.switch_seq == 17u && st.runs == 4u && st.replays == 9u && st.lost == 0u &&
              st.overruns == 0u && st.skipped == 0u && st.done == 17u,
          "counters after the sequence", st.runs * 100u + st.replays, 409);
    /* an explicit replay count (the light path's replay_frames), and an explicit continuation */
    g_role = 1;
    produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 18 */
    begin_publish(h, DSL_HANDOFF_ROUTE_HEAVY, 1u); /* 19 */
    begin_publish(h, DSL_HANDOFF_ROUTE_HEAVY, DSL_HANDOFF_NO_RESTART); /* 20 */
    begin_publish(h, DSL_HANDOFF_ROUTE_HEAVY, 9u); /* 21: more than R is R */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 18, 1, "replay_frames 1 at 19: reset, replay 18");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 19, 0, "run 19");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 20, 0, "no restart at 20: run 20");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 18, 1, "restart at 21 with 9 > R: reset, replay 18 (R = 3)");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 19, 0, "replay 19");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 20, 0, "replay 20");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 21, 0, "run 21");
    for (i = 0; i < 15; i++) produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 22..36 */
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 37 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 34, 1, "switch at 37: reset, replay 34");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 35, 0, "replay 35");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 36, 0, "replay 36");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 37, 0, "run 37");
    g_role = 1;
    /* the consumer sleeps through 40 light frames and one heavy frame: the ring (16) keeps the window */
    for (i = 0; i < 40; i++) produce(h, DSL_HANDOFF_ROUTE_LIGHT);
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 78 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 75, 1, "light frames that left the ring are skipped; replay 75");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 76, 0, "replay 76");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 77, 0, "replay 77");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 78, 0, "run 78");
    dsl_handoff_stats(h, &st);
    check(st.skipped == 25u && st.overruns == 0u, "38..62 left the ring unseen (skipped), no overrun", st.skipped, st.overruns);
    /* the heavy core lags a whole ring behind a heavy run: overruns on the producer side, losses on the consumer side */
    for (i = 0; i < 20; i++) produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 79..98 */
    dsl_handoff_stats(h, &st);
    check(st.overruns == 4u, "4 needed frames overwritten before the consumer got to them", st.overruns, 4);
    g_role = 2;
    {
        dsl_handoff_job_t job;
        uint32_t runs = 0, kind;
        while ((kind = dsl_handoff_next_job(h, &c, &job)) != DSL_HANDOFF_JOB_NONE) {
            if (dsl_handoff_finish_job(h, &c, &job) && kind == DSL_HANDOFF_JOB_RUN) runs++;
        }
        dsl_handoff_stats(h, &st);
        /* 79..82 left the ring unseen; 83..85 cannot restart (the frames before them are gone: lost);
           86 restarts on its own (reset, replay 83..85), then 86..98 run */
        check(runs == 13u && st.runs == 22u && st.lost == 3u && st.skipped == 29u,
              "lagging consumer: 4 skipped, 3 lost, 13 run", runs * 100u + st.lost, 1303);
    }
    g_role = 1;
}

/* ---- randomised interleaving: the producer may overwrite a frame while the consumer reads it ---- */
static uint32_t g_rng;
static uint32_t rnd(void)
{
    g_rng = g_rng * 1664525u + 1013904223u;
    return g_rng >> 8;
}

typedef struct {
    uint32_t results;      /* valid RUN outputs */
    uint32_t wrong_bytes;  /* intact (finish == 1) frames whose bytes were not those of their number */
    uint32_t wrong_output; /* valid RUN outputs different from continuous execution */
    uint32_t heavy;        /* heavy frames published */
    uint32_t torn;         /* frames overwritten while being read (finish == 0) */
} sim_t;

/* one consumer job, its frame read `chunk` bytes at a time with `between` producer frames between chunks */
static void consume_one(const dsl_handoff_t *h, dsl_handoff_consumer_t *c, heavy_state_t *st, sim_t *sim,
                        uint32_t depth, uint32_t first, uint32_t chunk, uint32_t between, const uint32_t *route_of, uint32_t *route_pos)
{
    dsl_handoff_job_t job;
    uint32_t kind, j, d = MODEL_DIGEST_INIT;
    g_role = 2;
    kind = dsl_handoff_next_job(h, c, &job);
    if (kind == DSL_HANDOFF_JOB_NONE) return;
    if (job.reset) heavy_init(st, depth);
    for (j = 0; j < h->frame_bytes; j++) {
        if (j % chunk == 0u && j != 0u) {
            uint32_t k;
            for (k = 0; k < between; k++) {
                uint32_t r = route_of[(*route_pos)++ & 255u];
                sim->heavy += r;
                produce(h, r);
            }
            g_role = 2;
        }
        d = model_digest_step(d, job.frame[j]);
    }
    {
        uint32_t out = heavy_run(st, d);
        if (dsl_handoff_finish_job(h, c, &job)) {
            if (d != frame_digest_expected(job.seq, h->frame_bytes)) sim->wrong_bytes++;
            if (kind == DSL_HANDOFF_JOB_RUN) {
                sim->results++;
                if (out != heavy_expected(job.seq, depth, first, h->frame_bytes)) sim->wrong_output++;
            }
        } else {
            sim->torn++;
        }
    }
}

/* The consumer resumes (c.resume = 1) from the frame its state holds when the frames since are in the
   replay window of a restart, else it resets and replays as before. */
static void test_resume(void)
{
    const dsl_handoff_t *h = &g_d;
    dsl_handoff_consumer_t c;
    uint32_t i;
    g_role = 1;
    check(init_ring(h, 3, 0) == 0, "resume: init R = 3", 0, 0);
    g_role = 2;
    check(dsl_handoff_attach(h, &c) == 1, "resume: attach", 0, 0);
    c.resume = 1u;
    g_role = 1;
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 1 */
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 1, 1, "resume: frame 1 heavy, nothing kept yet: reset, run");
    produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 2 */
    produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 3 */
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 4 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 2, 0, "resume: switch at 4 two frames after 1: no reset, run 2");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 3, 0, "resume: run 3");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 4, 0, "resume: run 4");
    for (i = 0; i < 4; i++) produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 5..8 */
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 9 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 6, 1, "resume: four light frames > R: reset, replay 6");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 7, 0, "resume: replay 7");
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 8, 0, "resume: replay 8");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 9, 0, "resume: run 9");
    produce(h, DSL_HANDOFF_ROUTE_LIGHT); /* 10 */
    produce(h, DSL_HANDOFF_ROUTE_HEAVY); /* 11 */
    expect_job(h, &c, DSL_HANDOFF_JOB_REPLAY, 10, 0, "resume: one light frame: run 10");
    expect_job(h, &c, DSL_HANDOFF_JOB_RUN, 11, 0, "resume: run 11");
    expect_job(h, &c, DSL_HANDOFF_JOB_NONE, 0, 0, "resume: then nothing");
}

static void test_random(const dsl_handoff_t *h, uint32_t depth, uint32_t start_head, uint32_t seed, int overload, uint32_t resume,
                        const char *name)
{
    dsl_handoff_consumer_t c;
    dsl_handoff_stats_t st;
    heavy_state_t hs;
    sim_t sim = {0, 0, 0, 0, 0};
    uint32_t route_of[256], i, pos = 0, route = 0, frames;
    g_rng = seed;
    for (i = 0; i < 256; i++) { /* runs of 1..12 frames of one route */
        if (rnd() % 6u == 0u) route ^= 1u;
        route_of[i] = route;
    }
    heavy_init(&hs, depth);
    g_bad_hook = 0;
    check(init_ring(h, depth, start_head) == 0, name, 0, 0);
    g_role = 2;
    check(dsl_handoff_attach(h, &c) == 1, name, 0, 0);
    c.resume = resume;
    for (frames = 0; frames < 3000u;) {
        uint32_t a = rnd() % 100u;
        if (!overload) {
            /* a consumer that keeps up: it drains the ring after every frame */
            uint32_t r = route_of[pos++ & 255u], n;
            sim.heavy += r;
            produce(h, r);
            frames++;
            for (n = 0; n < 2u * h->slots; n++) consume_one(h, &c, &hs, &sim, depth, start_head + 1u, h->frame_bytes, 0, route_of, &pos);
        } else if (a < 45u) {
            uint32_t r = route_of[pos++ & 255u];
            sim.heavy += r;
            produce(h, r);
            frames++;
        } else if (a < 55u) {
            /* the consumer runs a job while the producer is half-way through writing the oldest slot */
            uint32_t r = route_of[pos++ & 255u], s = h->ctrl->prod.p.head + 1u, j;
            uint8_t *p;
            g_role = 1;
            p = dsl_handoff_begin(h);
            for (j = 0; j < h->frame_bytes / 2u; j++) p[j] = (uint8_t)~frame_byte(s, j);
            consume_one(h, &c, &hs, &sim, depth, start_head + 1u, h->frame_bytes, 0, route_of, &pos);
            g_role = 1;
            for (j = 0; j < h->frame_bytes; j++) p[j] = frame_byte(s, j);
            dsl_handoff_publish(h, r, DSL_HANDOFF_REPLAY_AUTO);
            sim.heavy += r;
            frames++;
        } else {
            /* read a frame a few bytes at a time, the producer sometimes publishing a frame between reads */
            uint32_t before = pos;
            consume_one(h, &c, &hs, &sim, depth, start_head + 1u, 1u + rnd() % 16u, rnd() % 3u == 0u ? 1u : 0u, route_of, &pos);
            frames += pos - before;
        }
    }
    /* drain */
    for (i = 0; i < 4u * h->slots + 64u; i++) consume_one(h, &c, &hs, &sim, depth, start_head + 1u, h->frame_bytes, 0, route_of, &pos);
    g_role = 1;
    dsl_handoff_stats(h, &st);
    tp_puts(name);
    tp_puts(": frames ");
    put_u32(st.head - start_head);
    tp_puts(", heavy ");
    put_u32(sim.heavy);
    tp_puts(", runs ");
    put_u32(st.runs);
    tp_puts(", replays ");
    put_u32(st.replays);
    tp_puts(", lost ");
    put_u32(st.lost);
    tp_puts(", skipped ");
    put_u32(st.skipped);
    tp_puts(", overruns ");
    put_u32(st.overruns);
    tp_puts(", torn reads ");
    put_u32(sim.torn);
    tp_puts("\n");
    check(sim.wrong_bytes == 0u, "an intact frame has the bytes of its sequence number", sim.wrong_bytes, 0);
    check(sim.wrong_output == 0u, "every valid heavy output equals continuous execution", sim.wrong_output, 0);
    check(sim.results == st.runs, "valid outputs = runs counter", sim.results, st.runs);
    check(st.runs + st.lost <= sim.heavy && sim.heavy - st.runs - st.lost <= st.skipped,
          "every heavy frame is run, lost or skipped", st.runs + st.lost, sim.heavy);
    check(g_bad_hook == 0u, "cache hooks: whole lines, each side writes back only its own lines", g_bad_hook, 0);
    if (overload) {
        check(st.overruns > 0u && st.lost + st.skipped > 0u && st.runs > 0u, "overload: overruns and losses are counted", st.overruns, st.lost);
        check(sim.torn > 0u || h->frame_bytes == 1u, "overload: frames overwritten mid-read are detected", sim.torn, 0);
    } else {
        check(st.overruns == 0u && st.lost == 0u && st.skipped == 0u && st.runs == sim.heavy,
              "fast consumer: every heavy frame run, nothing lost", st.runs, sim.heavy);
    }
}

#if defined(TEST_THREADS)
#include <pthread.h>
#include <sched.h>

static volatile uint32_t g_producer_done;
static const uint32_t g_thread_frames = 200000u;

static void *producer_thread(void *arg)
{
    const dsl_handoff_t *h = (const dsl_handoff_t *)arg;
    uint32_t i, route = 0, rng = 12345u;
    for (i = 0; i < g_thread_frames; i++) {
        rng = rng * 1664525u + 1013904223u;
        if ((rng >> 24) % 8u == 0u) route ^= 1u;
        produce(h, route);
        if ((i & 63u) == 0u) sched_yield();
    }
    __sync_synchronize();
    g_producer_done = 1u;
    return 0;
}

static void test_threads(const dsl_handoff_t *h, uint32_t depth)
{
    pthread_t t;
    dsl_handoff_consumer_t c;
    dsl_handoff_stats_t st;
    heavy_state_t hs;
    uint32_t wrong_bytes = 0, wrong_output = 0, results = 0, idle = 0;
    g_role = 0;
    heavy_init(&hs, depth);
    check(dsl_handoff_init(h, depth) == 0 && dsl_handoff_attach(h, &c) == 1, "threads: init and attach", 0, 0);
    g_producer_done = 0;
    if (pthread_create(&t, 0, producer_thread, (void *)h) != 0) {
        check(0, "pthread_create", 0, 0);
        return;
    }
    for (;;) {
        dsl_handoff_job_t job;
        uint32_t kind = dsl_handoff_next_job(h, &c, &job);
        if (kind == DSL_HANDOFF_JOB_NONE) {
            if (g_producer_done && ++idle > 2u) break;
            sched_yield();
            continue;
        }
        {
            uint32_t j, d = MODEL_DIGEST_INIT, out;
            if (job.reset) heavy_init(&hs, depth);
            for (j = 0; j < h->frame_bytes; j++) d = model_digest_step(d, job.frame[j]);
            out = heavy_run(&hs, d);
            if (dsl_handoff_finish_job(h, &c, &job)) {
                if (d != frame_digest_expected(job.seq, h->frame_bytes)) wrong_bytes++;
                if (kind == DSL_HANDOFF_JOB_RUN) {
                    results++;
                    if (out != heavy_expected(job.seq, depth, 1u, h->frame_bytes)) wrong_output++;
                }
            }
        }
    }
    pthread_join(t, 0);
    dsl_handoff_stats(h, &st);
    tp_puts("threads: runs ");
    put_u32(st.runs);
    tp_puts(", replays ");
    put_u32(st.replays);
    tp_puts(", lost ");
    put_u32(st.lost);
    tp_puts(", skipped ");
    put_u32(st.skipped);
    tp_puts(", overruns ");
    put_u32(st.overruns);
    tp_puts("\n");
    check(st.head == g_thread_frames, "threads: all frames published", st.head, g_thread_frames);
    check(wrong_bytes == 0u, "threads: an intact frame has the bytes of its sequence number", wrong_bytes, 0);
    check(wrong_output == 0u, "threads: every valid heavy output equals continuous execution", wrong_output, 0);
    check(results == st.runs && results > 0u, "threads: valid outputs = runs counter", results, st.runs);
    check(g_bad_hook == 0u, "threads: cache hooks get whole lines", g_bad_hook, 0);
}
#endif

int main(void)
{
    test_layout();
    test_sequence();
    test_random(&g_a, 3, 0u, 1u, 0, 0u, "R=3, 8 slots of 37 bytes, fast consumer");
    test_random(&g_a, 3, 0u, 2u, 1, 0u, "R=3, 8 slots of 37 bytes, overload");
    test_random(&g_a, 3, 0xFFFFFF00u, 3u, 0, 0u, "R=3, across the 32-bit wrap, fast consumer");
    test_random(&g_a, 3, 0xFFFFFF00u, 4u, 1, 0u, "R=3, across the 32-bit wrap, overload");
    test_random(&g_b, 0, 0u, 5u, 0, 0u, "R=0, 2 slots of 1 byte, fast consumer");
    test_random(&g_b, 0, 0u, 6u, 1, 0u, "R=0, 2 slots of 1 byte, overload");
    test_random(&g_c, 6, 0u, 7u, 0, 0u, "R=6, 8 slots of 64 bytes, fast consumer");
    test_random(&g_c, 6, 0u, 8u, 1, 0u, "R=6, 8 slots of 64 bytes, overload");
    test_random(&g_d, 5, 0x7FFFFFF0u, 9u, 1, 0u, "R=5, 16 slots of 100 bytes, overload");
    test_random(&g_a, 3, 0u, 10u, 0, 1u, "resume, R=3, 8 slots of 37 bytes, fast consumer");
    test_random(&g_a, 3, 0xFFFFFF00u, 11u, 1, 1u, "resume, R=3, across the 32-bit wrap, overload");
    test_random(&g_c, 6, 0u, 12u, 1, 1u, "resume, R=6, 8 slots of 64 bytes, overload");
    test_resume();
#if defined(TEST_THREADS)
    test_threads(&g_c, 6);
    test_threads(&g_a, 3);
#endif
    put_u32((uint32_t)g_passed);
    tp_puts(" passed, ");
    put_u32((uint32_t)g_failed);
    tp_puts(" failed\n");
    return g_failed != 0;
}
