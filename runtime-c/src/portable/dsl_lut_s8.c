/* dsl_lut_s8 - portable C99: out[i] = lut[in[i] + 128] (see dsl_kernels.h). */
#include "dsl_kernel_internal.h"

void dsl_lut_s8(const int8_t *lut, const int8_t *in, int32_t count, int8_t *out)
{
    const int8_t *const t = lut + 128; /* indexed by the signed input itself (LDRSB, LDRB [t, r]) */
    int32_t n;
    /* eight per iteration, each stored before the next is read (byte stores: gcc 12 merges
       lookups loaded together into one word with BFI, 18 instructions per 4 instead of 15) */
    for (n = count >> 3; n > 0; n--) {
        out[0] = t[in[0]];
        out[1] = t[in[1]];
        out[2] = t[in[2]];
        out[3] = t[in[3]];
        out[4] = t[in[4]];
        out[5] = t[in[5]];
        out[6] = t[in[6]];
        out[7] = t[in[7]];
        in += 8;
        out += 8;
    }
    for (n = count & 7; n > 0; n--) *out++ = t[*in++];
}
