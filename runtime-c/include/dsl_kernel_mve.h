/*
 * dsl_kernel_mve.h - int8 dot products with Helium (Armv8.1-M MVE, Cortex-M55) for the
 * src/mve/ kernels. VMLADAVA.S8 adds 16 int8 products into a 32-bit accumulator; the
 * last partial vector is loaded with a VCTP tail predicate (zeroed lanes add nothing).
 * gcc 12 does not auto-vectorise these loops, hence the intrinsics.
 */
#ifndef DSL_KERNEL_MVE_H
#define DSL_KERNEL_MVE_H

#include <stdint.h>
#include "dsl_kernel_internal.h" /* DSL_INLINE */
#include <arm_mve.h>

/* Hides a pointer's value from gcc's loop optimisation, in the multi-pointer loops below when they are
   long (8 vectors or more): gcc otherwise derives every pointer from one (e.g. w1 = w0 + len) and
   re-adds the distance each iteration, VLDRB's immediate offset being too short, instead of
   post-incrementing each pointer (13 instead of 10 instructions per 64 MACs, -26 % on a 192 -> 192
   k3 step). Short windows, which gcc unrolls, lose with it (their constant offsets are free, the extra
   pointers spill). No instruction is emitted. */
#if defined(__GNUC__)
#define DSL_MVE_OWN_REGISTER(ptr, len) \
    do {                                \
        if ((len) >= 128) __asm__("" : "+r"(ptr)); \
    } while (0)
#else
#define DSL_MVE_OWN_REGISTER(ptr, len) ((void)0)
#endif

/* Hides a pointer's value from gcc at this point (no instruction): a load through it cannot be hoisted out
   of the loop (a vector then reloaded per row costs one instruction, one held in a Q register of the 8
   may cost a spill and a reload), and two pointers advancing by the same step stay two post-incremented
   pointers instead of one plus a re-added distance. */
#if defined(__GNUC__)
#define DSL_MVE_OPAQUE(ptr) __asm__("" : "+r"(ptr))
#else
#define DSL_MVE_OPAQUE(ptr) ((void)0)
#endif

/* The chunk loop `for (i = count; i > 0; i--) { body }` of a dot block, unrolled when it is short
   (fewer than 4 vectors; a constant in a specialised step, so only one copy is compiled): gcc 12 keeps
   such 2-3 iteration loops with their counter and accumulator moves (15 instead of 9 instructions per
   64 MACs on a 4 -> 8 k8 step), while unrolling longer ones costs registers (+35 % on 192 -> 192 k3). */
#if defined(__GNUC__) && !defined(__clang__) && (__GNUC__ >= 8)
#define DSL_MVE_FOR_CHUNKS(count, ...)                          \
    do {                                                        \
        if ((count) < 4) {                                      \
            _Pragma("GCC unroll 4") for (i = (count); i > 0; i--) { __VA_ARGS__ } \
        } else {                                                \
            for (i = (count); i > 0; i--) { __VA_ARGS__ }       \
        }                                                       \
    } while (0)
#else
#define DSL_MVE_FOR_CHUNKS(count, ...)                          \
    do {                                                        \
        for (i = (count); i > 0; i--) { __VA_ARGS__ }           \
    } while (0)
#endif

/* The longest window (kernel x in_channels) a groups-1 conv with 3 or more output channels computes as an
   outer product (channels in the lanes, one VMLA by scalar per window element; dsl_conv1d_mve_body.h):
   its weight columns stay in Q registers for the whole step. Longer windows take the VMLADAVA blocks,
   which cost less per element (16 or 8 per instruction) but more per block of 4 outputs. */
#define DSL_MVE_OUTER_MAX 4

/* Unrolls the next loop fully when its count is a small constant (the window loops of the outer product:
   gcc 12 keeps them as loops, the weight columns then on the stack instead of in registers). */
#if defined(__GNUC__) && !defined(__clang__) && (__GNUC__ >= 8)
#define DSL_MVE_UNROLL _Pragma("GCC unroll 8")
#else
#define DSL_MVE_UNROLL
#endif

/* acc + a.b (VMLADAVA), or a.b (VMLADAV) when acc is the constant 0 (the first chunk of a window, once the
   block is inlined and unrolled): saves moving 0 into each accumulator register per block. */
