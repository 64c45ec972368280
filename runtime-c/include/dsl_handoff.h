/*
 * dsl_handoff.h - the light -> heavy handoff between two cores: a ring of fixed-size frames in memory
 * both cores see at the same address (the .dsl_handoff section of the board's SHARED region).
 *
 * Roles. One producer (the light core: it computes the handoff tensors of every frame and decides the
 * route) and one consumer (the heavy core: it runs the heavy path on heavy frames). Every field of the
 * shared storage has exactly one writer, so no read-modify-write is shared and no lock is needed:
 *   producer line  magic, layout, head (newest published frame), switch_seq (the replay request),
 *                  overruns; plus every slot's meta (seq, route, needed) and frame bytes
 *   consumer line  attached, done (newest frame the consumer is finished with), runs, replays, lost
 * The two lines and every slot start on a DSL_HANDOFF_LINE boundary, so cache maintenance by one core
 * never writes back a line the other core writes.
 *
 * Frames. Frame s (sequence numbers are 32-bit, start at 1 and wrap) lives in slot s & (slots - 1);
 * slots is a power of two so that this stays true across the wrap. The producer never waits: it
 * overwrites the oldest slot. A slot's meta.seq equals s only while the slot holds a complete frame s;
 * while the producer rewrites it, it holds s + 1 (a value that never belongs to that slot), so a reader
 * checks meta.seq before and after reading (a per-slot seqlock) and knows whether what it read is frame s.
 *
 * Routing and replay (the generated API's m_decision_t, docs/generated-api.md). The producer publishes
 * each frame with its route and, on a heavy frame that restarts the heavy path (heavy_restart), the
 * number of frames to replay (replay_frames <= R, R = replay_depth, the heavy path's receptive field in
 * frames); it records that frame in switch_seq (the replay request). The heavy core then resets its
 * state, replays frames s - replay .. s - 1 and runs s (with c->resume set, a consumer whose state holds a frame
 * w with s - w <= replay + 1 instead runs w + 1 .. s without a reset); while the route stays heavy, frames run one after
 * the other. dsl_handoff_next_job() turns this into jobs: REPLAY (run the heavy path, discard its output)
 * and RUN (run it; its output is the routed output of that frame if dsl_handoff_finish_job() then
 * returns 1); job.reset says when to reset the heavy state first. After a loss the heavy state no longer
 * holds the frame before the next heavy one: the consumer restarts there on its own (reset, replay R
 * frames), exact by the same receptive-field property the restart rule relies on. The ring must hold
 * R + 1 frames plus the frames the heavy core may lag behind: slots >= R + 2, a power of two
 * (dsl_handoff_slots_for() rounds up).
 *
 * Overruns are counted, never silent:
 *   overruns (producer)  frames the heavy path still needed (heavy frames and their replay window) that the
 *                        producer overwrote before the consumer was done with them
 *   lost (consumer)      heavy frames without a valid output: an input frame was gone when the consumer
 *                        came to it, or was overwritten while it was being read (the output is discarded)
 * After a loss the heavy state is rebuilt by the replay of the next heavy frame.
 *
 * Ordering. DSL_HANDOFF_BARRIER() (DMB on Arm) separates the data from the sequence numbers that publish
 * it, on both sides. Board hooks (define them before including this header; empty by default):
 *   DSL_HANDOFF_CACHE_CLEAN(addr, bytes)       write back these lines (producer after writing; consumer
 *                                              after writing its line). Must complete (DSB) before returning.
 *   DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes)  discard these lines before reading what the other core wrote
 *   DSL_HANDOFF_DOORBELL()                     wake the heavy core (MHU, IPC, HSEM, MU): called after a heavy
 *                                              frame is published; light frames do not wake it
 *   DSL_HANDOFF_LINE                           cache line size in bytes (default 32, the Cortex-M7 line)
 * addr is always DSL_HANDOFF_LINE-aligned and bytes a multiple of it. Without caches on the shared region
 * (or with it mapped non-cacheable by the MPU) the cache hooks stay empty.
 *
 * Context. Producer calls from one context (task or ISR), consumer calls from one context on the other
 * core; both may be interrupted. Re-initialise only while the consumer is stopped or not yet attached.
 *
 * Usage (both images declare the same storage, alone in .dsl_handoff, so it has the same address):
 *   DSL_HANDOFF_STORAGE(my_ring, 8, 640);
 *   static struct my_ring g_ring DSL_HANDOFF_IN_SECTION;
 *   static const dsl_handoff_t g_h = DSL_HANDOFF_VIEW(&g_ring, 640);
 *   producer: dsl_handoff_init(&g_h, R); per frame: p = dsl_handoff_begin(&g_h); write 640 bytes to p;
 *             dsl_handoff_publish(&g_h, d.route, d.heavy_restart ? d.replay_frames : DSL_HANDOFF_NO_RESTART);
 *   consumer: while (dsl_handoff_attach(&g_h, &c) == 0) wait; then on each doorbell:
 *             while (dsl_handoff_next_job(&g_h, &c, &job) != DSL_HANDOFF_JOB_NONE) {
 *                 if (job.reset) heavy_reset(); heavy(job.frame);
 *                 if (dsl_handoff_finish_job(&g_h, &c, &job) && job.kind == RUN) emit; }
 */
