/*
 * tests/shim/arm_mve_elementwise.h - host emulation of the MVE intrinsics of the data-movement
 * and elementwise kernels (dsl_lut_s8, dsl_add_s8_body.h), included by arm_mve.h. Test-only.
 * Semantics as in the Armv8.1-M pseudocode: predicate bits per byte lane, inactive lanes of
 * zeroing loads read as 0 and are not accessed, inactive lanes of stores are not written.
 */
#ifndef DSL_TEST_SHIM_ARM_MVE_ELEMENTWISE_H
#define DSL_TEST_SHIM_ARM_MVE_ELEMENTWISE_H

#include <stdint.h>

typedef struct {
    uint8_t v[16];
} uint8x16_t;
typedef struct {
    int32_t v[4];
} int32x4_t;
typedef struct {
    uint32_t v[4];
} uint32x4_t;

#define DSL_SHIM_LANES(n, body) \
    do {                        \
        int i;                  \
        for (i = 0; i < (n); i++) { body; } \
    } while (0)

static inline uint8x16_t vldrbq_u8(const uint8_t *p) { uint8x16_t r; DSL_SHIM_LANES(16, r.v[i] = p[i]); return r; }
static inline uint8x16_t vldrbq_z_u8(const uint8_t *p, uint16_t pr)
{
    uint8x16_t r;
    DSL_SHIM_LANES(16, r.v[i] = ((pr >> i) & 1u) ? p[i] : 0);
    return r;
}
static inline void vstrbq_u8(uint8_t *p, uint8x16_t x) { DSL_SHIM_LANES(16, p[i] = x.v[i]); }
static inline void vstrbq_p_u8(uint8_t *p, uint8x16_t x, uint16_t pr) { DSL_SHIM_LANES(16, if ((pr >> i) & 1u) p[i] = x.v[i]); }
static inline uint8x16_t vaddq_n_u8(uint8x16_t x, uint8_t n) { DSL_SHIM_LANES(16, x.v[i] = (uint8_t)(x.v[i] + n)); return x; }
static inline uint8x16_t vldrbq_gather_offset_u8(const uint8_t *base, uint8x16_t off)
{
    uint8x16_t r;
    DSL_SHIM_LANES(16, r.v[i] = base[off.v[i]]);
    return r;
}
static inline uint8x16_t vldrbq_gather_offset_z_u8(const uint8_t *base, uint8x16_t off, uint16_t pr)
{
    uint8x16_t r;
    DSL_SHIM_LANES(16, r.v[i] = ((pr >> i) & 1u) ? base[off.v[i]] : 0);
    return r;
}

static inline uint16_t vctp32q(uint32_t n) { return n >= 4 ? (uint16_t)0xFFFFu : (uint16_t)((1u << (4 * n)) - 1u); }
static inline int32x4_t vdupq_n_s32(int32_t a) { int32x4_t r; DSL_SHIM_LANES(4, r.v[i] = a); return r; }
static inline int32x4_t vldrbq_s32(const int8_t *p) { int32x4_t r; DSL_SHIM_LANES(4, r.v[i] = p[i]); return r; }
static inline int32x4_t vldrbq_z_s32(const int8_t *p, uint16_t pr)
{
    int32x4_t r;
    DSL_SHIM_LANES(4, r.v[i] = ((pr >> (4 * i)) & 1u) ? p[i] : 0);
    return r;
}
static inline void vstrbq_s32(int8_t *p, int32x4_t x) { DSL_SHIM_LANES(4, p[i] = (int8_t)(uint8_t)(uint32_t)x.v[i]); }
static inline void vstrbq_p_s32(int8_t *p, int32x4_t x, uint16_t pr)
{
    DSL_SHIM_LANES(4, if ((pr >> (4 * i)) & 1u) p[i] = (int8_t)(uint8_t)(uint32_t)x.v[i]);
}
static inline int32x4_t vldrbq_gather_offset_s32(const int8_t *base, uint32x4_t off)
{
    int32x4_t r;
    DSL_SHIM_LANES(4, r.v[i] = base[off.v[i]]);
    return r;
}
static inline int32x4_t vldrbq_gather_offset_z_s32(const int8_t *base, uint32x4_t off, uint16_t pr)
{
    int32x4_t r;
    DSL_SHIM_LANES(4, r.v[i] = ((pr >> (4 * i)) & 1u) ? base[off.v[i]] : 0);
    return r;
}
static inline uint32x4_t vreinterpretq_u32_s32(int32x4_t x) { uint32x4_t r; DSL_SHIM_LANES(4, r.v[i] = (uint32_t)x.v[i]); return r; }