#if defined(__GNUC__)
#define DSL_MVE_IS_ZERO(v) (__builtin_constant_p(v) && (v) == 0)
#else
#define DSL_MVE_IS_ZERO(v) 0
#endif
#define DSL_MVE_MLADAVA(sfx, acc, a, b) (DSL_MVE_IS_ZERO(acc) ? vmladavq_##sfx(a, b) : vmladavaq_##sfx(acc, a, b))

/* Loads of a last chunk of 8 or 4 elements: widening loads fill the lanes exactly, no predicate (gcc 12
   emits a VPST per predicated load: 2 instructions each). _Z: the predicated loads of other lengths. */
#define DSL_MVE_LD8_S16(ptr) vldrbq_s16(ptr)
#define DSL_MVE_LD8_S32(ptr) vldrbq_s32(ptr)
#define DSL_MVE_LD16_S32(ptr) vldrhq_s32(ptr)
#define DSL_MVE_LD8_Z(ptr) vldrbq_z_s8(ptr, p)
#define DSL_MVE_LD8_Z16(ptr) vldrbq_z_s16(ptr, p)
#define DSL_MVE_LD16_Z(ptr) vldrhq_z_s16(ptr, p)

/* acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len int8 */
DSL_INLINE void dsl_mve_dot_2x2(const int8_t *w0, const int8_t *w1, const int8_t *x0, const int8_t *x1,
                                   int32_t len, int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
#define DSL_MVE_DOT_2X2_CHUNK(sfx, T, LW, LX)               \
    do {                                                  \
        const T xa = LX(x0), xb = LX(x1);                 \
        const T wa = LW(w0), wb = LW(w1);                 \
        a00 = DSL_MVE_MLADAVA(sfx, a00, wa, xa);          \
        a01 = DSL_MVE_MLADAVA(sfx, a01, wa, xb);          \
        a10 = DSL_MVE_MLADAVA(sfx, a10, wb, xa);          \
        a11 = DSL_MVE_MLADAVA(sfx, a11, wb, xb);          \
    } while (0)
    DSL_MVE_OWN_REGISTER(w1, len);
    DSL_MVE_OWN_REGISTER(x1, len);
    DSL_MVE_FOR_CHUNKS(len >> 4,
        DSL_MVE_DOT_2X2_CHUNK(s8, int8x16_t, vldrbq_s8, vldrbq_s8);
        x0 += 16;
        x1 += 16;
        w0 += 16;
        w1 += 16;);
    if ((len & 15) == 8) {
        DSL_MVE_DOT_2X2_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, DSL_MVE_LD8_S16);
    } else if ((len & 15) == 4) {
        DSL_MVE_DOT_2X2_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD8_S32);
    } else if ((len & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(len & 15));
        DSL_MVE_DOT_2X2_CHUNK(s8, int8x16_t, DSL_MVE_LD8_Z, DSL_MVE_LD8_Z);
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

/* acc[0] += w0.x, acc[1] += w1.x over len int8 */
DSL_INLINE void dsl_mve_dot_2x1(const int8_t *w0, const int8_t *w1, const int8_t *x, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 4; i > 0; i--) {
        const int8x16_t xv = vldrbq_s8(x);
        a0 = vmladavaq_s8(a0, vldrbq_s8(w0), xv);
        a1 = vmladavaq_s8(a1, vldrbq_s8(w1), xv);
        x += 16;
        w0 += 16;
        w1 += 16;
    }
    if ((len & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(len & 15));
        const int8x16_t xv = vldrbq_z_s8(x, p);
        a0 = vmladavaq_s8(a0, vldrbq_z_s8(w0, p), xv);
        a1 = vmladavaq_s8(a1, vldrbq_z_s8(w1, p), xv);
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* acc + w.x over len int8 */
DSL_INLINE int32_t dsl_mve_dot_1x1(const int8_t *w, const int8_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = len >> 4; i > 0; i--) {
        acc = vmladavaq_s8(acc, vldrbq_s8(w), vldrbq_s8(x));
        x += 16;
        w += 16;
    }
    if ((len & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(len & 15));
        acc = vmladavaq_s8(acc, vldrbq_z_s8(w, p), vldrbq_z_s8(x, p));
    }
    return acc;
}

/* acc[l] += w_l.x for 4 weight rows sharing the input (4 output channels, one row) over len int8 */
DSL_INLINE void dsl_mve_dot_4x1(const int8_t *w0, const int8_t *w1, const int8_t *w2, const int8_t *w3,
                                const int8_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
#define DSL_MVE_DOT_4X1_CHUNK(sfx, T, LW, LX)        \
    do {                                           \
        const T xv = LX(x);                        \
        a0 = DSL_MVE_MLADAVA(sfx, a0, LW(w0), xv); \
        a1 = DSL_MVE_MLADAVA(sfx, a1, LW(w1), xv); \
        a2 = DSL_MVE_MLADAVA(sfx, a2, LW(w2), xv); \
        a3 = DSL_MVE_MLADAVA(sfx, a3, LW(w3), xv); \
    } while (0)
    DSL_MVE_OWN_REGISTER(w1, len);
    DSL_MVE_OWN_REGISTER(w2, len);
    DSL_MVE_OWN_REGISTER(w3, len);
    DSL_MVE_FOR_CHUNKS(len >> 4,
        DSL_MVE_DOT_4X1_CHUNK(s8, int8x16_t, vldrbq_s8, vldrbq_s8);
        x += 16;
        w0 += 16;
        w1 += 16;
        w2 += 16;
        w3 += 16;);
    if ((len & 15) == 8) {
        DSL_MVE_DOT_4X1_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, DSL_MVE_LD8_S16);
    } else if ((len & 15) == 4) {
        DSL_MVE_DOT_4X1_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD8_S32);
    } else if ((len & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(len & 15));
        DSL_MVE_DOT_4X1_CHUNK(s8, int8x16_t, DSL_MVE_LD8_Z, DSL_MVE_LD8_Z);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* acc[l] += w.x_l for 4 input windows sharing the weights (one output channel, 4 rows) over len int8 */
DSL_INLINE void dsl_mve_dot_1x4(const int8_t *w, const int8_t *x0, const int8_t *x1, const int8_t *x2,
                                const int8_t *x3, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
#define DSL_MVE_DOT_1X4_CHUNK(sfx, T, LW, LX)        \
    do {                                           \
        const T wv = LW(w);                        \
        a0 = DSL_MVE_MLADAVA(sfx, a0, wv, LX(x0)); \
        a1 = DSL_MVE_MLADAVA(sfx, a1, wv, LX(x1)); \
        a2 = DSL_MVE_MLADAVA(sfx, a2, wv, LX(x2)); \
        a3 = DSL_MVE_MLADAVA(sfx, a3, wv, LX(x3)); \
    } while (0)
    DSL_MVE_OWN_REGISTER(x1, len);
    DSL_MVE_OWN_REGISTER(x2, len);
    DSL_MVE_OWN_REGISTER(x3, len);
    DSL_MVE_FOR_CHUNKS(len >> 4,
        DSL_MVE_DOT_1X4_CHUNK(s8, int8x16_t, vldrbq_s8, vldrbq_s8);
        w += 16;
        x0 += 16;
        x1 += 16;
        x2 += 16;
        x3 += 16;);
    if ((len & 15) == 8) {
        DSL_MVE_DOT_1X4_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, DSL_MVE_LD8_S16);
    } else if ((len & 15) == 4) {
        DSL_MVE_DOT_1X4_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD8_S32);
    } else if ((len & 15) != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)(len & 15));
        DSL_MVE_DOT_1X4_CHUNK(s8, int8x16_t, DSL_MVE_LD8_Z, DSL_MVE_LD8_Z);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* 16x8: acc[0] += w.x0, acc[1] += w.x1 over len (int8 weights widened by VLDRB.S16) */
