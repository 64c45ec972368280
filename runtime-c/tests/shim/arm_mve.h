/*
 * tests/shim/arm_mve.h - host emulation of the few MVE intrinsics the src/mve/ kernels
 * (and specialised mve steps) use, so the MVE variants can be tested bit for bit on the host. Test-only.
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

/* VMLADAV (no accumulator input): the sum of the lane products */
static inline int32_t vmladavq_s8(int8x16_t a, int8x16_t b) { return vmladavaq_s8(0, a, b); }
static inline int32_t vmladavq_s16(int16x8_t a, int16x8_t b) { return vmladavaq_s16(0, a, b); }

/* ---- 32-bit lanes (the 4-lane output stage, dsl_kernel_mve_stage.h). A 32-bit lane l is
   predicated by bits 4l .. 4l+3 of a predicate (one per byte); loads and stores take the lane's
   lowest byte bit, compares set all 4 bits. */

static inline int shim_lane_active(mve_pred16_t p, int lane) { return (p >> (4 * lane)) & 1u; }

static inline int32x4_t vsetq_lane_s32(int32_t a, int32x4_t v, int lane)
{
    v.v[lane] = a;
    return v;
}

static inline int32x4_t vldrwq_s32(const int32_t *p)
{
    int32x4_t r;
    int i;
    for (i = 0; i < 4; i++) r.v[i] = p[i];
    return r;
}

/* inactive lanes read as 0 and are not accessed */
static inline int32x4_t vldrwq_z_s32(const int32_t *p, mve_pred16_t pred)
{
    int32x4_t r;
    int i;
    for (i = 0; i < 4; i++) r.v[i] = shim_lane_active(pred, i) ? p[i] : 0;
    return r;
}

static inline void vstrwq_s32(int32_t *p, int32x4_t a)
{
    int i;
    for (i = 0; i < 4; i++) p[i] = a.v[i];
}

static inline int32x4_t vldrhq_s32(const int16_t *p)
{
    int32x4_t r;
    int i;
    for (i = 0; i < 4; i++) r.v[i] = p[i];
    return r;
}

static inline int32x4_t vldrhq_z_s32(const int16_t *p, mve_pred16_t pred)
{
    int32x4_t r;
    int i;
    for (i = 0; i < 4; i++) r.v[i] = shim_lane_active(pred, i) ? p[i] : 0;
    return r;
}

/* VMUL.I32: the low 32 bits of the product */
static inline int32x4_t vmulq_s32(int32x4_t a, int32x4_t b)
{
    int i;
    for (i = 0; i < 4; i++) a.v[i] = (int32_t)((uint32_t)a.v[i] * (uint32_t)b.v[i]);
    return a;
}

/* VMLA.S32 (vector by scalar): a + b * c per lane, the low 32 bits */
static inline int32x4_t vmlaq_n_s32(int32x4_t a, int32x4_t b, int32_t c)
{
    int i;
    for (i = 0; i < 4; i++) a.v[i] = (int32_t)((uint32_t)a.v[i] + (uint32_t)b.v[i] * (uint32_t)c);
    return a;
}

/* VMLADAVA.S32: acc + the sum of the 4 lane products, modulo 2^32 */
static inline int32_t vmladavaq_s32(int32_t acc, int32x4_t a, int32x4_t b)
{
    uint32_t s = (uint32_t)acc;
    int i;
    for (i = 0; i < 4; i++) s += (uint32_t)a.v[i] * (uint32_t)b.v[i];
    return (int32_t)s;
}
static inline int32_t vmladavq_s32(int32x4_t a, int32x4_t b) { return vmladavaq_s32(0, a, b); }

static inline void vstrhq_s32(int16_t *p, int32x4_t a)
{
    int i;
    for (i = 0; i < 4; i++) p[i] = (int16_t)(uint16_t)((uint32_t)a.v[i] & 0xFFFFu);
}

static inline void vstrhq_p_s32(int16_t *p, int32x4_t a, mve_pred16_t pred)
{
    int i;
    for (i = 0; i < 4; i++)
        if (shim_lane_active(pred, i)) p[i] = (int16_t)(uint16_t)((uint32_t)a.v[i] & 0xFFFFu);
}

static inline int32_t shim_sat32(int64_t v) { return v > INT32_MAX ? INT32_MAX : (v < INT32_MIN ? INT32_MIN : (int32_t)v); }

/* VQADD.S32: saturating */
static inline int32x4_t vqaddq_s32(int32x4_t a, int32x4_t b)
{
    int i;
    for (i = 0; i < 4; i++) a.v[i] = shim_sat32((int64_t)a.v[i] + b.v[i]);
    return a;
}

/* VRSHL.S32 (vector): the amount is the signed low byte of b's lane; left shifts truncate, right
   shifts round half up: (a + 2^(n-1)) >> n, computed without overflow */
static inline int32x4_t vrshlq_s32(int32x4_t a, int32x4_t b)
{
    int i;
    for (i = 0; i < 4; i++) {
        const int32_t sh = (int8_t)(uint8_t)((uint32_t)b.v[i] & 0xFFu);
        if (sh >= 0) {
            a.v[i] = sh >= 32 ? 0 : (int32_t)((uint32_t)a.v[i] << sh);
        } else if (sh >= -32) {
            a.v[i] = (int32_t)(((int64_t)a.v[i] + ((int64_t)1 << (-sh - 1))) >> -sh);
        } else {
            a.v[i] = 0; /* |a| <= 2^31 < 2^(n-1): the rounded quotient is 0 */
        }
    }
    return a;
}

static inline mve_pred16_t shim_cmp_pred(const int c[4])
{
    mve_pred16_t p = 0;
    int i;
    for (i = 0; i < 4; i++)
        if (c[i]) p = (mve_pred16_t)(p | (0xFu << (4 * i)));
    return p;
}

static inline mve_pred16_t vcmpleq_n_s32(int32x4_t a, int32_t b)
{
    int c[4], i;
    for (i = 0; i < 4; i++) c[i] = a.v[i] <= b;
    return shim_cmp_pred(c);
}

static inline mve_pred16_t vcmpgeq_n_s32(int32x4_t a, int32_t b)
{
    int c[4], i;
    for (i = 0; i < 4; i++) c[i] = a.v[i] >= b;
    return shim_cmp_pred(c);
}

/* VEOR, VBIC (a & ~b) */
static inline int32x4_t veorq_s32(int32x4_t a, int32x4_t b)
{
    int i;
    for (i = 0; i < 4; i++) a.v[i] = (int32_t)((uint32_t)a.v[i] ^ (uint32_t)b.v[i]);
    return a;
}

static inline int32x4_t vbicq_s32(int32x4_t a, int32x4_t b)
{
    int i;
    for (i = 0; i < 4; i++) a.v[i] = (int32_t)((uint32_t)a.v[i] & ~(uint32_t)b.v[i]);
    return a;
}

#include "arm_mve_curve.h" /* dsl_curve_s16's 16-bit lanes */

#endif
