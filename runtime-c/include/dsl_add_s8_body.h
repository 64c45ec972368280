/*
 * dsl_add_s8_body.h - the one skeleton of dsl_add_s8 (see dsl_kernels.h), a force-inlined body
 * that takes the add's form as arguments: the library kernels choose the form per call
 * (dsl_add_s8_form), a step that dslc specialises passes the form it computed (CAddForm) as
 * constants, so its loop has no run-time tests and its shifts are immediates.
 *
 * The arithmetic is TFLite's add (and the golden model's): x = (in - zp) << left_shift, each
 * input requantized to the common scale, the sum requantized to the output, + zero point
 * (int32, wrapping), clamp, LUT. The lean form computes the same bits in 32-bit steps.
 *
 * Input rescale. |x| <= 255 for int8 inputs and int8 zero points, and dslc's input shifts s
 * are <= 0 (the input scale over twice the larger one is <= 1/2). With L = left_shift and
 * rhm(v, M) = (v * M + 2^31) >> 32 (SMULL + ADD, SMMULR, or VRMULH.S32; never saturates):
 *   single rule: (x 2^L M + 2^(30-s)) >> (31-s) == rhm(x 2^(L+1+s), M)   when 0 <= L+1+s <= 23
 *     (numerator and denominator scaled by 2^(1+s): exact while x 2^L M stays a multiple of
 *     2^(-1-s), i.e. L+1+s >= 0; |x| 2^23 < 2^31 fits int32);
 *   tflite rule: the doubling high multiply of x 2^L (M >= 0) is (x 2^L M + 2^30) >> 31
 *     (dsl_kernel_internal.h) == rhm(x 2^(L+1), M) when L+1 <= 23, then the rounding divide
 *     by 2^-s as in dsl_requantize.h.
 * The pre-shift k (ka, kb) is the exponent above. Output rescale: the requantization shortcut
 * of dsl_kernel_internal.h (single rule shift <= -2; tflite rule shift <= 0 and M >= 0).
 * Anything else takes the general loop (dsl_requantize for every rescale).
 *
 * Variants: with DSL_ADD_MVE (src/mve, or dsl_config.h's DSL_KERNEL_VARIANT_MVE) the lean loop
 * is Helium, 4 int32 lanes per instruction: VLDRB.S32, VMLAS, VRMULH, (the rounding
 * divide), VADD, VMULH + VRSHL or VQRDMULH + rounding divide, VADD, VQSHL #24 + VSHR #24 or
 * VMAX/VMIN, (VLDRB gather
 * for the LUT), VSTRB.32, the last partial vector tail predicated. With DSL_ADD_DSP (src/dsp,
 * or DSL_KERNEL_VARIANT_DSP) rhm is one SMMULR on the target. Without either, plain C.
 */
#ifndef DSL_ADD_S8_BODY_H
#define DSL_ADD_S8_BODY_H

#include <stdint.h>
#include "dsl_kernel_internal.h"

#if defined(DSL_ADD_MVE) || defined(DSL_KERNEL_VARIANT_MVE)
#define DSL_ADD_VECTOR 1
#include <arm_mve.h>
#endif
#if (defined(DSL_ADD_DSP) || defined(DSL_KERNEL_VARIANT_DSP)) && defined(__GNUC__) && defined(__ARM_FEATURE_DSP)
#define DSL_ADD_SMMULR 1
#endif
#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif

/* a step dslc specialises is a function of its own, out of line: registers allocated for it alone */
#if defined(__GNUC__)
#define DSL_ADD_STEP_NOINLINE __attribute__((noinline))
#else
#define DSL_ADD_STEP_NOINLINE
#endif

/*
 * What is known of an add when it is compiled (flags; a constant argument of the body). Each
 * flag selects the branch a run-time test would take, so the bits are the same either way.
 */
typedef int32_t dsl_add_form_t;
#define DSL_ADD_GENERAL 0    /* dsl_requantize for every rescale, run-time clamp and LUT tests */
#define DSL_ADD_LEAN 1       /* both inputs take the pre-shift ka / kb, the output the requant shortcut */
#define DSL_ADD_NO_LUT 2     /* p->lut == 0 */
#define DSL_ADD_LUT 4        /* p->lut != 0 */
#define DSL_ADD_INT8_RANGE 8 /* act_min == -128 and act_max == 127 */

