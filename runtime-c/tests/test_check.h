/*
 * test_check.h - what the kernel test programs share: pass/fail counts, failure lines and the random source.
 * No libc (the programs also run bare-metal under QEMU): output goes through tp_puts (test_platform.h).
 * Before including it, define TEST_RNG_SEED (each program its own sequence). Functions are static inline so a
 * program that does not use one builds warning-free.
 */
#ifndef TEST_CHECK_H
#define TEST_CHECK_H

#include <stdint.h>
#include "test_platform.h"

static int g_passed, g_failed;

static inline void put_int(int64_t v)
{
    char buf[24], out[26];
    int n = 0, k = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        buf[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0);
    if (v < 0) out[k++] = '-';
    while (n > 0) out[k++] = buf[--n];
    out[k] = 0;
    tp_puts(out);
}

/* one failed test case: names it, the first index that differs and both values */
static inline void report_mismatch(const char *what, int32_t case_id, int32_t index, int64_t got, int64_t want)
{
    g_failed++;
    tp_puts("FAIL ");
    tp_puts(what);
    tp_puts(" case ");
    put_int(case_id);
    tp_puts(" at index ");
    put_int(index);
    tp_puts(": got ");
    put_int(got);
    tp_puts(", expected ");
    put_int(want);
    tp_puts("\n");
}

/* one test case: got[0..n) == want[0..n) (int32 copies of the outputs) */
static inline void check_i32(const char *what, int32_t case_id, const int32_t *got, const int32_t *want, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            report_mismatch(what, case_id, i, got[i], want[i]);
            return;
        }
    }
    g_passed++;
}

/* xorshift32: the same sequence on every platform */
static uint32_t g_rng = TEST_RNG_SEED;

static inline uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

/* uniform in [lo, hi] (any int32 range) */
static inline int32_t rnd_range(int32_t lo, int32_t hi)
{
    return (int32_t)((uint32_t)lo + rnd() % ((uint32_t)hi - (uint32_t)lo + 1u));
}

#endif /* TEST_CHECK_H */
