/*
 * dsl_lut_s8 - Helium (MVE): out[i] = lut[in[i] + 128], 16 lookups per gather load.
 * The gather's offsets are unsigned bytes: in + 128 (mod 256) is the table index itself.
 * The last partial vector is tail predicated (inactive lanes are neither read nor written).
 */
#include "dsl_kernel_internal.h"
#include <arm_mve.h>

void dsl_lut_s8(const int8_t *lut, const int8_t *in, int32_t count, int8_t *out)
{
    const uint8_t *const t = (const uint8_t *)lut;
    const uint8_t *src = (const uint8_t *)in;
    uint8_t *dst = (uint8_t *)out;
    int32_t n;
    for (n = count >> 4; n > 0; n--) {
        const uint8x16_t index = vaddq_n_u8(vldrbq_u8(src), 128);
        vstrbq_u8(dst, vldrbq_gather_offset_u8(t, index));
        src += 16;
        dst += 16;
    }
    if ((count & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(count & 15));
        const uint8x16_t index = vaddq_n_u8(vldrbq_z_u8(src, p), 128);
        vstrbq_p_u8(dst, vldrbq_gather_offset_z_u8(t, index, p), p);
    }
}