#ifndef DSL_HANDOFF_H
#define DSL_HANDOFF_H

#include <stdint.h>

#ifdef DSL_BOARD_GLUE
#include "dsl_glue_cache.h" /* this core's cache hooks from its board glue (runtime-c/target/glue) */
#endif
#ifndef DSL_HANDOFF_LINE
#define DSL_HANDOFF_LINE 32u
#endif
#ifndef DSL_HANDOFF_CACHE_CLEAN
#define DSL_HANDOFF_CACHE_CLEAN(addr, bytes) ((void)(addr), (void)(bytes))
#endif
#ifndef DSL_HANDOFF_CACHE_INVALIDATE
#define DSL_HANDOFF_CACHE_INVALIDATE(addr, bytes) ((void)(addr), (void)(bytes))
#endif
#ifndef DSL_HANDOFF_DOORBELL
#define DSL_HANDOFF_DOORBELL() ((void)0)
#endif
#ifndef DSL_HANDOFF_BARRIER
#if defined(__arm__)
#define DSL_HANDOFF_BARRIER() __asm__ volatile("dmb" ::: "memory")
#elif defined(__GNUC__)
#define DSL_HANDOFF_BARRIER() __sync_synchronize()
#else
#error "dsl_handoff.h: define DSL_HANDOFF_BARRIER() as a full memory barrier for this compiler"
#endif
#endif

#define DSL_HANDOFF_MAGIC 0x31464844u /* "DHF1": layout version 1 */
#define DSL_HANDOFF_ROUTE_LIGHT 0u
#define DSL_HANDOFF_ROUTE_HEAVY 1u
#define DSL_HANDOFF_JOB_NONE 0u
#define DSL_HANDOFF_JOB_REPLAY 1u
#define DSL_HANDOFF_JOB_RUN 2u
#define DSL_HANDOFF_E_LAYOUT (-1)
/* replay argument of dsl_handoff_publish(): restart on a light -> heavy switch (and on a heavy first
   frame), replaying min(R, frames before this one) */
#define DSL_HANDOFF_REPLAY_AUTO 0xFFFFFFFFu
#define DSL_HANDOFF_NO_RESTART 0xFFFFFFFEu

/* bytes rounded up to whole cache lines */
#define DSL_HANDOFF_ROUND_UP(n) ((((uint32_t)(n) + DSL_HANDOFF_LINE - 1u) / DSL_HANDOFF_LINE) * DSL_HANDOFF_LINE)

