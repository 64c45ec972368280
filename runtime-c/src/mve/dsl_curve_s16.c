/*
 * dsl_curve_s16 - Helium (MVE): the interpolated int16 table of dsl_kernels.h, 8 samples per vector.
 * The two table points come from gather loads at the same offsets from table and table + 1. The slope
 * (t[i + 1] - t[i]) * f needs 17 + 7 bits, so it is formed in int32 from widening multiplies of the even
 * and odd lanes; the rounding narrowing shift then keeps its low 16 bits, and adding t[i] in int16 is exact
 * modulo 2^16 while the true result (between the two points) is an int16. The last partial vector is tail
 * predicated. in may equal out: each vector is read before it is written.
 */
#include "dsl_kernel_internal.h"
#include <arm_mve.h>

DSL_HOT
void dsl_curve_s16(const int16_t *table, const int16_t *in, int32_t count, int16_t *out)
{
    int32_t n;
    for (n = count; n > 0; n -= 8) {
        const mve_pred16_t p = vctp16q((uint32_t)n);
        const uint16x8_t u = vaddq_n_u16(vreinterpretq_u16_s16(vldrhq_z_s16(in, p)), 32768); /* in + 32768 */
        const uint16x8_t index = vshrq_n_u16(u, DSL_CURVE_STEP_BITS);
        const int16x8_t f = vreinterpretq_s16_u16(vandq_u16(u, vdupq_n_u16((1 << DSL_CURVE_STEP_BITS) - 1)));
        const int16x8_t a = vldrhq_gather_shifted_offset_z_s16(table, index, p);
        const int16x8_t b = vldrhq_gather_shifted_offset_z_s16(table + 1, index, p);
        const int32x4_t even = vsubq_s32(vmullbq_int_s16(b, f), vmullbq_int_s16(a, f));
        const int32x4_t odd = vsubq_s32(vmulltq_int_s16(b, f), vmulltq_int_s16(a, f));
        int16x8_t step = vrshrnbq_n_s32(vdupq_n_s16(0), even, DSL_CURVE_STEP_BITS);
        step = vrshrntq_n_s32(step, odd, DSL_CURVE_STEP_BITS);
        vstrhq_p_s16(out, vaddq_s16(a, step), p);
        in += 8;
        out += 8;
    }
}
