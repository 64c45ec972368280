/*
 * dsl_harness_io.h - what the test harness needs from its platform: file I/O, a log line, the
 * command line, and an instruction counter. Two backends:
 *   dsl_harness_io_stdio.c     host: C stdio, argv, no counter (instructions reported as 0);
 *   dsl_harness_io_semihost.c  target: Arm semihosting (runtime-c/target/dsl_semihost.h), the command
 *                              line from SYS_GET_CMDLINE (fallback: DSL_HARNESS_INPUT / DSL_HARNESS_OUTPUT),
 *                              and the SysTick counter of runtime-c/target/dsl_icount.h under QEMU -icount.
 */
#ifndef DSL_HARNESS_IO_H
#define DSL_HARNESS_IO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Input PCM path, output trace path and the optional third argument, the per-step profile path
   (NULL when not given; only a harness built with DSL_PROFILE_STEPS writes it). argc/argv are main's on
   the host, unused on target. Returns 0, or -1 (after logging how to call the harness) when the first
   two are missing. */
int dsl_hio_paths(int argc, char **argv, const char **in_path, const char **out_path, const char **profile_path);

/* Files: a handle >= 0, or -1 on failure. */
int32_t dsl_hio_open_read(const char *path);
int32_t dsl_hio_open_write(const char *path);
/* Reads up to len bytes; returns the number read (short only at end of file), or -1 on error. */
int32_t dsl_hio_read(int32_t handle, void *buf, int32_t len);
/* Writes len bytes; returns 0, or -1 on error. */
int32_t dsl_hio_write(int32_t handle, const void *buf, int32_t len);
/* Closes; returns 0, or -1 on error (e.g. the final flush failed). */
int32_t dsl_hio_close(int32_t handle);

/* One line of text to the console (the newline is added). */
void dsl_hio_log(const char *line);

/* Instruction counter: 1 when counts are measured (QEMU -icount), 0 on the host. */
int dsl_hio_counter_available(void);
void dsl_hio_counter_start(void);
uint64_t dsl_hio_counter_ticks(void);
/* Converts a tick difference to instructions, saturating at UINT32_MAX. */
uint32_t dsl_hio_ticks_to_instructions(uint64_t ticks);
/* The same without saturation (sums over many calls). */
uint64_t dsl_hio_ticks_to_instructions64(uint64_t ticks);

#ifdef __cplusplus
}
#endif

#endif /* DSL_HARNESS_IO_H */
