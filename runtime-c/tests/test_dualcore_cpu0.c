/*
 * test_dualcore_cpu0.c - the light core (producer) of the two-core QEMU test on mps2-an521: CPU0 writes
 * synthetic frames into the handoff ring (dsl_handoff.h) in shared SRAM, CPU1 (test_dualcore_cpu1.c)
 * runs the heavy path on them and writes its outputs back; CPU0 checks every output against continuous
 * execution (test_handoff_model.h) and exits through semihosting with the number of failures.
 * Phases, one stream of frames:
 *   lockstep  frames 1-4 light, 5-12 heavy; CPU0 waits for CPU1 after each heavy frame, so each core's
 *             instructions are counted while the other sleeps: per frame on CPU0, per job on CPU1
 *   paced     ~300 frames, one per timer period (a frame clock: twice what CPU0's frame and CPU1's job
 *             took in lockstep, as QEMU runs both cores on one clock), routes in runs of 1-12 frames;
 *             CPU1 keeps up: every heavy frame has its exact output, no overrun, nothing lost
 *   overload  ~200 frames with heavy jobs longer than the period: overruns and losses are counted and
 *             every output CPU1 still reports valid is exact
 * Prints "N passed, M failed"; needs -icount shift=6,sleep=off (deterministic).
 */
#include "test_dualcore.h"
#include "dsl_icount.h"
#include "dsl_semihost.h"

extern uint32_t __dsl_cpu1_vectors__[]; /* memory.ld: where CPU1's image (vector table first) starts */

#define SHIFT 6u

static int g_passed, g_failed;

