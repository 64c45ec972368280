/*
 * dsl_stage_dsp.h - the output stage of dsl_kernel_internal.h (dsl_stage_s8 / dsl_stage_s16) in fewer
 * instructions for the DSP skeletons (dsl_conv1d_dsp_body.h, dsl_conv1d_dsp_pairs_body.h), with the same bits:
 *   - the default rule's shortcut ((acc * M) >> 32) + round is one SMMLA, then one ASR (DSL_STAGE_SHORTCUT);
 *   - the clamp to the full int8 / int16 range is one SSAT (DSL_STAGE_INT8_RANGE, DSL_STAGE_INT16_RANGE);
 *   - with DSL_STAGE_ZP_IN_ROUND (default rule, shortcut form, proven by dslc not to overflow) the zero
 *     point is folded into the shortcut's rounding term when a channel is prepared:
 *       ((h + round) >> right) + zp == (h + round + zp * 2^right) >> right
 *     (adding a multiple of 2^right commutes with the arithmetic shift), which saves an add per output.
 * The prepare and the stores of this header go together: a q from dsl_dsp_requant_prepare is only
 * given to dsl_stage_s8_dsp / dsl_stage_s16_dsp with the same form.
 */
#ifndef DSL_STAGE_DSP_H
#define DSL_STAGE_DSP_H

#include <stdint.h>
#include "dsl_kernel_internal.h"
#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif

DSL_INLINE int32_t dsl_dsp_sat_s8(int32_t v)
{
#if defined(__ARM_FEATURE_SAT)
    return __ssat(v, 8);
#else
    return dsl_clamp_i32(v, -128, 127);
#endif
}

DSL_INLINE int32_t dsl_dsp_sat_s16(int32_t v)
{
#if defined(__ARM_FEATURE_SAT)
    return __ssat(v, 16);
#else
    return dsl_clamp_i32(v, -32768, 32767);
#endif
}

/* ((acc * m) >> 32) + a, the high word of the int64 product: one SMMLA on the target (gcc emits SMULL and
   ADD for the C); the callers' sums are proven to fit int32, so the instruction's wrap never shows */
DSL_INLINE int32_t dsl_dsp_mul_high_add(int32_t acc, int32_t m, int32_t a)
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__)
    int32_t r;
    __asm__("smmla %0, %1, %2, %3" : "=r"(r) : "r"(acc), "r"(m), "r"(a));
    return r;
#else
    return (int32_t)(((int64_t)acc * m) >> 32) + a;
#endif
}

/* dsl_requant_prepare of channel o, with the zero point in the rounding term when the form says so */
DSL_INLINE dsl_requant_t dsl_dsp_requant_prepare(const dsl_output_stage_t *s, int32_t o, dsl_stage_form_t form)
{
    dsl_requant_t q;
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_SHORTCUT) { /* every shift <= -2: dsl_requant_prepare without its test */
        /* dslc sets ZP_IN_ROUND only when round + zp * 2^right = (2 zp + 1) * 2^(right - 1) fits int32 */
        const int32_t halves = (form & DSL_STAGE_ZP_IN_ROUND) ? 2 * s->out_zero_point + 1 : 1;
        q.multiplier = s->multiplier[o];
        q.shift = s->shift[o];
        q.right = -1 - q.shift;
        q.round = halves * ((int32_t)1 << (-2 - q.shift));
        return q;
    }
#endif
    (void)form;
    q = dsl_requant_prepare(s->multiplier[o], s->shift[o]);
    return q;
}

/* requantize + zero point, the zero point already in q when folded */
DSL_INLINE int32_t dsl_dsp_requant_zp(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t *q,
                                      dsl_stage_form_t form)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_SHORTCUT) { /* dsl_requant_shortcut with SMMLA: MUL-high, ADD, ASR in two */
        const int32_t v = dsl_dsp_mul_high_add(acc, q->multiplier, q->round) >> q->right;
        return (form & DSL_STAGE_ZP_IN_ROUND) ? v : dsl_add_wrap_i32(v, s->out_zero_point);
    }
#endif
    return dsl_add_wrap_i32(dsl_requant_apply_form(q, acc, form), s->out_zero_point);
}

