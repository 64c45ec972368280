/*
 * tests/shim/arm_mve_curve.h - host emulation of the 16-bit-lane MVE intrinsics of dsl_curve_s16 (src/mve),
 * included by arm_mve.h. Test-only. Semantics as in the Armv8.1-M pseudocode: two predicate bits per
 * 16-bit lane (the lower one tested here), inactive lanes of zeroing loads read as 0 and are not accessed,
 * inactive lanes of stores are not written; the narrowing shifts write only their half of the lanes.
 */
#ifndef DSL_TEST_SHIM_ARM_MVE_CURVE_H
#define DSL_TEST_SHIM_ARM_MVE_CURVE_H

typedef struct {
    uint16_t v[8];
} uint16x8_t;

static inline int shim_lane16_active(mve_pred16_t p, int lane) { return (p >> (2 * lane)) & 1u; }

static inline uint16x8_t vreinterpretq_u16_s16(int16x8_t x) { uint16x8_t r; DSL_SHIM_LANES(8, r.v[i] = (uint16_t)x.v[i]); return r; }
static inline int16x8_t vreinterpretq_s16_u16(uint16x8_t x) { int16x8_t r; DSL_SHIM_LANES(8, r.v[i] = (int16_t)x.v[i]); return r; }
static inline uint16x8_t vdupq_n_u16(uint16_t a) { uint16x8_t r; DSL_SHIM_LANES(8, r.v[i] = a); return r; }
static inline int16x8_t vdupq_n_s16(int16_t a) { int16x8_t r; DSL_SHIM_LANES(8, r.v[i] = a); return r; }
static inline uint16x8_t vaddq_n_u16(uint16x8_t x, uint16_t n) { DSL_SHIM_LANES(8, x.v[i] = (uint16_t)(x.v[i] + n)); return x; }
static inline uint16x8_t vshrq_n_u16(uint16x8_t x, int n) { DSL_SHIM_LANES(8, x.v[i] = (uint16_t)(x.v[i] >> n)); return x; }
static inline uint16x8_t vandq_u16(uint16x8_t a, uint16x8_t b) { DSL_SHIM_LANES(8, a.v[i] = (uint16_t)(a.v[i] & b.v[i])); return a; }
static inline int16x8_t vaddq_s16(int16x8_t a, int16x8_t b) { DSL_SHIM_LANES(8, a.v[i] = (int16_t)(uint16_t)(a.v[i] + b.v[i])); return a; }
static inline int32x4_t vsubq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = dsl_shim_wrap((int64_t)a.v[i] - b.v[i])); return a; }

/* base[offset] per active lane (offsets in elements: the shifted form scales them by 2 bytes) */
static inline int16x8_t vldrhq_gather_shifted_offset_z_s16(const int16_t *base, uint16x8_t offset, mve_pred16_t p)
{
    int16x8_t r;
    DSL_SHIM_LANES(8, r.v[i] = shim_lane16_active(p, i) ? base[offset.v[i]] : 0);
    return r;
}

static inline void vstrhq_p_s16(int16_t *p, int16x8_t x, mve_pred16_t pred)
{
    DSL_SHIM_LANES(8, if (shim_lane16_active(pred, i)) p[i] = x.v[i]);
}

/* widening multiplies of the even (bottom) or odd (top) lanes */
static inline int32x4_t vmullbq_int_s16(int16x8_t a, int16x8_t b) { int32x4_t r; DSL_SHIM_LANES(4, r.v[i] = (int32_t)a.v[2 * i] * b.v[2 * i]); return r; }
static inline int32x4_t vmulltq_int_s16(int16x8_t a, int16x8_t b) { int32x4_t r; DSL_SHIM_LANES(4, r.v[i] = (int32_t)a.v[2 * i + 1] * b.v[2 * i + 1]); return r; }

/* rounding shift right and narrow into the even (bottom) or odd (top) lanes of a, the others kept; no saturation */
static inline int16x8_t vrshrnbq_n_s32(int16x8_t a, int32x4_t b, int n)
{
    DSL_SHIM_LANES(4, a.v[2 * i] = (int16_t)(uint16_t)(uint64_t)(((int64_t)b.v[i] + ((int64_t)1 << (n - 1))) >> n));
    return a;
}

static inline int16x8_t vrshrntq_n_s32(int16x8_t a, int32x4_t b, int n)
{
    DSL_SHIM_LANES(4, a.v[2 * i + 1] = (int16_t)(uint16_t)(uint64_t)(((int64_t)b.v[i] + ((int64_t)1 << (n - 1))) >> n));
    return a;
}

#endif
