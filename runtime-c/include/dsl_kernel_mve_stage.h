/*
 * dsl_kernel_mve_stage.h - the output stage of dsl_kernel_internal.h (dsl_stage_s8 / dsl_stage_s16)
 * for 4 outputs at once with Helium (Armv8.1-M MVE, src/mve/ and specialised mve steps): one int32x4
 * of accumulators, each lane with its channel's multiplier m and shift e, gives 4 contiguous outputs,
 * bit for bit those of the scalar stage.
 *
 * Requantization forms (see dsl_kernel_internal.h for why each equals dsl_requantize()):
 *   default rule, e <= -2:  ((acc*M) >> 32 + 2^(-2-e)) >> (-1-e)  = VMULH, then VRSHL by 1+e
 *                           (a negative VRSHL amount is a right shift rounding half up: the +2^(-2-e))
 *   default rule, e = 0:    (acc*M + 2^30) >> 31                  = VQRDMULH (M >= 0: never saturates)
 *   default rule, e = -1:   (acc*M + 2^31) >> 32                  = VRMULH
 *   TFLite rule, e <= 0, M >= 0: high = (acc*M + 2^30) >> 31 = VQRDMULH, then the rounding divide by
 *                           2^-e (halves away from zero) = VRSHL by e of high - 1 for negative high
 *                           when e < 0 (round half up of high - 1 is round half down of high; saturating
 *                           subtract: high = INT32_MIN rounds the same either way)
 * Lanes outside these forms (shift > 0, negative multipliers, ...) take the scalar stage.
 * Then + out_zero_point (wrapping VADD), clamp (VMAX, VMIN), the LUT as a byte gather, and a
 * narrowing store (VSTRB.32 / VSTRH.32), predicated when fewer than 4 lanes are outputs.
 */
#ifndef DSL_KERNEL_MVE_STAGE_H
#define DSL_KERNEL_MVE_STAGE_H

#include <stdint.h>
#include "dsl_kernel_internal.h"
#include <arm_mve.h>

/* the requantization shortcut (dsl_requant_shortcut) of 4 lanes */
DSL_INLINE int32x4_t dsl_mve_requant_shortcut_x4(int32x4_t acc, int32x4_t m, int32x4_t e)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return vrshlq_s32(vmulhq_s32(acc, m), vaddq_n_s32(e, 1));
#else
    const int32x4_t high = vqrdmulhq_s32(acc, m);
    const int32x4_t down = vshrq_n_s32(vandq_s32(high, e), 31); /* -1: high < 0 and e < 0 */
    return vrshlq_s32(vqaddq_s32(high, down), e);
#endif
}

#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
/* the wide form (dsl_requant_wide: default rule, e = -1 or 0, M >= 0) of 4 lanes: the e = 0 result
   where ~e is all ones, else the e = -1 one (a bit select: VPSEL here makes gcc 12 fail, an ICE) */
DSL_INLINE int32x4_t dsl_mve_requant_wide_x4(int32x4_t acc, int32x4_t m, int32x4_t e)
{
    const int32x4_t r0 = vqrdmulhq_s32(acc, m), r1 = vrmulhq_s32(acc, m);
    return veorq_s32(r1, vbicq_s32(veorq_s32(r0, r1), e));
}
#endif

/* lanes (one bit per byte of a predicate) where the shortcut applies, as dsl_requant_prepare decides */
DSL_INLINE mve_pred16_t dsl_mve_shortcut_lanes(int32x4_t m, int32x4_t e)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    (void)m;
    return vcmpleq_n_s32(e, -2);
#else
    return (mve_pred16_t)(vcmpleq_n_s32(e, 0) & vcmpgeq_n_s32(m, 0));
#endif
}

/* 1: every lane of `valid` is in `lanes` */
DSL_INLINE int32_t dsl_mve_all_lanes(mve_pred16_t lanes, mve_pred16_t valid)
{
    return ((uint32_t)lanes | (~(uint32_t)valid & 0xFFFFu)) == 0xFFFFu;
}

/*
 * Requantize 4 lanes in their vector form, or return 0 when some valid lane (of the first n) has no
 * vector form (the caller then takes the scalar stage). form: the dsl_stage_form_t of the step.
 */
DSL_INLINE int32_t dsl_mve_requant_x4(int32x4_t acc, int32x4_t m, int32x4_t e, int32_t n, dsl_stage_form_t form,
                                      int32x4_t *out)
{
    mve_pred16_t valid;
    if (form & DSL_STAGE_SHORTCUT) {
        *out = dsl_mve_requant_shortcut_x4(acc, m, e);
        return 1;
    }
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (form & DSL_STAGE_WIDE) {
        *out = dsl_mve_requant_wide_x4(acc, m, e);
        return 1;
    }
#endif
    valid = vctp32q((uint32_t)n);
    if (dsl_mve_all_lanes(dsl_mve_shortcut_lanes(m, e), valid)) {
        *out = dsl_mve_requant_shortcut_x4(acc, m, e);
        return 1;
    }
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    if (dsl_mve_all_lanes((mve_pred16_t)(vcmpgeq_n_s32(e, -1) & vcmpleq_n_s32(e, 0) & vcmpgeq_n_s32(m, 0)), valid)) {
        *out = dsl_mve_requant_wide_x4(acc, m, e);
        return 1;
    }
#endif
    return 0;
}