static inline int32_t dsl_shim_wrap(int64_t v) { return (int32_t)(uint32_t)(uint64_t)v; }
static inline int32x4_t vaddq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = dsl_shim_wrap((int64_t)a.v[i] + b.v[i])); return a; }
static inline int32x4_t vaddq_n_s32(int32x4_t a, int32_t b) { DSL_SHIM_LANES(4, a.v[i] = dsl_shim_wrap((int64_t)a.v[i] + b)); return a; }
static inline int32x4_t vsubq_n_s32(int32x4_t a, int32_t b) { DSL_SHIM_LANES(4, a.v[i] = dsl_shim_wrap((int64_t)a.v[i] - b)); return a; }
/* VQSHL by an immediate 0..31: saturating left shift */
static inline int32x4_t vqshlq_n_s32(int32x4_t a, int n)
{
    DSL_SHIM_LANES(4, {
        const int64_t v = (int64_t)a.v[i] * ((int64_t)1 << n);
        a.v[i] = v > INT32_MAX ? INT32_MAX : (v < INT32_MIN ? INT32_MIN : (int32_t)v);
    });
    return a;
}
/* VMLAS: a * b + c per lane (low 32 bits) */
static inline int32x4_t vmlasq_n_s32(int32x4_t a, int32x4_t b, int32_t c)
{
    DSL_SHIM_LANES(4, a.v[i] = dsl_shim_wrap((int64_t)(uint32_t)((uint32_t)a.v[i] * (uint32_t)b.v[i]) + c));
    return a;
}
static inline int32x4_t vandq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = (int32_t)((uint32_t)a.v[i] & (uint32_t)b.v[i])); return a; }
static inline int32x4_t vmaxq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = a.v[i] > b.v[i] ? a.v[i] : b.v[i]); return a; }
static inline int32x4_t vminq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = a.v[i] < b.v[i] ? a.v[i] : b.v[i]); return a; }
/* arithmetic shift right by an immediate 1..32 */
static inline int32x4_t vshrq_n_s32(int32x4_t a, int n) { DSL_SHIM_LANES(4, a.v[i] = (int32_t)((int64_t)a.v[i] >> n)); return a; }
/* VSHL by a register: left for n >= 0 (bits shifted out are lost), right (truncating) for n < 0 */
static inline int32x4_t vshlq_r_s32(int32x4_t a, int32_t n)
{
    DSL_SHIM_LANES(4, a.v[i] = n >= 0 ? dsl_shim_wrap((int64_t)((uint64_t)(int64_t)a.v[i] << n)) : (int32_t)((int64_t)a.v[i] >> -n));
    return a;
}
/* VRSHL by a register: left for n >= 0, rounding right ((x + 2^(-n-1)) >> -n, unbounded) for n < 0 */
static inline int32x4_t vrshlq_n_s32(int32x4_t a, int32_t n)
{
    DSL_SHIM_LANES(4, a.v[i] = n >= 0 ? dsl_shim_wrap((int64_t)((uint64_t)(int64_t)a.v[i] << n))
                                      : (int32_t)(((int64_t)a.v[i] + ((int64_t)1 << (-n - 1))) >> -n));
    return a;
}
/* VMULH: high half of the product; VRMULH: rounded high half; VQRDMULH: saturating doubling rounded */
static inline int32x4_t vmulhq_s32(int32x4_t a, int32x4_t b) { DSL_SHIM_LANES(4, a.v[i] = (int32_t)(((int64_t)a.v[i] * b.v[i]) >> 32)); return a; }
static inline int32x4_t vrmulhq_s32(int32x4_t a, int32x4_t b)
{
    DSL_SHIM_LANES(4, a.v[i] = (int32_t)(((int64_t)a.v[i] * b.v[i] + ((int64_t)1 << 31)) >> 32));
    return a;
}
static inline int32x4_t vqrdmulhq_s32(int32x4_t a, int32x4_t b)
{
    DSL_SHIM_LANES(4, a.v[i] = (a.v[i] == INT32_MIN && b.v[i] == INT32_MIN)
                                   ? INT32_MAX
                                   : (int32_t)((2 * (int64_t)a.v[i] * b.v[i] + ((int64_t)1 << 31)) >> 32));
    return a;
}

#endif
