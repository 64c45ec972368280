/*
 * dsl_kernel_dsp_rows.h - one output channel over blocks of output rows whose input windows overlap
 * (the few-channel layers: the last layers 2->1 k5 and 8->1 k7, and the odd last channel of any layer),
 * for the DSP skeleton (dsl_conv1d_dsp_body.h), with dilation 1: row t reads the window
 * x[t * row_step .. t * row_step + win).
 *
 * A block takes the rows in streams whose rows start a whole number of words apart: with a row step of
 * 4 bytes or a multiple, one stream of consecutive rows; with an even step two streams (even and odd rows),
 * else four. In a stream every row meets the input words as loaded from the stream's start, so each word
 * is loaded and split (SXTB16) once for every row of the stream that reads it, against one table of
 * weights split into SMLAD pairs once per call (dsl_dsp_rows_prepare) and zero-padded to whole words:
 * the row loop loads no int8 weights and has no scalar tail (the zero weights absorb the bytes a word
 * holds after a window).
 * For a window and row step known at compile time (a specialised step) the loops unroll completely and
 * every index is a constant. Integer sums are exact: the order differs from the portable code, the
 * result does not.
 */
#ifndef DSL_KERNEL_DSP_ROWS_H
#define DSL_KERNEL_DSP_ROWS_H

#include <stdint.h>
#include "dsl_kernel_dsp.h"

/* rows per stream in a block */
#define DSL_DSP_ROWS 4
/* weight words (4 int8 each): windows up to 64 bytes */
#define DSL_DSP_ROWS_WORDS_MAX 16
/* windows of at most this many words keep their split weights in registers (input words outer); longer
   ones are read from the table where the rows need them (weight words outer) */
#define DSL_DSP_ROWS_REG_WORDS 3

/* the complete unrolling the constant indices need (gcc stops at its size limits otherwise) */
#if defined(__GNUC__) && !defined(__clang__)
#define DSL_DSP_ROWS_UNROLL _Pragma("GCC unroll 64")
#else
#define DSL_DSP_ROWS_UNROLL
#endif

/* the split weights: pair[m] = {[w0 w2], [w1 w3]} of the window's word m, the order SXTB16 splits an input
   word in; zero after the window */
typedef struct {
    int32_t pair[DSL_DSP_ROWS_WORDS_MAX][2];
} dsl_dsp_rows_w_t;

/* streams of a block: 4 / gcd(row_step, 4) */
DSL_INLINE int32_t dsl_dsp_rows_streams(int32_t row_step)
{
    return (row_step & 3) == 0 ? 1 : (row_step & 1) == 0 ? 2 : 4;
}

/* words of the window */
DSL_INLINE int32_t dsl_dsp_rows_win_words(int32_t win)
{
    return (win + 3) >> 2;
}

/* the blocks serve a window when the rows of a stream overlap (else a block would load the gaps between
   windows) and the weights fit the table */
DSL_INLINE int32_t dsl_dsp_rows_fit(int32_t win, int32_t row_step)
{
    return row_step * dsl_dsp_rows_streams(row_step) < win && dsl_dsp_rows_win_words(win) <= DSL_DSP_ROWS_WORDS_MAX;
}

/* input words a stream loads (stream_step: its row step, a multiple of 4): from its first row's start to its
   last row's last byte, up to 3 bytes more */
DSL_INLINE int32_t dsl_dsp_rows_words(int32_t win, int32_t stream_step)
{
    return ((DSL_DSP_ROWS - 1) * stream_step + win - 1) / 4 + 1;
}

/* bytes a block of rows from x reads from x: the last stream's words */
DSL_INLINE int32_t dsl_dsp_rows_span(int32_t win, int32_t row_step)
{
    const int32_t k = dsl_dsp_rows_streams(row_step);
    return (k - 1) * row_step + 4 * dsl_dsp_rows_words(win, k * row_step);
}

