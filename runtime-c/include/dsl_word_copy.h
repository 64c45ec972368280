/*
 * dsl_word_copy.h - the forward copy of dsl_copy_bytes and dsl_history_shift (kernel files only).
 *
 * When dst and src are both word aligned (and at least 8 bytes move) the bytes move in blocks of
 * eight words, then single words, then bytes; otherwise byte by byte (no unaligned access: any core, any variant).
 * Each block is loaded whole before it is stored, and later blocks read only above what
 * earlier blocks wrote, so the copy is also a correct overlapping move when dst < src.
 * On Thumb-2 a block is one LDMIA and one STMIA (gcc 12 does not pair the word accesses
 * itself: 11 instructions per 16 bytes in C, 4 per 32 with LDM/STM). The block registers skip
 * r7 (the frame pointer at -O0) and r9 (a platform register in some ABIs).
 * Word accesses in C go through a may_alias type: the buffers are int32 words (arena, state,
 * ring) or int16 PCM, all seen by the kernels as bytes.
 */
#ifndef DSL_WORD_COPY_H
#define DSL_WORD_COPY_H

#include <stdint.h>
#include "dsl_kernel_internal.h"

#if defined(__GNUC__)
typedef uint32_t __attribute__((__may_alias__)) dsl_word_t;
#else
typedef uint32_t dsl_word_t;
#endif

#if defined(__GNUC__) && defined(__thumb2__)
#define DSL_COPY_LDM_STM 1
#endif

/* n blocks of 8 words from *s to *d, both advanced past them */
DSL_INLINE void dsl_copy_blocks8(dsl_word_t **d, const dsl_word_t **s, int32_t n)
{
#if defined(DSL_COPY_LDM_STM)
    dsl_word_t *dp = *d;
    const dsl_word_t *sp = *s;
    for (; n > 0; n--) {
        __asm__ volatile("ldmia %[s]!, {r3, r4, r5, r6, r8, r10, r11, r12}\n\t"
                         "stmia %[d]!, {r3, r4, r5, r6, r8, r10, r11, r12}"
                         : [s] "+r"(sp), [d] "+r"(dp)
                         :
                         : "r3", "r4", "r5", "r6", "r8", "r10", "r11", "r12", "memory");
    }
    *d = dp;
    *s = sp;
#else
    dsl_word_t *dp = *d;
    const dsl_word_t *sp = *s;
    int32_t k;
    for (; n > 0; n--) {
        uint32_t w[8];
        for (k = 0; k < 8; k++) w[k] = sp[k];
        for (k = 0; k < 8; k++) dp[k] = w[k];
        sp += 8;
        dp += 8;
    }
    *d = dp;
    *s = sp;
#endif
}

DSL_INLINE void dsl_copy_forward(uint8_t *dst, const uint8_t *src, int32_t count)
{
    int32_t i = 0;
    if (count >= 8 && ((uintptr_t)dst & 3u) == 0 && ((uintptr_t)src & 3u) == 0) { /* fewer: bytes are as fast */
        dsl_word_t *d = (dsl_word_t *)(void *)dst;
        const dsl_word_t *s = (const dsl_word_t *)(const void *)src;
        int32_t n;
        dsl_copy_blocks8(&d, &s, count >> 5);
        for (n = (count >> 2) & 7; n > 0; n--) *d++ = *s++;
        i = count & ~(int32_t)3;
    }
    for (; i < count; i++) dst[i] = src[i];
}

#endif /* DSL_WORD_COPY_H */
