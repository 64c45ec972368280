/*
 * test_target.c - self-test of runtime-c/target on a QEMU board (run by run_qemu_tests.sh):
 * semihosting console and files, the SysTick instruction counter (short and across 24-bit
 * wraps), exit codes. Built with -DTEST_HARDFAULT it faults on purpose: expected exit 127.
 * Needs -icount shift=DSL_ICOUNT_SHIFT. Prints "N passed, M failed", returns M != 0.
 */
#include <stdint.h>
#include "dsl_semihost.h"
#include "dsl_icount.h"

#if defined(TEST_HARDFAULT)

int main(void)
{
    dsl_sh_write0("faulting on purpose\n");
    return (int)*(volatile uint32_t *)0xFFFFFFF0u; /* reserved address: BusFault escalates to HardFault */
}

#else

static int g_passed, g_failed;

static void put_u64(uint64_t v)
{
    char b[24];
    int n = 23;
    b[n] = 0;
    do {
        b[--n] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
    dsl_sh_write0(b + n);
}

static void check(int ok, const char *what)
{
    if (ok) {
        g_passed++;
    } else {
        g_failed++;
        dsl_sh_write0("FAIL ");
        dsl_sh_write0(what);
        dsl_sh_write0("\n");
    }
}

/* 2 * n instructions: subs + bne per iteration */
static uint64_t count_loop(uint32_t n)
{
    uint64_t t0, t1, e0, e1;
    e0 = dsl_icount_ticks();
    e1 = dsl_icount_ticks();
    t0 = dsl_icount_ticks();
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
    t1 = dsl_icount_ticks();
    return dsl_icount_ticks_to_instructions((t1 - t0) - (e1 - e0), DSL_TARGET_REF_HZ, DSL_ICOUNT_SHIFT);
}

int main(void)
{
    static const char path[] = "dsl_target_selftest.bin";
    static uint8_t data[300], back[300];
    int32_t h, i;
    uint64_t n;

    for (i = 0; i < 300; i++) data[i] = (uint8_t)(i * 7 + 3);
    h = dsl_sh_open(path, DSL_SH_MODE_WB);
    check(h >= 0, "SYS_OPEN wb");
    check(dsl_sh_write(h, data, 300) == 0, "SYS_WRITE all bytes");
    check(dsl_sh_close(h) == 0, "SYS_CLOSE");
    h = dsl_sh_open(path, DSL_SH_MODE_RB);
    check(h >= 0, "SYS_OPEN rb");
    check(dsl_sh_flen(h) == 300, "SYS_FLEN");
    check(dsl_sh_read(h, back, 200) == 0, "SYS_READ 200");
    check(dsl_sh_read(h, back + 200, 200) == 100, "SYS_READ at end returns bytes not read");
    check(dsl_sh_close(h) == 0, "SYS_CLOSE 2");
    for (i = 0; i < 300 && back[i] == data[i]; i++) {
    }
    check(i == 300, "file round trip");

    dsl_icount_start();
    n = count_loop(100000u);
    dsl_sh_write0("icount 200000-instruction loop: ");
    put_u64(n);
    dsl_sh_write0("\n");
    check(n >= 199990u && n <= 200010u, "icount short loop");
    {
        /* the same loop again, at another phase of the tick grid: equal up to the quantization */
        const uint64_t n2 = count_loop(100000u);
        check(n2 + 1u >= n && n2 <= n + 1u, "icount repeatable (+-1)");
    }
    n = count_loop(15000000u); /* 30 M instructions: about 3 SysTick wraps at shift 6 */
    dsl_sh_write0("icount 30000000-instruction loop: ");
    put_u64(n);
    dsl_sh_write0("\n");
    check(n >= 29999990u && n <= 30000100u, "icount across 24-bit wraps");

    put_u64((uint64_t)g_passed);
    dsl_sh_write0(" passed, ");
    put_u64((uint64_t)g_failed);
    dsl_sh_write0(" failed\n");
    return g_failed != 0;
}

#endif