typedef struct {
    volatile uint32_t magic;        /* DSL_HANDOFF_MAGIC once initialised (written last) */
    volatile uint32_t slots;        /* layout, checked by the consumer when it attaches */
    volatile uint32_t frame_bytes;
    volatile uint32_t replay_depth; /* R */
    volatile uint32_t first;        /* sequence number of the first frame (no replay before it) */
    volatile uint32_t head;         /* newest published frame (first - 1 before any) */
    volatile uint32_t switch_seq;   /* replay request: the newest frame that restarts the heavy path */
    volatile uint32_t overruns;
    volatile uint32_t route;        /* route of the newest frame (the producer's own state) */
} dsl_handoff_producer_line_t;

typedef struct {
    volatile uint32_t attached;     /* DSL_HANDOFF_MAGIC once the consumer has checked the layout */
    volatile uint32_t done;         /* newest frame the consumer is finished with */
    volatile uint32_t runs;         /* heavy frames run with a valid output */
    volatile uint32_t replays;      /* frames replayed to rebuild the heavy state */
    volatile uint32_t lost;
    volatile uint32_t skipped;      /* frames that left the ring before the consumer looked at them */
} dsl_handoff_consumer_line_t;

typedef struct {
    volatile uint32_t seq;          /* s: holds frame s; s + 1: being written; other: empty */
    volatile uint32_t route;
    volatile uint32_t restart;      /* heavy frames: 1 + frames to replay before it after a reset; 0: continue */
    volatile uint32_t needed;       /* the heavy path needs it (heavy frame, or in a replay window) */
} dsl_handoff_meta_fields_t;

typedef union {
    dsl_handoff_producer_line_t p;
    uint8_t line[DSL_HANDOFF_ROUND_UP(sizeof(dsl_handoff_producer_line_t))];
} dsl_handoff_producer_t;

typedef union {
    dsl_handoff_consumer_line_t c;
    uint8_t line[DSL_HANDOFF_ROUND_UP(sizeof(dsl_handoff_consumer_line_t))];
} dsl_handoff_consumer_shared_t;

typedef union {
    dsl_handoff_meta_fields_t m;
    uint8_t line[DSL_HANDOFF_ROUND_UP(sizeof(dsl_handoff_meta_fields_t))];
} dsl_handoff_meta_t;

typedef struct {
    dsl_handoff_producer_t prod;
    dsl_handoff_consumer_shared_t cons;
} dsl_handoff_ctrl_t;

/* The shared storage of one ring: struct NAME with SLOTS (a power of two >= 2) frames of FRAME_BYTES. */
#define DSL_HANDOFF_STORAGE(name, SLOTS, FRAME_BYTES)                                             \
    typedef char name##_slots_must_be_a_power_of_two[((SLOTS) >= 2 && ((SLOTS) & ((SLOTS) - 1)) == 0) ? 1 : -1]; \
    struct name {                                                                                 \
        dsl_handoff_ctrl_t ctrl;                                                                  \
        dsl_handoff_meta_t meta[SLOTS];                                                           \
        uint8_t frames[SLOTS][DSL_HANDOFF_ROUND_UP(FRAME_BYTES)];                                 \
    }

/* Placement of the storage: the shared section, aligned to a cache line (GCC / Clang attributes). */
#define DSL_HANDOFF_IN_SECTION __attribute__((section(".dsl_handoff"), aligned(DSL_HANDOFF_LINE)))
#define DSL_HANDOFF_ALIGNED __attribute__((aligned(DSL_HANDOFF_LINE)))

/* Each core's (private, constant) view of the storage. */
typedef struct {
    dsl_handoff_ctrl_t *ctrl;
    dsl_handoff_meta_t *meta;
    uint8_t *frames;
    uint32_t slots;
    uint32_t stride;      /* bytes from one frame to the next: frame_bytes rounded up to a line */
    uint32_t frame_bytes;
} dsl_handoff_t;

#define DSL_HANDOFF_VIEW(storage, FRAME_BYTES)                                                    \
    { &(storage)->ctrl, &(storage)->meta[0], &(storage)->frames[0][0],                            \
      (uint32_t)(sizeof((storage)->meta) / sizeof((storage)->meta[0])),                           \
      (uint32_t)sizeof((storage)->frames[0]), (uint32_t)(FRAME_BYTES) }

