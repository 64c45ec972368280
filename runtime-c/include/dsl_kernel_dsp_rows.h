/*
 * dsl_kernel_dsp_rows.h - one output channel over blocks of 4 output rows whose input windows overlap
 * (the few-channel layers: the last layers 2->1 k5 and 8->1 k7, and the odd last channel of any layer),
 * for the DSP skeleton (dsl_conv1d_dsp_body.h), with dilation 1: row t reads the window
 * x[t * row_step .. t * row_step + win) and consecutive windows overlap when row_step < win.
 *
 * Each input word of a block is loaded and split (SXTB16) once for every row that reads it. A row that
 * starts p bytes (p = 0..3) after a word boundary meets the words as loaded if its weights are shifted
 * by p: w_p[k] = w[k - p], zero outside the window. The weights of each phase the block needs are split
 * into SMLAD pairs once per call (dsl_dsp_rows_prepare), so the row loop loads no int8 weights and has no
 * scalar tail: the zero weights absorb the bytes a word holds around a window.
 * For a window and row step known at compile time (a specialised step) the loops unroll completely,
 * every index is a constant and the phase weights are stack slots.
 * Integer sums are exact: the order differs from the portable code, the result does not.
 */
#ifndef DSL_KERNEL_DSP_ROWS_H
#define DSL_KERNEL_DSP_ROWS_H

#include <stdint.h>
#include "dsl_kernel_dsp.h"

/* output rows per block (even: the skeleton's 2-row loops take the rest; QEMU, shipped model: 2 and 3
   rows cost 5-17 % more than 4 on 2->1 k5 and 8->1 k7) */
#define DSL_DSP_ROWS 4
/* weight words per phase (4 int8 each): windows up to 61 bytes */
#define DSL_DSP_ROWS_WORDS_MAX 16

/* the complete unrolling the constant indices need (gcc stops at its size limits otherwise) */
#if defined(__GNUC__) && !defined(__clang__)
#define DSL_DSP_ROWS_UNROLL _Pragma("GCC unroll 64")
#else
#define DSL_DSP_ROWS_UNROLL
#endif

/* the phase weights: pair[p][m] = SMLAD pairs of w_p[4m .. 4m + 4): {[w_p0 w_p2], [w_p1 w_p3]}, the order
   SXTB16 splits an input word in */
typedef struct {
    int32_t pair[4][DSL_DSP_ROWS_WORDS_MAX][2];
} dsl_dsp_rows_w_t;

/* the blocks serve a window when the rows overlap (else a block would load the gaps between windows) and
   every phase's weights fit */
DSL_INLINE int32_t dsl_dsp_rows_fit(int32_t win, int32_t row_step)
{
    return row_step < win && win + 3 <= 4 * DSL_DSP_ROWS_WORDS_MAX;
}

/* input words a block loads: from its first row's start to its last row's last byte (up to 3 bytes more) */
DSL_INLINE int32_t dsl_dsp_rows_words(int32_t win, int32_t row_step)
{
    return ((DSL_DSP_ROWS - 1) * row_step + win - 1) / 4 + 1;
}

/* words of phase p: ceil((win + p) / 4) */
DSL_INLINE int32_t dsl_dsp_rows_phase_words(int32_t win, int32_t p)
{
    return (win + p + 3) >> 2;
}

/* true if a row of the block starts at phase p */
DSL_INLINE int32_t dsl_dsp_rows_phase_used(int32_t row_step, int32_t p)
{
    int32_t r, used = 0;
    for (r = 0; r < DSL_DSP_ROWS; r++) used |= ((r * row_step) & 3) == p;
    return used;
}

