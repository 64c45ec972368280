/* dsl_semihost.c - Arm semihosting calls (see dsl_semihost.h). */
#include "dsl_semihost.h"

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE0 0x04
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_FLEN 0x0C
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int32_t dsl_sh_call(int32_t op, const void *arg)
{
    register int32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static int32_t dsl_sh_strlen(const char *s)
{
    int32_t n = 0;
    while (s[n] != 0) n++;
    return n;
}

void dsl_sh_write0(const char *s) { (void)dsl_sh_call(SYS_WRITE0, s); }

int32_t dsl_sh_open(const char *path, int32_t mode)
{
    const uint32_t args[3] = {(uint32_t)path, (uint32_t)mode, (uint32_t)dsl_sh_strlen(path)};
    return dsl_sh_call(SYS_OPEN, args);
}

int32_t dsl_sh_close(int32_t handle)
{
    const uint32_t args[1] = {(uint32_t)handle};
    return dsl_sh_call(SYS_CLOSE, args);
}

int32_t dsl_sh_write(int32_t handle, const void *buf, int32_t len)
{
    const uint32_t args[3] = {(uint32_t)handle, (uint32_t)buf, (uint32_t)len};
    return dsl_sh_call(SYS_WRITE, args);
}

int32_t dsl_sh_read(int32_t handle, void *buf, int32_t len)
{
    const uint32_t args[3] = {(uint32_t)handle, (uint32_t)buf, (uint32_t)len};
    return dsl_sh_call(SYS_READ, args);
}

int32_t dsl_sh_flen(int32_t handle)
{
    const uint32_t args[1] = {(uint32_t)handle};
    return dsl_sh_call(SYS_FLEN, args);
}

void dsl_sh_exit(int32_t code)
{
    const uint32_t args[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
    (void)dsl_sh_call(SYS_EXIT_EXTENDED, args);
    /* a host without SYS_EXIT_EXTENDED: plain exit (status lost), then never return */
    (void)dsl_sh_call(SYS_EXIT, (const void *)ADP_STOPPED_APPLICATION_EXIT);
    for (;;) {
    }
}