/* the lean input rescale's pre-shift, or -1 when it does not apply (see above) */
DSL_INLINE int32_t dsl_add_input_shift(int32_t zero_point, int32_t multiplier, int32_t shift, int32_t left_shift)
{
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    const int32_t k = left_shift + 1;
#else
    const int32_t k = left_shift + 1 + shift;
#endif
    if (zero_point < -128 || zero_point > 127 || multiplier < 0 || shift > 0 || left_shift < 0 || k < 0 || k > 23) {
        return -1;
    }
    return k;
}

/* The lean output stage (single rule) adds the zero point before its shift:
   ((h + 2^(r-1)) >> r) + zp == (h + 2^(r-1) + zp 2^r) >> r, one register and one ADD less. With
   |h| = |sum M >> 32| < 2^30 (each lean input is below 2^30 in magnitude) this fits int32 when
   |zp| <= 128 and r <= 22; the lean form requires it (every int8 output's zero point does). */
DSL_INLINE int32_t dsl_add_output_zero_point_folds(int32_t zero_point, int32_t right)
{
    return zero_point >= -128 && zero_point <= 128 && right <= 22;
}

/* the form of an add's parameters, chosen at run time (the library kernels); *ka, *kb: the
   pre-shifts when the form is lean */
DSL_INLINE dsl_add_form_t dsl_add_s8_form(const dsl_add_params_t *p, int32_t *ka, int32_t *kb)
{
    const dsl_requant_t q = dsl_requant_prepare(p->out_multiplier, p->out_shift);
    dsl_add_form_t form = p->lut != 0 ? DSL_ADD_LUT : DSL_ADD_NO_LUT;
    *ka = dsl_add_input_shift(p->a_zero_point, p->a_multiplier, p->a_shift, p->left_shift);
    *kb = dsl_add_input_shift(p->b_zero_point, p->b_multiplier, p->b_shift, p->left_shift);
    if (*ka >= 0 && *kb >= 0 && q.right >= 0 && dsl_add_output_zero_point_folds(p->out_zero_point, q.right)) {
        form |= DSL_ADD_LEAN;
    }
    if (p->act_min == -128 && p->act_max == 127) form |= DSL_ADD_INT8_RANGE;
    return form;
}

/* clamp to [-128, 127]: one SSAT where the core has it (gcc does not always find it) */
DSL_INLINE int32_t dsl_add_sat_s8(int32_t v)
{
#if defined(__ARM_FEATURE_SAT)
    return __ssat(v, 8);
#else
    return v < -128 ? -128 : (v > 127 ? 127 : v);
#endif
}

/* clamp and LUT of a requantized sum plus zero point */
DSL_INLINE int8_t dsl_add_clamp_lut(const dsl_add_params_t *p, int32_t v, dsl_add_form_t form)
{
    v = (form & DSL_ADD_INT8_RANGE) ? dsl_add_sat_s8(v) : dsl_clamp_i32(v, p->act_min, p->act_max);
    if (form & DSL_ADD_NO_LUT) return (int8_t)v;
    if ((form & DSL_ADD_LUT) || p->lut != 0) return p->lut[v + 128];
    return (int8_t)v;
}

/* the general loop over count elements (b advances with a) */
DSL_INLINE void dsl_add_general_run(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t count,
                                    int8_t *out, dsl_add_form_t form)
{
    const int32_t scale = (int32_t)1 << p->left_shift; /* (a - zp) << left_shift without shifting a negative */
    const dsl_requant_t q = dsl_requant_prepare(p->out_multiplier, p->out_shift);
    int32_t i;
    for (i = 0; i < count; i++) {
        const int32_t a2 = dsl_requantize((a[i] - p->a_zero_point) * scale, p->a_multiplier, p->a_shift);
        const int32_t b2 = dsl_requantize((b[i] - p->b_zero_point) * scale, p->b_multiplier, p->b_shift);
        out[i] = dsl_add_clamp_lut(p, dsl_add_wrap_i32(dsl_requant_apply(&q, dsl_add_wrap_i32(a2, b2)), p->out_zero_point), form);
    }
}

#if defined(DSL_ADD_VECTOR)

/* TFLite's rounding divide by 2^n (n >= 0; halves away from zero): minus one on negative lanes
   when n > 0 (the sign of x & -n), then VRSHL's round-half-up shift; x is never INT32_MIN here */
DSL_INLINE int32x4_t dsl_add_mve_rdiv(int32x4_t x, int32_t n)
{
    const int32x4_t fix = vshrq_n_s32(vandq_s32(x, vdupq_n_s32(-n)), 31);
    return vrshlq_n_s32(vaddq_s32(x, fix), -n);
}

/* one input's lean rescale on 4 lanes: rhm((x - zp) << k, M) (+ the rounding divide); (x - zp) << k
   is one VMLAS, x * 2^k + (-zp 2^k) (|zp| 2^k <= 2^30) */
