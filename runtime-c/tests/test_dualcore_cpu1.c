/*
 * test_dualcore_cpu1.c - the heavy core (consumer) of the two-core QEMU test (see test_dualcore_cpu0.c):
 * attaches to the ring CPU0 initialised, then on every doorbell runs the pending jobs (replays and runs
 * of the synthetic heavy path), writes each valid heavy output to the shared results, tells CPU0 it is
 * idle (doorbell to CPU0) and sleeps until the next doorbell. Its instruction counts (timer0: QEMU's
 * clock is shared, so they are only taken while CPU0 sleeps, when CPU0 sets measure) go to the mailbox.
 * It never exits: CPU0 reports and ends the run.
 */
#include "test_dualcore.h"

static uint32_t g_sink;

int main(void)
{
    dsl_handoff_consumer_t c;
    heavy_state_t hs;
    td_cpu1_t *me = &g_td.cpu1.f;
    uint32_t empty, t0, t1;
    int a;
    dsl_sse200_counter_start();
    t0 = dsl_sse200_counter_ticks();
    t1 = dsl_sse200_counter_ticks();
    empty = t1 - t0; /* the cost of reading the counter, taken off every interval */
    while ((a = dsl_handoff_attach(&g_td_ring, &c)) == 0) {
    }
    if (a < 0) me->errors = me->errors + 1u;
    heavy_init(&hs, TD_REPLAY);
    me->state = 1u;
    dsl_sse200_doorbell_ring(0u);
    for (;;) {
        dsl_handoff_job_t job;
        uint32_t kind;
        t0 = dsl_sse200_counter_ticks();
        while ((kind = dsl_handoff_next_job(&g_td_ring, &c, &job)) != DSL_HANDOFF_JOB_NONE) {
            uint32_t j, d = MODEL_DIGEST_INIT, out, t2, t3;
            int ok;
            t1 = dsl_sse200_counter_ticks();
            if (job.reset) heavy_init(&hs, TD_REPLAY);
            for (j = 0; j < TD_FRAME_BYTES; j++) d = model_digest_step(d, job.frame[j]);
            out = heavy_run(&hs, d);
            g_sink += td_heavy_work(g_td.cmd.f.heavy_work, d);
            t2 = dsl_sse200_counter_ticks();
            ok = dsl_handoff_finish_job(&g_td_ring, &c, &job);
            t3 = dsl_sse200_counter_ticks();
            if (ok && kind == DSL_HANDOFF_JOB_RUN && job.seq < TD_MAX_FRAMES) {
                g_td.result[job.seq] = out;
                DSL_HANDOFF_BARRIER();
                g_td.result_seq[job.seq] = job.seq;
            }
            if (g_td.cmd.f.measure) {
                if (kind == DSL_HANDOFF_JOB_RUN) {
                    me->run_jobs = me->run_jobs + 1u;
                    me->run_ticks = me->run_ticks + (t2 - t1 - empty);
                } else {
                    me->replay_jobs = me->replay_jobs + 1u;
                    me->replay_ticks = me->replay_ticks + (t2 - t1 - empty);
                }
                me->protocol_ticks = me->protocol_ticks + (t1 - t0 - empty) + (t3 - t2 - empty);
                me->protocol_calls = me->protocol_calls + 1u;
            }
            if (ok && d != frame_digest_expected(job.seq, TD_FRAME_BYTES)) me->wrong_bytes = me->wrong_bytes + 1u;
            t0 = dsl_sse200_counter_ticks();
        }
        dsl_sse200_doorbell_ring(0u); /* idle: CPU0 may be waiting for the heavy core to catch up */
        if (g_td.cmd.f.stop) break;
        dsl_sse200_doorbell_wait();
    }
    me->state = 2u;
    dsl_sse200_doorbell_ring(0u);
    for (;;) __asm__ volatile("wfi");
}