DSL_INLINE void dsl_mve_dot16_1x2(const int8_t *w, const int16_t *x0, const int16_t *x1, int32_t len, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i;
    for (i = len >> 3; i > 0; i--) {
        const int16x8_t wv = vldrbq_s16(w);
        a0 = vmladavaq_s16(a0, wv, vldrhq_s16(x0));
        a1 = vmladavaq_s16(a1, wv, vldrhq_s16(x1));
        w += 8;
        x0 += 8;
        x1 += 8;
    }
    if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        const int16x8_t wv = vldrbq_z_s16(w, p);
        a0 = vmladavaq_s16(a0, wv, vldrhq_z_s16(x0, p));
        a1 = vmladavaq_s16(a1, wv, vldrhq_z_s16(x1, p));
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* 16x8: acc + w.x over len */
DSL_INLINE int32_t dsl_mve_dot16_1x1(const int8_t *w, const int16_t *x, int32_t len, int32_t acc)
{
    int32_t i;
    for (i = len >> 3; i > 0; i--) {
        acc = vmladavaq_s16(acc, vldrbq_s16(w), vldrhq_s16(x));
        w += 8;
        x += 8;
    }
    if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        acc = vmladavaq_s16(acc, vldrbq_z_s16(w, p), vldrhq_z_s16(x, p));
    }
    return acc;
}

