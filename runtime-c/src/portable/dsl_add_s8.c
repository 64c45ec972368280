/*
 * dsl_add_s8 - portable C99: elementwise add with per-input rescale (see dsl_kernels.h).
 *
 * The arithmetic is TFLite's add (and the golden model's): x = (in - zp) << left_shift,
 * each input requantized to the common scale, the sum requantized to the output. The lean
 * loop computes the same bits in 32-bit steps; the form is chosen once per call.
 *
 * Input rescale. |x| <= 255 for int8 inputs and int8 zero points, and dslc's input shifts s
 * are <= 0 (the input scale over twice the larger one is <= 1/2). With L = left_shift and
 * rhm(v, M) = (v * M + 2^31) >> 32 (one SMULL, the sum never saturates):
 *   single rule: (x 2^L M + 2^(30-s)) >> (31-s) == rhm(x 2^(L+1+s), M)   when 0 <= L+1+s <= 23
 *     (numerator and denominator scaled by 2^(1+s): exact while x 2^L M stays a multiple of
 *     2^(-1-s), i.e. L+1+s >= 0; |x| 2^23 < 2^31 fits int32);
 *   tflite rule: the doubling high multiply of x 2^L (M >= 0) is (x 2^L M + 2^30) >> 31
 *     (dsl_kernel_internal.h) == rhm(x 2^(L+1), M) when L+1 <= 23, then the rounding divide
 *     by 2^-s as in dsl_requantize.h.
 * Output rescale: dsl_requant_prepare/apply. Anything else takes the general loop.
 */
#include "dsl_kernel_internal.h"
#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif

/* clamp to [-128, 127]: one SSAT where the core has it (gcc does not always find it) */
DSL_INLINE int32_t dsl_add_sat_s8(int32_t v)
{
#if defined(__ARM_FEATURE_SAT)
    return __ssat(v, 8);
#else
    return v < -128 ? -128 : (v > 127 ? 127 : v);
#endif
}

/* (v * m + 2^31) >> 32: the high word of the product plus bit 31 of the low word (SMULL and
   ADD ..., LSR #31: no 64-bit constant to keep in registers) */
DSL_INLINE int32_t dsl_add_rounding_high_mul(int32_t v, int32_t m)
{
    const int64_t prod = (int64_t)v * m;
    return dsl_add_wrap_i32((int32_t)(prod >> 32), (int32_t)((uint32_t)prod >> 31));
}

/* the lean input rescale's pre-shift, or -1 when it does not apply (see above) */
static int32_t dsl_add_input_shift(int32_t zero_point, int32_t multiplier, int32_t shift, int32_t left_shift)
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

DSL_INLINE int32_t dsl_add_input(int32_t x, int32_t scale, int32_t multiplier, int32_t right)
{
    const int32_t h = dsl_add_rounding_high_mul(x * scale, multiplier);
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
    return dsl_rounding_divide_by_pot(h, right);
#else
    (void)right;
    return h;
#endif
}

/* requantized sum + zero point, clamp, LUT; params copied to locals by the caller (int8 stores
   may alias *p) */
typedef struct {
    dsl_requant_t q;
    int32_t zero_point, act_min, act_max;
    const int8_t *lut;
} dsl_add_out_t;

/* output stage forms, a constant at each dsl_add_lean call so that each copy keeps its
   invariants in registers: GENERIC tests at run time; SAT and SAT_LUT need the requant
   shortcut (q.right >= 0) and act_min -128, act_max 127 (one SSAT) */
#define DSL_ADD_GENERIC 0
#define DSL_ADD_SAT 1
#define DSL_ADD_SAT_LUT 2

DSL_INLINE int8_t dsl_add_store(const dsl_add_out_t *o, int32_t sum, int32_t form)
{
    int32_t v;
    if (form == DSL_ADD_GENERIC) {
        v = dsl_add_wrap_i32(dsl_requant_apply(&o->q, sum), o->zero_point);
        v = dsl_clamp_i32(v, o->act_min, o->act_max);
        return o->lut != 0 ? o->lut[v + 128] : (int8_t)v;
    }
    v = dsl_add_wrap_i32(dsl_requant_shortcut(&o->q, sum), o->zero_point);
    v = dsl_add_sat_s8(v);
    return form == DSL_ADD_SAT_LUT ? o->lut[v + 128] : (int8_t)v;
}

DSL_INLINE void dsl_add_lean(const dsl_add_params_t *p, const dsl_add_out_t *o, int32_t ka, int32_t kb,
                             const int8_t *a, const int8_t *b, int32_t b_row_stride, int32_t rows, int32_t channels,
                             int8_t *out, int32_t form)
{
    const int32_t sa = (int32_t)1 << ka, sb = (int32_t)1 << kb;
    const int32_t ma = p->a_multiplier, mb = p->b_multiplier;
    const int32_t ra = -p->a_shift, rb = -p->b_shift;
    const int32_t za = p->a_zero_point, zb = p->b_zero_point;
    int32_t r, c;
    if (b_row_stride == channels) { /* no broadcast: one run */
        channels *= rows;
        rows = 1;
    }
    for (r = 0; r < rows; r++) {
        for (c = 0; c < channels; c++) {
            const int32_t a2 = dsl_add_input(a[c] - za, sa, ma, ra);
            const int32_t b2 = dsl_add_input(b[c] - zb, sb, mb, rb);
            out[c] = dsl_add_store(o, dsl_add_wrap_i32(a2, b2), form);
        }
        a += channels;
        b += b_row_stride;
        out += channels;
    }
}

void dsl_add_s8(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out)
{
    const int32_t ka = dsl_add_input_shift(p->a_zero_point, p->a_multiplier, p->a_shift, p->left_shift);
    const int32_t kb = dsl_add_input_shift(p->b_zero_point, p->b_multiplier, p->b_shift, p->left_shift);
    dsl_add_out_t o;
    int32_t r, c;
    o.q = dsl_requant_prepare(p->out_multiplier, p->out_shift);
    o.zero_point = p->out_zero_point;
    o.act_min = p->act_min;
    o.act_max = p->act_max;
    o.lut = p->lut;
    if (ka >= 0 && kb >= 0) {
        if (o.q.right < 0 || o.act_min != -128 || o.act_max != 127) {
            dsl_add_lean(p, &o, ka, kb, a, b, b_row_stride, rows, channels, out, DSL_ADD_GENERIC);
        } else if (o.lut != 0) {
            dsl_add_lean(p, &o, ka, kb, a, b, b_row_stride, rows, channels, out, DSL_ADD_SAT_LUT);
        } else {
            dsl_add_lean(p, &o, ka, kb, a, b, b_row_stride, rows, channels, out, DSL_ADD_SAT);
        }
        return;
    }
    {
        const int32_t scale = (int32_t)1 << p->left_shift; /* (a - zp) << left_shift without shifting a negative */
        for (r = 0; r < rows; r++) {
            for (c = 0; c < channels; c++) {
                const int32_t a2 = dsl_requantize((a[c] - p->a_zero_point) * scale, p->a_multiplier, p->a_shift);
                const int32_t b2 = dsl_requantize((b[c] - p->b_zero_point) * scale, p->b_multiplier, p->b_shift);
                out[c] = dsl_add_store(&o, dsl_add_wrap_i32(a2, b2), DSL_ADD_GENERIC);
            }
            a += channels;
            b += b_row_stride;
            out += channels;
        }
    }
}