static void put_u32(uint32_t v)
{
    char b[12];
    int n = 11;
    b[n] = 0;
    do {
        b[--n] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    dsl_sh_write0(b + n);
}

static void check(int ok, const char *what, uint32_t a, uint32_t b)
{
    if (ok) {
        g_passed++;
        return;
    }
    g_failed++;
    dsl_sh_write0("FAIL ");
    dsl_sh_write0(what);
    dsl_sh_write0(" (");
    put_u32(a);
    dsl_sh_write0(", ");
    put_u32(b);
    dsl_sh_write0(")\n");
}

static uint32_t g_route[TD_MAX_FRAMES];

static void produce(uint32_t s)
{
    uint8_t *p = dsl_handoff_begin(&g_td_ring);
    uint32_t j;
    for (j = 0; j < TD_FRAME_BYTES; j++) p[j] = frame_byte(s, j);
    dsl_handoff_publish(&g_td_ring, g_route[s], DSL_HANDOFF_REPLAY_AUTO);
}

/* the same, counting the ring's part (begin + publish) and the whole; the counter's own cost taken off */
static void produce_counted(uint32_t s, uint64_t empty, uint64_t *ring_ticks, uint64_t *all_ticks)
{
    uint64_t t0, t1, t2, t3;
    uint8_t *p;
    uint32_t j;
    t0 = dsl_icount_ticks();
    p = dsl_handoff_begin(&g_td_ring);
    t1 = dsl_icount_ticks();
    for (j = 0; j < TD_FRAME_BYTES; j++) p[j] = frame_byte(s, j);
    t2 = dsl_icount_ticks();
    dsl_handoff_publish(&g_td_ring, g_route[s], DSL_HANDOFF_REPLAY_AUTO);
    t3 = dsl_icount_ticks();
    *ring_ticks += (t1 - t0 - empty) + (t3 - t2 - empty);
    *all_ticks += t3 - t0 - 3u * empty;
}

/* sleep until the heavy core is finished with frame s (it rings CPU0 whenever it goes idle) */
static void wait_done(uint32_t s)
{
    dsl_handoff_stats_t st;
    for (;;) {
        dsl_handoff_stats(&g_td_ring, &st);
        if (!dsl_handoff_after(s, st.done)) return;
        dsl_sse200_doorbell_wait();
    }
}

/* heavy frames in [from, to]: how many, and how many have an output, and how many outputs are wrong */
static void count_outputs(uint32_t from, uint32_t to, uint32_t *heavy, uint32_t *valid, uint32_t *wrong)
{
    uint32_t s;
    *heavy = *valid = *wrong = 0;
    for (s = from; s <= to; s++) {
        if (g_route[s] != DSL_HANDOFF_ROUTE_HEAVY) continue;
        (*heavy)++;
        if (g_td.result_seq[s] != s) continue;
        (*valid)++;
        if (g_td.result[s] != heavy_expected(s, TD_REPLAY, 1u, TD_FRAME_BYTES)) (*wrong)++;
    }
}

static uint32_t instructions(uint64_t ticks) { return (uint32_t)dsl_icount_ticks_to_instructions(ticks, DSL_SSE200_TIMER_HZ, SHIFT); }

int main(void)
{
    dsl_handoff_stats_t st0, st1;
    uint32_t s, i, rng = 1u, route = 0, heavy, valid, wrong, paced_end, last, period, cpu0_frame, cpu1_job;
    uint64_t e0, e1, ring_ticks = 0, all_ticks = 0;

    /* the shared object is NOLOAD: CPU0 clears it, initialises the ring, then releases CPU1 */
    g_td.cmd.f.heavy_work = 0u;
    g_td.cmd.f.measure = 0u;
    g_td.cmd.f.stop = 0u;
    g_td.cpu1.f.state = g_td.cpu1.f.errors = g_td.cpu1.f.wrong_bytes = 0u;
    g_td.cpu1.f.run_jobs = g_td.cpu1.f.run_ticks = g_td.cpu1.f.replay_jobs = g_td.cpu1.f.replay_ticks = 0u;
    g_td.cpu1.f.protocol_ticks = g_td.cpu1.f.protocol_calls = 0u;
    for (s = 0; s < TD_MAX_FRAMES; s++) {
        g_td.result[s] = 0u;
        g_td.result_seq[s] = 0xFFFFFFFFu;
    }
    for (s = 1; s < TD_MAX_FRAMES; s++) { /* routes: lockstep 1-4 light, 5-12 heavy; then runs of 1-12 frames */
        rng = rng * 1664525u + 1013904223u;
        if ((rng >> 24) % 6u == 0u) route ^= 1u;
        g_route[s] = s <= 12u ? (s >= 5u ? 1u : 0u) : route;
    }
    check(dsl_handoff_init(&g_td_ring, TD_REPLAY) == 0, "ring initialised", 0, 0);
    dsl_icount_start();
    dsl_sse200_start_cpu1((uint32_t)(uintptr_t)__dsl_cpu1_vectors__);
    while (g_td.cpu1.f.state != 1u) dsl_sse200_doorbell_wait();
    check(g_td.cpu1.f.errors == 0u && g_td.ring.ctrl.cons.c.attached == DSL_HANDOFF_MAGIC, "CPU1 attached", g_td.cpu1.f.errors, 0);

    /* lockstep: each core counted while the other sleeps */
    g_td.cmd.f.heavy_work = 400u;
    g_td.cmd.f.measure = 1u;
    e0 = dsl_icount_ticks();
    e1 = dsl_icount_ticks();
    for (s = 1; s <= 12u; s++) {
        produce_counted(s, e1 - e0, &ring_ticks, &all_ticks);
        if (g_route[s] == DSL_HANDOFF_ROUTE_HEAVY) wait_done(s);
    }
    g_td.cmd.f.measure = 0u;
    dsl_handoff_stats(&g_td_ring, &st0);
    count_outputs(1, 12, &heavy, &valid, &wrong);
    check(heavy == 8u && valid == 8u && wrong == 0u, "lockstep: 8 heavy frames, 8 exact outputs", valid, wrong);
    check(st0.runs == 8u && st0.replays == 3u && st0.lost == 0u && st0.overruns == 0u,
          "lockstep: 8 runs, 3 replays (frames 2-4 before 5), nothing lost", st0.runs * 100u + st0.replays, st0.lost + st0.overruns);
    cpu0_frame = instructions(all_ticks) / 12u;
    cpu1_job = g_td.cpu1.f.run_jobs ? instructions(g_td.cpu1.f.run_ticks) / g_td.cpu1.f.run_jobs : 0u;
    dsl_sh_write0("cpu0 (light core, producer): ");
    put_u32(cpu0_frame);
    dsl_sh_write0(" instructions per frame, ");
    put_u32(instructions(ring_ticks) / 12u);
    dsl_sh_write0(" of them in begin + publish (the rest writes 250 bytes)\n");
    dsl_sh_write0("cpu1 (heavy core, consumer): ");
    put_u32(cpu1_job);
    dsl_sh_write0(" instructions per run job, ");
    put_u32(g_td.cpu1.f.replay_jobs ? instructions(g_td.cpu1.f.replay_ticks) / g_td.cpu1.f.replay_jobs : 0u);
    dsl_sh_write0(" per replay job, ");
    put_u32(g_td.cpu1.f.protocol_calls ? instructions(g_td.cpu1.f.protocol_ticks) / g_td.cpu1.f.protocol_calls : 0u);
    dsl_sh_write0(" in next_job + finish_job per job\n");
    check(g_td.cpu1.f.run_jobs == 8u && g_td.cpu1.f.replay_jobs == 3u, "CPU1 counted its 11 jobs", g_td.cpu1.f.run_jobs, g_td.cpu1.f.replay_jobs);

    /* paced: one frame per period, CPU1 keeps up */
    period = 2u * (cpu0_frame + cpu1_job + 200u);
    paced_end = 300u;
    while (g_route[paced_end] != DSL_HANDOFF_ROUTE_HEAVY) paced_end++;
    dsl_sse200_period_start(period * 64u / 50u); /* timer ticks: 50 ns each, 2^6 ns per instruction */
    for (s = 13; s <= paced_end; s++) {
        dsl_sse200_period_wait();
        produce(s);
    }
    dsl_sse200_period_stop();
    wait_done(paced_end);
    dsl_handoff_stats(&g_td_ring, &st1);
    count_outputs(13, paced_end, &heavy, &valid, &wrong);
    dsl_sh_write0("paced: one frame per ");
    put_u32(period);
    dsl_sh_write0(" instructions, frames 13-");
    put_u32(paced_end);
    dsl_sh_write0(", heavy ");
    put_u32(heavy);
    dsl_sh_write0(", exact outputs ");
    put_u32(valid - wrong);
    dsl_sh_write0(", replays ");
    put_u32(st1.replays - st0.replays);
    dsl_sh_write0(", lost ");
    put_u32(st1.lost - st0.lost);
    dsl_sh_write0(", overruns ");
    put_u32(st1.overruns - st0.overruns);
    dsl_sh_write0("\n");
    check(heavy > 50u && valid == heavy && wrong == 0u, "paced: every heavy frame has its exact output", valid, heavy);
    check(st1.lost == st0.lost && st1.overruns == st0.overruns, "paced: no overrun, nothing lost", st1.lost - st0.lost,
          st1.overruns - st0.overruns);

    /* overload: heavy jobs of ~3 periods (td_heavy_work: ~8 instructions per iteration at -O2) */
    g_td.cmd.f.heavy_work = 3u * period / 8u;
    last = paced_end + 200u;
    while (g_route[last] != DSL_HANDOFF_ROUTE_HEAVY) last++;
    st0 = st1;
    dsl_sse200_period_start(period * 64u / 50u);
    for (s = paced_end + 1u; s <= last; s++) {
        dsl_sse200_period_wait();
        produce(s);
    }
    dsl_sse200_period_stop();
    wait_done(last);
    dsl_handoff_stats(&g_td_ring, &st1);
    count_outputs(paced_end + 1u, last, &heavy, &valid, &wrong);
    dsl_sh_write0("overload: frames ");
    put_u32(paced_end + 1u);
    dsl_sh_write0("-");
    put_u32(last);
    dsl_sh_write0(", heavy ");
    put_u32(heavy);
    dsl_sh_write0(", exact outputs ");
    put_u32(valid - wrong);
    dsl_sh_write0(", lost ");
    put_u32(st1.lost - st0.lost);
    dsl_sh_write0(", skipped ");
    put_u32(st1.skipped - st0.skipped);
    dsl_sh_write0(", overruns ");
    put_u32(st1.overruns - st0.overruns);
    dsl_sh_write0("\n");
    check(wrong == 0u, "overload: every output reported valid is exact", wrong, 0);
    check(st1.overruns > st0.overruns && st1.lost + st1.skipped > st0.lost + st0.skipped && valid > 0u && valid < heavy,
          "overload: overruns and losses counted, some outputs still made", st1.overruns - st0.overruns, valid);
    check(valid == st1.runs - st0.runs, "overload: outputs = runs counter", valid, st1.runs - st0.runs);

    /* stop CPU1 */
    g_td.cmd.f.stop = 1u;
    dsl_sse200_doorbell_ring(1u);
    for (i = 0; g_td.cpu1.f.state != 2u && i < 1000u; i++) dsl_sse200_doorbell_wait();
    check(g_td.cpu1.f.state == 2u, "CPU1 stopped", g_td.cpu1.f.state, 2);
    check(g_td.cpu1.f.wrong_bytes == 0u, "CPU1: every intact frame had the bytes of its number", g_td.cpu1.f.wrong_bytes, 0);
    put_u32((uint32_t)g_passed);
    dsl_sh_write0(" passed, ");
    put_u32((uint32_t)g_failed);
    dsl_sh_write0(" failed\n");
    return g_failed != 0;
}