/* The consumer's private state (in the heavy core's own RAM). */
typedef struct {
    uint32_t scan;        /* next frame to look at */
    uint32_t warm;        /* newest frame run into the heavy state, when warm_valid */
    uint32_t warm_valid;
    uint32_t pending;     /* a heavy frame is being worked towards: */
    uint32_t target;      /*   that frame */
    uint32_t next;        /*   the next frame to run (a replay frame, then target) */
    uint32_t reset;       /*   the next job resets the heavy state */
    uint32_t resume;      /* 1: a restart resumes from the warm state when that is within its replay window
                             (set after dsl_handoff_attach; dsl.json replay "resume"), 0: always reset */
} dsl_handoff_consumer_t;

typedef struct {
    uint32_t seq;
    uint32_t kind;        /* DSL_HANDOFF_JOB_REPLAY or DSL_HANDOFF_JOB_RUN */
    uint32_t reset;       /* 1: reset the heavy state before this job (the first of a restart) */
    const uint8_t *frame; /* frame_bytes, in the shared ring: valid until dsl_handoff_finish_job() says so */
} dsl_handoff_job_t;

typedef struct {
    uint32_t head, switch_seq, overruns;             /* producer */
    uint32_t done, runs, replays, lost, skipped;     /* consumer */
} dsl_handoff_stats_t;

/* Smallest valid slot count for replay depth R and a lag of `lag` frames: R + 1 + lag, at least R + 2,
   rounded up to a power of two. */
static inline uint32_t dsl_handoff_slots_for(uint32_t replay_depth, uint32_t lag)
{
    uint32_t need = replay_depth + 1u + (lag < 1u ? 1u : lag), n = 2u;
    while (n < need) n <<= 1;
    return n;
}

/* a after b, for free-running 32-bit sequence numbers */
static inline int dsl_handoff_after(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

static inline dsl_handoff_meta_fields_t *dsl_handoff__meta(const dsl_handoff_t *h, uint32_t seq)
{
    return &h->meta[seq & (h->slots - 1u)].m;
}

static inline uint8_t *dsl_handoff__frame(const dsl_handoff_t *h, uint32_t seq)
{
    return h->frames + (seq & (h->slots - 1u)) * h->stride;
}

static inline void dsl_handoff__clean_meta(const dsl_handoff_t *h, uint32_t seq)
{
    DSL_HANDOFF_CACHE_CLEAN(&h->meta[seq & (h->slots - 1u)], sizeof(dsl_handoff_meta_t));
}

static inline void dsl_handoff__invalidate_meta(const dsl_handoff_t *h, uint32_t seq)
{
    DSL_HANDOFF_CACHE_INVALIDATE(&h->meta[seq & (h->slots - 1u)], sizeof(dsl_handoff_meta_t));
}

/* ---- producer (light core) ---- */

/* Initialise the ring with its first frame numbered head + 1 (tests start near the 32-bit wrap).
   Returns 0, or DSL_HANDOFF_E_LAYOUT when slots is not a power of two >= replay_depth + 2. */
static inline int dsl_handoff_init_at(const dsl_handoff_t *h, uint32_t replay_depth, uint32_t head)
{
    dsl_handoff_producer_line_t *p = &h->ctrl->prod.p;
    dsl_handoff_consumer_line_t *c = &h->ctrl->cons.c;
    uint32_t i;
    if (h->slots < 2u || (h->slots & (h->slots - 1u)) != 0u || replay_depth > h->slots - 2u) return DSL_HANDOFF_E_LAYOUT;
    p->magic = 0u;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->prod, sizeof(h->ctrl->prod));
    DSL_HANDOFF_BARRIER();
    for (i = 0; i < h->slots; i++) {
        h->meta[i].m.seq = i + 1u; /* never a sequence number of slot i: empty */
        h->meta[i].m.route = DSL_HANDOFF_ROUTE_LIGHT;
        h->meta[i].m.restart = 0u;
        h->meta[i].m.needed = 0u;
    }
    DSL_HANDOFF_CACHE_CLEAN(h->meta, h->slots * (uint32_t)sizeof(dsl_handoff_meta_t));
    c->attached = 0u;
    c->done = head;
    c->runs = c->replays = c->lost = c->skipped = 0u;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
    p->slots = h->slots;
    p->frame_bytes = h->frame_bytes;
    p->replay_depth = replay_depth;
    p->first = head + 1u;
    p->head = head;
    p->switch_seq = head;
    p->overruns = 0u;
    p->route = DSL_HANDOFF_ROUTE_LIGHT;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->prod, sizeof(h->ctrl->prod));
    DSL_HANDOFF_BARRIER();
    p->magic = DSL_HANDOFF_MAGIC;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->prod, sizeof(h->ctrl->prod));
    return 0;
}