DSL_INLINE int32x4_t dsl_add_mve_input(int32x4_t x, int32_t zero_point, int32_t k, int32x4_t multiplier, int32_t right)
{
    const int32x4_t h = vrmulhq_s32(vmlasq_n_s32(x, vdupq_n_s32((int32_t)1 << k), -zero_point * ((int32_t)1 << k)), multiplier);
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return dsl_add_mve_rdiv(h, right);
#else
    (void)right;
    return h;
#endif
}

/* the lean add of 4 lanes up to the clamped (not yet looked up) output */
DSL_INLINE int32x4_t dsl_add_mve_lanes(const dsl_add_params_t *p, int32x4_t xa, int32x4_t xb, int32_t ka, int32_t kb,
                                       int32x4_t ma, int32x4_t mb, int32x4_t mo, int32_t out_right, dsl_add_form_t form)
{
    const int32x4_t sum = vaddq_s32(dsl_add_mve_input(xa, p->a_zero_point, ka, ma, -p->a_shift),
                                    dsl_add_mve_input(xb, p->b_zero_point, kb, mb, -p->b_shift));
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    int32x4_t v = dsl_add_mve_rdiv(vqrdmulhq_s32(sum, mo), out_right);
#else
    int32x4_t v = vrshlq_n_s32(vmulhq_s32(sum, mo), -out_right); /* ((sum M >> 32) + 2^(r-1)) >> r */
#endif
    v = vaddq_n_s32(v, p->out_zero_point);
    if (form & DSL_ADD_INT8_RANGE) { /* saturating shift to the top byte and back: no constant vectors */
        v = vshrq_n_s32(vqshlq_n_s32(v, 24), 24);
    } else {
        v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(p->act_min)), vdupq_n_s32(p->act_max));
    }
    return v;
}

DSL_INLINE void dsl_add_lean_run(const dsl_add_params_t *params, const int8_t *a, const int8_t *b, int32_t count,
                                 int8_t *out, int32_t ka, int32_t kb, dsl_add_form_t form)
{
    /* parameters in locals: the int8 stores may alias *params */
    const dsl_add_params_t c = *params;
    const dsl_add_params_t *const p = &c;
    const int32x4_t ma = vdupq_n_s32(p->a_multiplier), mb = vdupq_n_s32(p->b_multiplier);
    const int32x4_t mo = vdupq_n_s32(p->out_multiplier);
    const int32_t out_right = dsl_requant_prepare(p->out_multiplier, p->out_shift).right;
    const int32_t lut = (form & DSL_ADD_LUT) || (!(form & DSL_ADD_NO_LUT) && p->lut != 0);
    int32_t n;
    for (n = count >> 2; n > 0; n--) {
        int32x4_t v = dsl_add_mve_lanes(p, vldrbq_s32(a), vldrbq_s32(b), ka, kb, ma, mb, mo, out_right, form);
        if (lut) v = vldrbq_gather_offset_s32(p->lut, vreinterpretq_u32_s32(vaddq_n_s32(v, 128)));
        vstrbq_s32(out, v);
        a += 4;
        b += 4;
        out += 4;
    }
    if ((count & 3) != 0) {
        const mve_pred16_t pr = vctp32q((uint32_t)(count & 3));
        int32x4_t v = dsl_add_mve_lanes(p, vldrbq_z_s32(a, pr), vldrbq_z_s32(b, pr), ka, kb, ma, mb, mo, out_right, form);
        if (lut) v = vldrbq_gather_offset_z_s32(p->lut, vreinterpretq_u32_s32(vaddq_n_s32(v, 128)), pr);
        vstrbq_p_s32(out, v, pr);
    }
}

#else /* scalar */

/* (v * m + 2^31) >> 32: SMMULR, or the high word of the product plus bit 31 of the low word */
DSL_INLINE int32_t dsl_add_rounding_high_mul(int32_t v, int32_t m)
{
#if defined(DSL_ADD_SMMULR)
    int32_t r;
    __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(v), "r"(m));
    return r;
#else
    const int64_t prod = (int64_t)v * m;
    return dsl_add_wrap_i32((int32_t)(prod >> 32), (int32_t)((uint32_t)prod >> 31));
#endif
}

#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
/* TFLite's rounding divide by 2^n (halves away from zero, dsl_rounding_divide_by_pot) as
   (x + 2^(n-1) - (x < 0)) >> n for n > 0; the lean form's values stay below 2^31 - 2^23 in
   magnitude and n <= 31 (inputs) or 22 (output), so the sum fits int32 */
