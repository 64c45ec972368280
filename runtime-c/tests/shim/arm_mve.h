/*
 * tests/shim/arm_mve.h - host emulation of the few MVE intrinsics the src/mve/ kernels
 * use, so the MVE variants can be tested bit for bit on the host. Test-only.
 */
#ifndef DSL_TEST_SHIM_ARM_MVE_H
#define DSL_TEST_SHIM_ARM_MVE_H

#include <stdint.h>
#include "arm_mve_elementwise.h" /* the elementwise kernels' intrinsics */

typedef struct {
    int8_t v[16];
} int8x16_t;
typedef uint16_t mve_pred16_t; /* one bit per byte lane */

static inline int8x16_t vldrbq_s8(const int8_t *p)
{
    int8x16_t r;
    int i;
    for (i = 0; i < 16; i++) r.v[i] = p[i];
    return r;
}

/* predicated load: inactive lanes read as 0 and are not accessed */
static inline int8x16_t vldrbq_z_s8(const int8_t *p, mve_pred16_t pred)
{
    int8x16_t r;
    int i;
    for (i = 0; i < 16; i++) r.v[i] = (pred >> i) & 1u ? p[i] : 0;
    return r;
}

static inline mve_pred16_t vctp8q(uint32_t n)
{
    return n >= 16 ? (mve_pred16_t)0xFFFFu : (mve_pred16_t)((1u << n) - 1u);
}

static inline int32_t vmladavaq_s8(int32_t acc, int8x16_t a, int8x16_t b)
{
    uint32_t s = (uint32_t)acc;
    int i;
    for (i = 0; i < 16; i++) s += (uint32_t)(a.v[i] * b.v[i]);
    return (int32_t)s;
}

typedef struct {
    int16_t v[8];
} int16x8_t;

/* widening byte load: 8 int8 -> int16 lanes */
static inline int16x8_t vldrbq_s16(const int8_t *p)
{
    int16x8_t r;
    int i;
    for (i = 0; i < 8; i++) r.v[i] = p[i];
    return r;
}

/* predicated: one predicate bit pair per 16-bit lane; inactive lanes 0 and not accessed */
static inline int16x8_t vldrbq_z_s16(const int8_t *p, mve_pred16_t pred)
{
    int16x8_t r;
    int i;
    for (i = 0; i < 8; i++) r.v[i] = (pred >> (2 * i)) & 1u ? p[i] : 0;
    return r;
}

static inline int16x8_t vldrhq_s16(const int16_t *p)
{
    int16x8_t r;
    int i;
    for (i = 0; i < 8; i++) r.v[i] = p[i];
    return r;
}

static inline int16x8_t vldrhq_z_s16(const int16_t *p, mve_pred16_t pred)
{
    int16x8_t r;
    int i;
    for (i = 0; i < 8; i++) r.v[i] = (pred >> (2 * i)) & 1u ? p[i] : 0;
    return r;
}

static inline mve_pred16_t vctp16q(uint32_t n)
{
    return n >= 8 ? (mve_pred16_t)0xFFFFu : (mve_pred16_t)((1u << (2 * n)) - 1u);
}

static inline int32_t vmladavaq_s16(int32_t acc, int16x8_t a, int16x8_t b)
{
    uint32_t s = (uint32_t)acc;
    int i;
    for (i = 0; i < 8; i++) s += (uint32_t)((int32_t)a.v[i] * b.v[i]);
    return (int32_t)s;
}

#endif