static inline int dsl_handoff_init(const dsl_handoff_t *h, uint32_t replay_depth)
{
    return dsl_handoff_init_at(h, replay_depth, 0u);
}

/* The slot of the next frame (frame_bytes to fill), taken from the oldest frame. Counts an overrun when
   that frame was still needed by the consumer. Call dsl_handoff_publish() when the bytes are written. */
static inline uint8_t *dsl_handoff_begin(const dsl_handoff_t *h)
{
    dsl_handoff_producer_line_t *p = &h->ctrl->prod.p;
    const uint32_t s = p->head + 1u, old = s - h->slots;
    dsl_handoff_meta_fields_t *m = dsl_handoff__meta(h, s);
    if (m->needed != 0u && m->seq == old) {
        DSL_HANDOFF_CACHE_INVALIDATE(&h->ctrl->cons, sizeof(h->ctrl->cons));
        if (dsl_handoff_after(old, h->ctrl->cons.c.done)) p->overruns = p->overruns + 1u;
    }
    m->needed = 0u;
    m->seq = s + 1u; /* being written */
    dsl_handoff__clean_meta(h, s);
    DSL_HANDOFF_BARRIER();
    return dsl_handoff__frame(h, s);
}

/* Publish the frame filled since dsl_handoff_begin() with its route. On a heavy frame, `replay` is
   the number of frames (<= R) the heavy path replays after a reset before it (heavy_restart with
   replay_frames), DSL_HANDOFF_NO_RESTART when it continues, or DSL_HANDOFF_REPLAY_AUTO: restart when
   the previous frame was light (or this is the first), replaying min(R, frames before it). Ignored on
   light frames. Rings the doorbell on heavy frames only: the heavy core may sleep through light ones. */
static inline void dsl_handoff_publish(const dsl_handoff_t *h, uint32_t route, uint32_t replay)
{
    dsl_handoff_producer_line_t *p = &h->ctrl->prod.p;
    const uint32_t s = p->head + 1u;
    dsl_handoff_meta_fields_t *m = dsl_handoff__meta(h, s);
    DSL_HANDOFF_CACHE_CLEAN(dsl_handoff__frame(h, s), h->stride);
    m->route = route;
    m->restart = 0u;
    if (route == DSL_HANDOFF_ROUTE_HEAVY) {
        m->needed = 1u;
        if (replay == DSL_HANDOFF_REPLAY_AUTO) {
            replay = p->route == DSL_HANDOFF_ROUTE_HEAVY ? DSL_HANDOFF_NO_RESTART : s - p->first;
        }
        if (replay != DSL_HANDOFF_NO_RESTART) {
            /* reset + replay: the replay window is needed too (flags only the producer writes) */
            uint32_t k;
            if (replay > p->replay_depth) replay = p->replay_depth;
            if (replay > s - p->first) replay = s - p->first;
            for (k = 1u; k <= replay; k++) {
                dsl_handoff_meta_fields_t *rm = dsl_handoff__meta(h, s - k);
                rm->needed = 1u;
                dsl_handoff__clean_meta(h, s - k);
            }
            m->restart = 1u + replay;
            p->switch_seq = s;
        }
    }
    DSL_HANDOFF_BARRIER();
    m->seq = s;
    dsl_handoff__clean_meta(h, s);
    DSL_HANDOFF_BARRIER();
    p->route = route;
    p->head = s;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->prod, sizeof(h->ctrl->prod));
    if (route == DSL_HANDOFF_ROUTE_HEAVY) DSL_HANDOFF_DOORBELL();
}

