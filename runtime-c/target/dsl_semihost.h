/*
 * dsl_semihost.h - Arm semihosting calls (BKPT 0xAB) for QEMU runs: console, files, exit code.
 * Needs QEMU's "-semihosting-config enable=on,target=native".
 */
#ifndef DSL_SEMIHOST_H
#define DSL_SEMIHOST_H

#include <stdint.h>

/* SYS_OPEN modes (ISO C fopen equivalents) */
#define DSL_SH_MODE_R 0
#define DSL_SH_MODE_RB 1
#define DSL_SH_MODE_W 4
#define DSL_SH_MODE_WB 5
#define DSL_SH_MODE_AB 9

void dsl_sh_write0(const char *s);                              /* SYS_WRITE0: NUL-terminated string to the console */
int32_t dsl_sh_open(const char *path, int32_t mode);            /* SYS_OPEN: handle, or -1 */
int32_t dsl_sh_close(int32_t handle);                           /* SYS_CLOSE: 0 or -1 */
int32_t dsl_sh_write(int32_t handle, const void *buf, int32_t len); /* SYS_WRITE: bytes NOT written (0 = all) */
int32_t dsl_sh_read(int32_t handle, void *buf, int32_t len);    /* SYS_READ: bytes NOT read (len = EOF) */
int32_t dsl_sh_flen(int32_t handle);                            /* SYS_FLEN: file length, or -1 */
void dsl_sh_exit(int32_t code) __attribute__((noreturn));       /* SYS_EXIT_EXTENDED: QEMU exits with code & 0xFF */

#endif /* DSL_SEMIHOST_H */