/* two int16 halves: lo in the low half, hi in the high half */
DSL_INLINE int32_t dsl_dsp_rows_pair(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

/* the phase weights of one channel's window w (win int8), for the phases a block with this row step uses */
DSL_INLINE void dsl_dsp_rows_prepare(const int8_t *w, int32_t win, int32_t row_step, dsl_dsp_rows_w_t *r)
{
    int32_t p, m, k;
    DSL_DSP_ROWS_UNROLL
    for (p = 0; p < 4; p++) {
        if (!dsl_dsp_rows_phase_used(row_step, p)) continue;
        DSL_DSP_ROWS_UNROLL
        for (m = 0; m < dsl_dsp_rows_phase_words(win, p); m++) {
            int32_t b[4];
            DSL_DSP_ROWS_UNROLL
            for (k = 0; k < 4; k++) {
                const int32_t i = 4 * m + k - p;
                b[k] = i >= 0 && i < win ? w[i] : 0;
            }
            r->pair[p][m][0] = dsl_dsp_rows_pair(b[0], b[2]);
            r->pair[p][m][1] = dsl_dsp_rows_pair(b[1], b[3]);
        }
    }
#if defined(__GNUC__)
    /* keep the table in memory: as scalars, gcc spills and reloads them one word at a time; from memory
       the dot loads both pairs of a word with one LDRD */
    __asm__ volatile("" : : "r"(r) : "memory");
#endif
}

/* acc[r] += w . x[r * row_step .. r * row_step + win) for the block's rows r, w prepared for this win and
   row step. Reads dsl_dsp_rows_words(win, row_step) words from x: the caller keeps them inside the input.
   Weight-stationary: each weight word meets every row that uses it in turn, and each input word is loaded
   and split where it is first needed. With a step of 2 or more words the weight words go in chains
   (m, m + d, m + 2d, ...: d the step in words), where each next weight word needs one new input word and
   the others stay in registers (the rows of a block see the same words one step apart). */
DSL_INLINE void dsl_dsp_rows_dot(const dsl_dsp_rows_w_t *ws, const int8_t *x, int32_t win, int32_t row_step,
                                 int32_t acc[DSL_DSP_ROWS])
{
    const int32_t d = row_step >= 8 ? row_step >> 2 : 1;
    /* the block's input words split, and whether loaded yet (constants once unrolled): at most
       ((rows - 1) * row_step + win - 1) / 4 + 1 words, row_step < win <= 61 */
    int32_t e[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX], o[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX];
    int32_t ready[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX];
    int32_t c, m, r, j;
#if defined(__GNUC__)
    /* the table is read here, word by word as the rows need it: gcc would hoist the loads out of the row
       loop (the int16/int8 output stores cannot alias int32) and spill them */
    __asm__ volatile("" : : "r"(ws) : "memory");
#endif
    DSL_DSP_ROWS_UNROLL
    for (j = 0; j < dsl_dsp_rows_words(win, row_step); j++) ready[j] = 0;
    DSL_DSP_ROWS_UNROLL
    for (c = 0; c < d; c++) {
        DSL_DSP_ROWS_UNROLL
        for (m = c; m < dsl_dsp_rows_phase_words(win, 3); m += d) {
            DSL_DSP_ROWS_UNROLL
            for (r = 0; r < DSL_DSP_ROWS; r++) {
                const int32_t p = (r * row_step) & 3;
                if (m < dsl_dsp_rows_phase_words(win, p)) {
                    uint64_t wp; /* both pairs, one LDRD */
                    j = ((r * row_step) >> 2) + m;
                    if (!ready[j]) {
                        const int32_t v = dsl_dsp_load_s8x4(x + 4 * j);
                        e[j] = __sxtb16(v);
                        o[j] = dsl_dsp_sxtb16_ror8(v);
                        ready[j] = 1;
                    }
                    __builtin_memcpy(&wp, ws->pair[p][m], 8);
                    acc[r] = __smlad((int32_t)(uint32_t)wp, e[j], acc[r]);
                    acc[r] = __smlad((int32_t)(uint32_t)(wp >> 32), o[j], acc[r]);
                }
            }
        }
    }
}

#endif /* DSL_KERNEL_DSP_ROWS_H */
