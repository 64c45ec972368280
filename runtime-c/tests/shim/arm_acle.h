/*
 * tests/shim/arm_acle.h - host emulation of the few ACLE DSP intrinsics the src/dsp/
 * kernels use, so the DSP variants can be tested bit for bit on the host. Test-only.
 */
#ifndef DSL_TEST_SHIM_ARM_ACLE_H
#define DSL_TEST_SHIM_ARM_ACLE_H

#include <stdint.h>

/* SXTB16: sign-extend bytes 0 and 2 into two int16 halves */
static inline int32_t __sxtb16(int32_t x)
{
    const uint32_t lo = (uint32_t)(uint16_t)(int16_t)(int8_t)(uint8_t)((uint32_t)x & 0xFFu);
    const uint32_t hi = (uint32_t)(uint16_t)(int16_t)(int8_t)(uint8_t)(((uint32_t)x >> 16) & 0xFFu);
    return (int32_t)(lo | (hi << 16));
}

/* SMLAD: acc + lo(a)*lo(b) + hi(a)*hi(b), 32-bit wrap (the Q flag is not modelled) */
static inline int32_t __smlad(int32_t a, int32_t b, int32_t acc)
{
    const int32_t a_lo = (int16_t)(uint16_t)((uint32_t)a & 0xFFFFu), a_hi = (int16_t)(uint16_t)((uint32_t)a >> 16);
    const int32_t b_lo = (int16_t)(uint16_t)((uint32_t)b & 0xFFFFu), b_hi = (int16_t)(uint16_t)((uint32_t)b >> 16);
    return (int32_t)((uint32_t)acc + (uint32_t)(a_lo * b_lo) + (uint32_t)(a_hi * b_hi));
}

#endif