/* two int16 halves: lo in the low half, hi in the high half */
DSL_INLINE int32_t dsl_dsp_rows_pair(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

/* the split weights of one channel's window w (win int8) */
DSL_INLINE void dsl_dsp_rows_prepare(const int8_t *w, int32_t win, dsl_dsp_rows_w_t *r)
{
    int32_t m, k;
    DSL_DSP_ROWS_UNROLL
    for (m = 0; m < dsl_dsp_rows_win_words(win); m++) {
        int32_t b[4];
        DSL_DSP_ROWS_UNROLL
        for (k = 0; k < 4; k++) b[k] = 4 * m + k < win ? w[4 * m + k] : 0;
        r->pair[m][0] = dsl_dsp_rows_pair(b[0], b[2]);
        r->pair[m][1] = dsl_dsp_rows_pair(b[1], b[3]);
    }
}

/* acc[r] += w . x[r * stream_step .. r * stream_step + win) for the stream's rows r (stream_step a multiple
   of 4), w prepared for this win. Reads dsl_dsp_rows_words(win, stream_step) words from x: the caller keeps
   them inside the input.
   Short windows: input words outer, each word meets every row that reads it, the weights stay in registers.
   Longer ones: weight words outer, each meets every row in turn; with a step of d >= 2 words in chains
   (m, m + d, m + 2d, ...), where each next weight word needs one new input word and the rows' others stay
   in registers. Each input word is loaded and split where it is first needed. */
DSL_INLINE void dsl_dsp_rows_dot(const dsl_dsp_rows_w_t *ws, const int8_t *x, int32_t win, int32_t stream_step,
                                 int32_t acc[DSL_DSP_ROWS])
{
    const int32_t n = dsl_dsp_rows_win_words(win), q = stream_step >> 2;
    const int32_t d = q >= 2 ? q : 1;
    /* the stream's input words split, and whether loaded yet (constants once unrolled) */
    int32_t e[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX], o[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX];
    int32_t ready[DSL_DSP_ROWS * DSL_DSP_ROWS_WORDS_MAX];
    int32_t c, m, r, j;
    DSL_DSP_ROWS_UNROLL
    for (j = 0; j < dsl_dsp_rows_words(win, stream_step); j++) ready[j] = 0;
    if (n <= DSL_DSP_ROWS_REG_WORDS) {
        DSL_DSP_ROWS_UNROLL
        for (j = 0; j < dsl_dsp_rows_words(win, stream_step); j++) {
            const int32_t v = dsl_dsp_load_s8x4(x + 4 * j);
            const int32_t ej = __sxtb16(v), oj = dsl_dsp_sxtb16_ror8(v);
            DSL_DSP_ROWS_UNROLL
            for (r = 0; r < DSL_DSP_ROWS; r++) {
                m = j - r * q;
                if (m >= 0 && m < n) {
                    acc[r] = __smlad(ws->pair[m][0], ej, acc[r]);
                    acc[r] = __smlad(ws->pair[m][1], oj, acc[r]);
                }
            }
        }
        return;
    }
#if defined(__GNUC__)
    /* the table is read here, word by word as the rows need it: gcc would hoist the loads out of the row
       loop (the output stores cannot alias int32) and spill them */
    __asm__ volatile("" : : "r"(ws) : "memory");
#endif
    DSL_DSP_ROWS_UNROLL
    for (c = 0; c < d; c++) {
        DSL_DSP_ROWS_UNROLL
        for (m = c; m < n; m += d) {
            uint64_t wp; /* both pairs, one LDRD */
            __builtin_memcpy(&wp, ws->pair[m], 8);
            DSL_DSP_ROWS_UNROLL
            for (r = 0; r < DSL_DSP_ROWS; r++) {
                j = r * q + m;
                if (!ready[j]) {
                    const int32_t v = dsl_dsp_load_s8x4(x + 4 * j);
                    e[j] = __sxtb16(v);
                    o[j] = dsl_dsp_sxtb16_ror8(v);
                    ready[j] = 1;
                }
                acc[r] = __smlad((int32_t)(uint32_t)wp, e[j], acc[r]);
                acc[r] = __smlad((int32_t)(uint32_t)(wp >> 32), o[j], acc[r]);
            }
        }
    }
}

#endif /* DSL_KERNEL_DSP_ROWS_H */