/* dsl_stage_s8 of 4 lanes into y[0..n-1] (1 <= n <= 4): lane l is the output y[l] */
DSL_INLINE void dsl_stage_s8_x4(const dsl_output_stage_t *s, int32x4_t acc, int32x4_t m, int32x4_t e, int32_t n,
                                int8_t *y, dsl_stage_form_t form)
{
    int32x4_t v;
    if (!dsl_mve_requant_x4(acc, m, e, n, form, &v)) {
        int32_t a[4], mm[4], ee[4], l;
        vstrwq_s32(a, acc);
        vstrwq_s32(mm, m);
        vstrwq_s32(ee, e);
        /* lane by lane, written out: a loop over n made gcc 12 report a bogus out-of-bounds iteration */
        for (l = 0; l < 4; l++) {
            const dsl_requant_t q = dsl_requant_prepare(mm[l], ee[l]);
            const int8_t v_l = dsl_stage_s8(s, a[l], &q, form);
            if (l < n) y[l] = v_l;
        }
        return;
    }
    v = vaddq_n_s32(v, s->out_zero_point);
    if (form & DSL_STAGE_INT8_RANGE) {
        /* clamp to -128..127 without constant vectors (Q registers are few): saturate v << 24, shift back */
        v = vshrq_n_s32(vqshlq_n_s32(v, 24), 24);
    } else {
        v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(s->act_min)), vdupq_n_s32(s->act_max));
    }
    if (!(form & DSL_STAGE_NO_LUT) && ((form & DSL_STAGE_LUT) || s->lut != 0)) {
        v = vldrbq_gather_offset_s32(s->lut, vreinterpretq_u32_s32(vaddq_n_s32(v, 128)));
    }
    if (n == 4) {
        vstrbq_s32(y, v);
    } else {
        vstrbq_p_s32(y, v, vctp32q((uint32_t)n));
    }
}

/* dsl_stage_s16 of 4 lanes into y[0..n-1] (1 <= n <= 4) */
DSL_INLINE void dsl_stage_s16_x4(const dsl_output_stage_t *s, int32x4_t acc, int32x4_t m, int32x4_t e, int32_t n,
                                 int16_t *y, dsl_stage_form_t form)
{
    int32x4_t v;
    if (!dsl_mve_requant_x4(acc, m, e, n, form, &v)) {
        int32_t a[4], mm[4], ee[4], l;
        vstrwq_s32(a, acc);
        vstrwq_s32(mm, m);
        vstrwq_s32(ee, e);
        /* lane by lane, written out: a loop over n made gcc 12 report a bogus out-of-bounds iteration */
        for (l = 0; l < 4; l++) {
            const dsl_requant_t q = dsl_requant_prepare(mm[l], ee[l]);
            const int16_t v_l = dsl_stage_s16(s, a[l], &q, form);
            if (l < n) y[l] = v_l;
        }
        return;
    }
    v = vaddq_n_s32(v, s->out_zero_point);
    if (form & DSL_STAGE_INT16_RANGE) {
        v = vshrq_n_s32(vqshlq_n_s32(v, 16), 16); /* as the int8 clamp of dsl_stage_s8_x4 */
    } else {
        v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(s->act_min)), vdupq_n_s32(s->act_max));
    }
    if (n == 4) {
        vstrhq_s32(y, v);
    } else {
        vstrhq_p_s32(y, v, vctp32q((uint32_t)n));
    }
}

/* 4 scalar accumulators as one vector (lane l = a_l). Not the two-lane VMOV Qd[2], Qd[0], Rt, Rt2 (2 instead
   of 4 instructions): gcc 12 (its vcreateq_u64 emits it) and QEMU 7.2 disagree on which of Rt, Rt2 goes to
   which lane, so the kernel tests on QEMU cannot vouch for it. */
DSL_INLINE int32x4_t dsl_mve_lanes4(int32_t a0, int32_t a1, int32_t a2, int32_t a3)
{
    int32x4_t v = vdupq_n_s32(a0);
    v = vsetq_lane_s32(a1, v, 1);
    v = vsetq_lane_s32(a2, v, 2);
    return vsetq_lane_s32(a3, v, 3);
}

#endif /* DSL_KERNEL_MVE_STAGE_H */