/* ---- consumer (heavy core) ---- */

/* 1 when attached, 0 when the producer has not initialised the ring yet (call again later),
   DSL_HANDOFF_E_LAYOUT when the two images disagree on the layout. Starts after the newest frame. */
static inline int dsl_handoff_attach(const dsl_handoff_t *h, dsl_handoff_consumer_t *c)
{
    const dsl_handoff_producer_line_t *p = &h->ctrl->prod.p;
    DSL_HANDOFF_CACHE_INVALIDATE(&h->ctrl->prod, sizeof(h->ctrl->prod));
    if (p->magic != DSL_HANDOFF_MAGIC) return 0;
    DSL_HANDOFF_BARRIER();
    if (p->slots != h->slots || p->frame_bytes != h->frame_bytes) return DSL_HANDOFF_E_LAYOUT;
    c->scan = p->head + 1u;
    c->warm = 0u;
    c->warm_valid = 0u;
    c->pending = 0u;
    c->target = 0u;
    c->next = 0u;
    c->reset = 0u;
    c->resume = 0u;
    h->ctrl->cons.c.attached = DSL_HANDOFF_MAGIC;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
    return 1;
}

static inline void dsl_handoff__give_up(const dsl_handoff_t *h, dsl_handoff_consumer_t *c)
{
    dsl_handoff_consumer_line_t *cl = &h->ctrl->cons.c;
    cl->lost = cl->lost + 1u;
    cl->done = c->target;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
    c->warm_valid = 0u;
    c->pending = 0u;
}

/* The next job (DSL_HANDOFF_JOB_REPLAY / _RUN, with job->frame to read), or DSL_HANDOFF_JOB_NONE when
   no heavy frame is pending. Every job must be followed by dsl_handoff_finish_job(). */
