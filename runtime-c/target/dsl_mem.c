/*
 * dsl_mem.c - memcpy / memmove / memset for images linked without a C library: gcc may
 * emit calls to them for struct copies and initialisers even with -ffreestanding.
 */
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) && !defined(__clang__)
#define DSL_NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define DSL_NO_LIBCALLS
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

DSL_NO_LIBCALLS void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    while (n-- != 0) *d++ = *s++;
    return dst;
}

DSL_NO_LIBCALLS void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    if (d < s) {
        while (n-- != 0) *d++ = *s++;
    } else {
        while (n != 0) {
            n--;
            d[n] = s[n];
        }
    }
    return dst;
}

DSL_NO_LIBCALLS void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    while (n-- != 0) *d++ = (uint8_t)c;
    return dst;
}