/* 16x8: acc[l] += w_l.x for 4 weight rows sharing the input over len */
DSL_INLINE void dsl_mve_dot16_4x1(const int8_t *w0, const int8_t *w1, const int8_t *w2, const int8_t *w3,
                                  const int16_t *x, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    DSL_MVE_OWN_REGISTER(w1, 4 * len);
    DSL_MVE_OWN_REGISTER(w2, 4 * len);
    DSL_MVE_OWN_REGISTER(w3, 4 * len);
    DSL_MVE_FOR_CHUNKS(len >> 3,
        DSL_MVE_DOT_4X1_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, vldrhq_s16);
        x += 8;
        w0 += 8;
        w1 += 8;
        w2 += 8;
        w3 += 8;);
    if ((len & 7) == 4) {
        DSL_MVE_DOT_4X1_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD16_S32);
    } else if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        DSL_MVE_DOT_4X1_CHUNK(s16, int16x8_t, DSL_MVE_LD8_Z16, DSL_MVE_LD16_Z);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* 16x8: acc[l] += w.x_l for 4 input windows sharing the weights over len */
DSL_INLINE void dsl_mve_dot16_1x4(const int8_t *w, const int16_t *x0, const int16_t *x1, const int16_t *x2,
                                  const int16_t *x3, int32_t len, int32_t acc[4])
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t i;
    DSL_MVE_OWN_REGISTER(w, 4 * len);
    DSL_MVE_OWN_REGISTER(x1, 4 * len);
    DSL_MVE_OWN_REGISTER(x2, 4 * len);
    DSL_MVE_OWN_REGISTER(x3, 4 * len);
    DSL_MVE_FOR_CHUNKS(len >> 3,
        DSL_MVE_DOT_1X4_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, vldrhq_s16);
        w += 8;
        x0 += 8;
        x1 += 8;
        x2 += 8;
        x3 += 8;);
    if ((len & 7) == 4) {
        DSL_MVE_DOT_1X4_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD16_S32);
    } else if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        DSL_MVE_DOT_1X4_CHUNK(s16, int16x8_t, DSL_MVE_LD8_Z16, DSL_MVE_LD16_Z);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* 16x8: acc[0] += w0.x0, acc[1] += w0.x1, acc[2] += w1.x0, acc[3] += w1.x1 over len */
DSL_INLINE void dsl_mve_dot16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0, const int16_t *x1,
                                  int32_t len, int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    int32_t i;
    DSL_MVE_OWN_REGISTER(w1, 4 * len);
    DSL_MVE_OWN_REGISTER(x1, 4 * len);
    DSL_MVE_FOR_CHUNKS(len >> 3,
        DSL_MVE_DOT_2X2_CHUNK(s16, int16x8_t, DSL_MVE_LD8_S16, vldrhq_s16);
        x0 += 8;
        x1 += 8;
        w0 += 8;
        w1 += 8;);
    if ((len & 7) == 4) {
        DSL_MVE_DOT_2X2_CHUNK(s32, int32x4_t, DSL_MVE_LD8_S32, DSL_MVE_LD16_S32);
    } else if ((len & 7) != 0) {
        const mve_pred16_t p = vctp16q((uint32_t)(len & 7));
        DSL_MVE_DOT_2X2_CHUNK(s16, int16x8_t, DSL_MVE_LD8_Z16, DSL_MVE_LD16_Z);
    }
    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

#endif /* DSL_KERNEL_MVE_H */
