/*
 * dsl_harness_io_semihost.c - target backend of the harness I/O: Arm semihosting under QEMU
 * (-semihosting-config enable=on,target=native; files resolve against QEMU's working directory)
 * and the SysTick instruction counter (QEMU -icount shift=DSL_ICOUNT_SHIFT, reference clock
 * DSL_TARGET_REF_HZ; both passed with -D by the build glue).
 */
#include "dsl_harness_io.h"

#include "dsl_icount.h"
#include "dsl_semihost.h"

#ifndef DSL_TARGET_REF_HZ
#error "define DSL_TARGET_REF_HZ (the board's SysTick reference clock in Hz, from its profile)"
#endif
#ifndef DSL_ICOUNT_SHIFT
#error "define DSL_ICOUNT_SHIFT (the -icount shift QEMU runs with, from the board profile)"
#endif
#ifndef DSL_HARNESS_INPUT
#define DSL_HARNESS_INPUT "input.pcm" /* used when the semihosting command line has no arguments */
#endif
#ifndef DSL_HARNESS_OUTPUT
#define DSL_HARNESS_OUTPUT "trace.bin"
#endif

#define DSL_SYS_GET_CMDLINE 0x15
#define DSL_CMDLINE_MAX 512

static char g_cmdline[DSL_CMDLINE_MAX];

static int32_t dsl_hio_semihost_call(int32_t op, void *param)
{
    register int32_t r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = param;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

int dsl_hio_paths(int argc, char **argv, const char **in_path, const char **out_path, const char **profile_path)
{
    uint32_t block[2];
    (void)argc;
    (void)argv;
    *in_path = DSL_HARNESS_INPUT;
    *out_path = DSL_HARNESS_OUTPUT;
    *profile_path = 0;
    block[0] = (uint32_t)(uintptr_t)g_cmdline;
    block[1] = DSL_CMDLINE_MAX - 1;
    if (dsl_hio_semihost_call(DSL_SYS_GET_CMDLINE, block) == 0) {
        /* words: program, input, output, optional profile. Find all before terminating any. */
        char *s = g_cmdline;
        char *words[4] = {0, 0, 0, 0};
        int n = 0;
        g_cmdline[DSL_CMDLINE_MAX - 1] = '\0';
        while (*s != '\0' && n < 4) {
            while (*s == ' ') s++;
            if (*s == '\0') break;
            words[n++] = s;
            while (*s != ' ' && *s != '\0') s++;
            if (*s == ' ') *s++ = '\0';
        }
        if (n >= 3) {
            *in_path = words[1];
            *out_path = words[2];
            if (n == 4) *profile_path = words[3];
        } else if (n == 2) {
            *in_path = words[1];
        }
    }
    return 0;
}

int32_t dsl_hio_open_read(const char *path) { return dsl_sh_open(path, DSL_SH_MODE_RB); }

int32_t dsl_hio_open_write(const char *path) { return dsl_sh_open(path, DSL_SH_MODE_WB); }

int32_t dsl_hio_read(int32_t handle, void *buf, int32_t len)
{
    int32_t not_read;
    if (handle < 0 || len < 0) return -1;
    not_read = dsl_sh_read(handle, buf, len);
    if (not_read < 0 || not_read > len) return -1;
    return len - not_read;
}

int32_t dsl_hio_write(int32_t handle, const void *buf, int32_t len)
{
    if (handle < 0 || len < 0) return -1;
    return dsl_sh_write(handle, buf, len) == 0 ? 0 : -1;
}

int32_t dsl_hio_close(int32_t handle) { return dsl_sh_close(handle) == 0 ? 0 : -1; }

void dsl_hio_log(const char *line)
{
    dsl_sh_write0(line);
    dsl_sh_write0("\n");
}

int dsl_hio_counter_available(void) { return 1; }

void dsl_hio_counter_start(void) { dsl_icount_start(); }

uint64_t dsl_hio_counter_ticks(void) { return dsl_icount_ticks(); }

uint32_t dsl_hio_ticks_to_instructions(uint64_t ticks)
{
    uint64_t n = dsl_icount_ticks_to_instructions(ticks, (uint32_t)DSL_TARGET_REF_HZ, (uint32_t)DSL_ICOUNT_SHIFT);
    return n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)n;
}

uint64_t dsl_hio_ticks_to_instructions64(uint64_t ticks)
{
    return dsl_icount_ticks_to_instructions(ticks, (uint32_t)DSL_TARGET_REF_HZ, (uint32_t)DSL_ICOUNT_SHIFT);
}
