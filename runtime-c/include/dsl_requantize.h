/*
 * dsl_requantize.h - the one requantization rule shared by every kernel.
 *
 * A real scale S is stored as an int32 multiplier M in [2^30, 2^31) and a shift e
 * with S = M * 2^(e - 31). dslc computes (M, e) from S; kernels only apply them.
 *
 * Default rule (single rounding): r = (acc * M + 2^(30 - e)) >> (31 - e), computed in
 * int64, arithmetic shift, i.e. round half toward +infinity, then saturated to int32.
 *
 * With DSL_REQUANT_DOUBLE_ROUNDING defined (dslc --rounding tflite) the TFLite /
 * CMSIS-NN rule is used instead: saturating rounding doubling high multiply of
 * (acc << max(e, 0)) by M (halves round up), then rounding divide by 2^max(-e, 0)
 * (halves round away from zero), exactly as TFLite's SaturatingRoundingDoublingHighMul
 * and RoundingDivideByPOT.
 *
 * The rule is chosen by dsl_config.h, which dslc writes next to the model.
 */
#ifndef DSL_REQUANTIZE_H
#define DSL_REQUANTIZE_H

#include <stdint.h>
#include "dsl_config.h"

static inline int32_t dsl_saturate_i64_to_i32(int64_t v)
{
    if (v > INT32_MAX) return INT32_MAX;
    if (v < INT32_MIN) return INT32_MIN;
    return (int32_t)v;
}

#if defined(DSL_REQUANT_DOUBLE_ROUNDING)

static inline int32_t dsl_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
    {
        const int64_t ab = (int64_t)a * (int64_t)b;
        const int64_t nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
        return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
    }
}

static inline int32_t dsl_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

static inline int32_t dsl_requantize(int32_t acc, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int32_t shifted = dsl_saturate_i64_to_i32((int64_t)acc * ((int64_t)1 << left));
    return dsl_rounding_divide_by_pot(dsl_doubling_high_mul(shifted, multiplier), right);
}

#else

static inline int32_t dsl_requantize(int32_t acc, int32_t multiplier, int32_t shift)
{
    const int32_t total_shift = 31 - shift; /* dslc keeps shift in [-31, 30] */
    const int64_t rounded = (int64_t)acc * (int64_t)multiplier + ((int64_t)1 << (total_shift - 1));
    return dsl_saturate_i64_to_i32(rounded >> total_shift);
}

#endif

static inline int32_t dsl_clamp_i32(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

#endif /* DSL_REQUANTIZE_H */