DSL_INLINE int32_t dsl_add_rounding_divide(int32_t x, int32_t n)
{
    if (n <= 0) return x;
    return (x + ((int32_t)1 << (n - 1)) + (x >> 31)) >> n;
}
#endif

/* one input's lean rescale: rhm((x - zp) << k, M) (+ the rounding divide) */
DSL_INLINE int32_t dsl_add_input(int32_t x, int32_t zero_point, int32_t k, int32_t multiplier, int32_t right)
{
    const int32_t h = dsl_add_rounding_high_mul((x - zero_point) * ((int32_t)1 << k), multiplier);
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return dsl_add_rounding_divide(h, right);
#else
    (void)right;
    return h;
#endif
}

/* the lean output stage: the sum of the rescaled inputs requantized, plus the zero point (not clamped);
   q from dsl_requant_prepare, bias from dsl_add_lean_bias */
DSL_INLINE int32_t dsl_add_lean_output(const dsl_add_params_t *c, const dsl_requant_t *q, int32_t bias, int32_t sum)
{
#if !defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return ((int32_t)(((int64_t)sum * c->out_multiplier) >> 32) + bias) >> q->right;
#else
    const int32_t high = (int32_t)(((int64_t)sum * c->out_multiplier + ((int64_t)1 << 30)) >> 31);
    (void)bias;
    return dsl_add_wrap_i32(dsl_add_rounding_divide(high, q->right), c->out_zero_point);
#endif
}

/* the single rule's rounding term with the zero point folded in (see dsl_add_output_zero_point_folds) */
DSL_INLINE int32_t dsl_add_lean_bias(const dsl_add_params_t *c, const dsl_requant_t *q)
{
    return q->round + c->out_zero_point * ((int32_t)1 << q->right);
}

DSL_INLINE void dsl_add_lean_run(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t count, int8_t *out,
                                 int32_t ka, int32_t kb, dsl_add_form_t form)
{
    /* parameters in locals: the int8 stores may alias *p */
    const dsl_add_params_t c = *p;
    const dsl_requant_t q = dsl_requant_prepare(c.out_multiplier, c.out_shift);
    const int32_t bias = dsl_add_lean_bias(&c, &q);
    int32_t i;
    for (i = 0; i < count; i++) {
        const int32_t a2 = dsl_add_input(a[i], c.a_zero_point, ka, c.a_multiplier, -c.a_shift);
        const int32_t b2 = dsl_add_input(b[i], c.b_zero_point, kb, c.b_multiplier, -c.b_shift);
        out[i] = dsl_add_clamp_lut(&c, dsl_add_lean_output(&c, &q, bias, dsl_add_wrap_i32(a2, b2)), form);
    }
}

#endif /* DSL_ADD_VECTOR */

/* the add of dsl_kernels.h in the given form (ka, kb: the pre-shifts of a lean form) */
DSL_INLINE void dsl_add_s8_body(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                                int32_t rows, int32_t channels, int8_t *out, int32_t ka, int32_t kb, dsl_add_form_t form)
{
    int32_t r;
    if (b_row_stride == channels) { /* no broadcast: one run */
        channels *= rows;
        rows = 1;
    }
    for (r = 0; r < rows; r++) {
        if (form & DSL_ADD_LEAN) {
            dsl_add_lean_run(p, a, b, channels, out, ka, kb, form);
        } else {
            dsl_add_general_run(p, a, b, channels, out, form);
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}

/* the library kernel: the form chosen per call, one copy of the loop for each common form */
DSL_INLINE void dsl_add_s8_library(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                                   int32_t rows, int32_t channels, int8_t *out)
{
    int32_t ka, kb;
    const dsl_add_form_t form = dsl_add_s8_form(p, &ka, &kb);
    if (form == (DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE)) {
        dsl_add_s8_body(p, a, b, b_row_stride, rows, channels, out, ka, kb, DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE);
    } else if (form == (DSL_ADD_LEAN | DSL_ADD_LUT | DSL_ADD_INT8_RANGE)) {
        dsl_add_s8_body(p, a, b, b_row_stride, rows, channels, out, ka, kb, DSL_ADD_LEAN | DSL_ADD_LUT | DSL_ADD_INT8_RANGE);
    } else if (form & DSL_ADD_LEAN) {
        dsl_add_s8_body(p, a, b, b_row_stride, rows, channels, out, ka, kb, DSL_ADD_LEAN);
    } else {
        dsl_add_s8_body(p, a, b, b_row_stride, rows, channels, out, 0, 0, DSL_ADD_GENERAL);
    }
}

#endif /* DSL_ADD_S8_BODY_H */