/* clamp (+ LUT) of a requantized value with its zero point, to int8 */
DSL_INLINE int8_t dsl_dsp_out_s8(const dsl_output_stage_t *s, int32_t v, dsl_stage_form_t form)
{
    v = (form & DSL_STAGE_INT8_RANGE) ? dsl_dsp_sat_s8(v) : dsl_clamp_i32(v, s->act_min, s->act_max);
    if (form & DSL_STAGE_NO_LUT) return (int8_t)v;
    if ((form & DSL_STAGE_LUT) || s->lut != 0) return s->lut[v + 128];
    return (int8_t)v;
}

/* clamp of a requantized value with its zero point, to int16 */
DSL_INLINE int16_t dsl_dsp_out_s16(const dsl_output_stage_t *s, int32_t v, dsl_stage_form_t form)
{
    v = (form & DSL_STAGE_INT16_RANGE) ? dsl_dsp_sat_s16(v) : dsl_clamp_i32(v, s->act_min, s->act_max);
    return (int16_t)v;
}

/* dsl_stage_s8 for a q of dsl_dsp_requant_prepare */
DSL_INLINE int8_t dsl_stage_s8_dsp(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t *q,
                                   dsl_stage_form_t form)
{
    return dsl_dsp_out_s8(s, dsl_dsp_requant_zp(s, acc, q, form), form);
}

/* dsl_stage_s16 for a q of dsl_dsp_requant_prepare */
DSL_INLINE int16_t dsl_stage_s16_dsp(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t *q,
                                     dsl_stage_form_t form)
{
    int32_t v;
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_SHORTCUT)
        v = dsl_dsp_requant_zp(s, acc, q, form);
    else
#endif
        v = dsl_add_wrap_i32(dsl_requant_apply_wide(q, acc, form), s->out_zero_point);
    return dsl_dsp_out_s16(s, v, form);
}

/*
 * The same stores for a table of prepared channels read in order (*qp, then *qp + 1, ...): each advances *qp.
 * With the default-rule shortcut on the target the record is read with one LDM (its 4 words into r8-r11,
 * free between dot products: LDM fills registers in ascending order) instead of 3 loads.
 */
DSL_INLINE int32_t dsl_dsp_requant_zp_next(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t **qp,
                                           dsl_stage_form_t form)
{
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__OPTIMIZE__) && !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_SHORTCUT) {
        const dsl_requant_t *q = *qp;
        register int32_t m __asm__("r8");
        register int32_t e __asm__("r9");
        register int32_t r __asm__("r10");
        register int32_t sh __asm__("r11");
        int32_t v;
        __asm__("ldm    %[q]!, {%[m], %[e], %[r], %[sh]}\n\t"
                "smmla  %[v], %[acc], %[m], %[r]\n\t"
                "asr    %[v], %[v], %[sh]"
                : [v] "=&r"(v), [q] "+r"(q), [m] "=&r"(m), [e] "=&r"(e), [r] "=&r"(r), [sh] "=&r"(sh)
                : [acc] "r"(acc), "m"(**qp));
        *qp = q;
        return (form & DSL_STAGE_ZP_IN_ROUND) ? v : dsl_add_wrap_i32(v, s->out_zero_point);
    }
#endif
    return dsl_dsp_requant_zp(s, acc, (*qp)++, form);
}

/* dsl_stage_s8_dsp of the record *qp, advancing *qp */
DSL_INLINE int8_t dsl_stage_s8_dsp_next(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t **qp,
                                        dsl_stage_form_t form)
{
    return dsl_dsp_out_s8(s, dsl_dsp_requant_zp_next(s, acc, qp, form), form);
}

/* dsl_stage_s16_dsp of the record *qp, advancing *qp */
DSL_INLINE int16_t dsl_stage_s16_dsp_next(const dsl_output_stage_t *s, int32_t acc, const dsl_requant_t **qp,
                                          dsl_stage_form_t form)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_SHORTCUT) return dsl_dsp_out_s16(s, dsl_dsp_requant_zp_next(s, acc, qp, form), form);
#endif
    return dsl_stage_s16_dsp(s, acc, (*qp)++, form);
}

#endif /* DSL_STAGE_DSP_H */