static inline uint32_t dsl_handoff_next_job(const dsl_handoff_t *h, dsl_handoff_consumer_t *c, dsl_handoff_job_t *job)
{
    const dsl_handoff_producer_line_t *p = &h->ctrl->prod.p;
    dsl_handoff_consumer_line_t *cl = &h->ctrl->cons.c;
    for (;;) {
        uint32_t s;
        dsl_handoff_meta_fields_t *m;
        if (!c->pending) {
            uint32_t head, depth, first;
            DSL_HANDOFF_CACHE_INVALIDATE(&h->ctrl->prod, sizeof(h->ctrl->prod));
            head = p->head;
            depth = p->replay_depth;
            first = p->first;
            DSL_HANDOFF_BARRIER();
            if (dsl_handoff_after(head - h->slots + 1u, c->scan)) {
                /* frames that left the ring unseen (the producer counted the needed ones as overruns) */
                cl->skipped = cl->skipped + ((head - h->slots + 1u) - c->scan);
                DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
                c->scan = head - h->slots + 1u;
            }
            while (!dsl_handoff_after(c->scan, head)) {
                uint32_t seq1, seq2, route, restart;
                s = c->scan++;
                m = dsl_handoff__meta(h, s);
                dsl_handoff__invalidate_meta(h, s);
                seq1 = m->seq;
                DSL_HANDOFF_BARRIER();
                route = m->route;
                restart = m->restart;
                DSL_HANDOFF_BARRIER();
                seq2 = m->seq;
                if (seq1 != s || seq2 != s) {
                    cl->skipped = cl->skipped + 1u; /* overwritten under our eyes: the producer is a ring ahead */
                    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
                    continue;
                }
                if (route == DSL_HANDOFF_ROUTE_HEAVY) {
                    if (restart != 0u && c->resume && c->warm_valid && (uint32_t)(s - c->warm) <= restart) {
                        /* resume: the state holds frame warm, and the frames since are in the replay window */
                        c->next = c->warm + 1u;
                        c->reset = 0u;
                    } else if (restart != 0u) { /* the producer's restart: reset, replay restart - 1 frames */
                        c->next = s - (restart - 1u);
                        c->reset = 1u;
                    } else if (c->warm_valid && c->warm == s - 1u) { /* continue */
                        c->next = s;
                        c->reset = 0u;
                    } else { /* the state lost the frame before: restart here (R frames, not before the first) */
                        c->next = dsl_handoff_after(first, s - depth) ? first : s - depth;
                        c->reset = 1u;
                    }
                    c->pending = 1u;
                    c->target = s;
                    break;
                }
            }
            if (!c->pending) {
                job->seq = 0u;
                job->kind = DSL_HANDOFF_JOB_NONE;
                job->reset = 0u;
                job->frame = 0;
                return DSL_HANDOFF_JOB_NONE;
            }
        }
        s = c->next;
        m = dsl_handoff__meta(h, s);
        dsl_handoff__invalidate_meta(h, s);
        if (m->seq != s) {
            dsl_handoff__give_up(h, c); /* an input of the pending heavy frame is gone */
            continue;
        }
        DSL_HANDOFF_BARRIER();
        DSL_HANDOFF_CACHE_INVALIDATE(dsl_handoff__frame(h, s), h->stride);
        job->seq = s;
        job->kind = s == c->target ? DSL_HANDOFF_JOB_RUN : DSL_HANDOFF_JOB_REPLAY;
        job->reset = c->reset;
        c->reset = 0u;
        job->frame = dsl_handoff__frame(h, s);
        return job->kind;
    }
}

/* Ends a job: 1 when the frame read was intact (for a RUN job the output is valid), 0 when the producer
   overwrote it meanwhile (the output must be discarded; counted in lost). */
static inline int dsl_handoff_finish_job(const dsl_handoff_t *h, dsl_handoff_consumer_t *c, const dsl_handoff_job_t *job)
{
    dsl_handoff_consumer_line_t *cl = &h->ctrl->cons.c;
    uint32_t seq;
    DSL_HANDOFF_BARRIER();
    dsl_handoff__invalidate_meta(h, job->seq);
    seq = dsl_handoff__meta(h, job->seq)->seq;
    if (seq != job->seq) {
        dsl_handoff__give_up(h, c);
        return 0;
    }
    c->warm = job->seq;
    c->warm_valid = 1u;
    if (job->kind == DSL_HANDOFF_JOB_RUN) {
        cl->runs = cl->runs + 1u;
        c->pending = 0u;
    } else {
        cl->replays = cl->replays + 1u;
        c->next = job->seq + 1u;
    }
    cl->done = job->seq;
    DSL_HANDOFF_CACHE_CLEAN(&h->ctrl->cons, sizeof(h->ctrl->cons));
    return 1;
}

/* Both sides' counters (either core may call it). */
static inline void dsl_handoff_stats(const dsl_handoff_t *h, dsl_handoff_stats_t *st)
{
    DSL_HANDOFF_CACHE_INVALIDATE(h->ctrl, sizeof(*h->ctrl));
    st->head = h->ctrl->prod.p.head;
    st->switch_seq = h->ctrl->prod.p.switch_seq;
    st->overruns = h->ctrl->prod.p.overruns;
    st->done = h->ctrl->cons.c.done;
    st->runs = h->ctrl->cons.c.runs;
    st->replays = h->ctrl->cons.c.replays;
    st->lost = h->ctrl->cons.c.lost;
    st->skipped = h->ctrl->cons.c.skipped;
}

#endif /* DSL_HANDOFF_H */
