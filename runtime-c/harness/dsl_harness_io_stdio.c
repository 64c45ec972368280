/* dsl_harness_io_stdio.c - host backend of the harness I/O (C stdio, argv, no instruction counter). */
#include "dsl_harness_io.h"

#include <stdio.h>

#define DSL_HIO_MAX_FILES 4

static FILE *g_files[DSL_HIO_MAX_FILES];

int dsl_hio_paths(int argc, char **argv, const char **in_path, const char **out_path, const char **profile_path)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s <input.pcm: raw int16 little-endian mono> <output frame trace> [<output step profile>]\n",
                argc > 0 ? argv[0] : "dsl_harness");
        return -1;
    }
    *in_path = argv[1];
    *out_path = argv[2];
    *profile_path = argc == 4 ? argv[3] : NULL;
    return 0;
}

static int32_t dsl_hio_open(const char *path, const char *mode)
{
    int32_t h;
    for (h = 0; h < DSL_HIO_MAX_FILES; h++) {
        if (g_files[h] == NULL) {
            g_files[h] = fopen(path, mode);
            return g_files[h] != NULL ? h : -1;
        }
    }
    return -1;
}

int32_t dsl_hio_open_read(const char *path) { return dsl_hio_open(path, "rb"); }

int32_t dsl_hio_open_write(const char *path) { return dsl_hio_open(path, "wb"); }

int32_t dsl_hio_read(int32_t handle, void *buf, int32_t len)
{
    size_t n;
    if (handle < 0 || handle >= DSL_HIO_MAX_FILES || g_files[handle] == NULL || len < 0) return -1;
    n = fread(buf, 1, (size_t)len, g_files[handle]);
    if (n < (size_t)len && ferror(g_files[handle])) return -1;
    return (int32_t)n;
}

int32_t dsl_hio_write(int32_t handle, const void *buf, int32_t len)
{
    if (handle < 0 || handle >= DSL_HIO_MAX_FILES || g_files[handle] == NULL || len < 0) return -1;
    return fwrite(buf, 1, (size_t)len, g_files[handle]) == (size_t)len ? 0 : -1;
}

int32_t dsl_hio_close(int32_t handle)
{
    int rc;
    if (handle < 0 || handle >= DSL_HIO_MAX_FILES || g_files[handle] == NULL) return -1;
    rc = fclose(g_files[handle]);
    g_files[handle] = NULL;
    return rc == 0 ? 0 : -1;
}

void dsl_hio_log(const char *line)
{
    fputs(line, stderr);
    fputc('\n', stderr);
}

int dsl_hio_counter_available(void) { return 0; }

void dsl_hio_counter_start(void) {}

uint64_t dsl_hio_counter_ticks(void) { return 0; }

uint32_t dsl_hio_ticks_to_instructions(uint64_t ticks)
{
    (void)ticks;
    return 0;
}

uint64_t dsl_hio_ticks_to_instructions64(uint64_t ticks)
{
    (void)ticks;
    return 0;
}
