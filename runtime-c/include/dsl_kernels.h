/*
 * dsl_kernels.h - the int8 kernels that dslc-generated models call.
 *
 * Layout: every activation tensor is time-major, [rows][channels], channels contiguous.
 * One frame of a tensor is `rows` time steps at that tensor's rate.
 * All quantization parameters are computed by dslc at generation time; kernels
 * only apply them (see dsl_requantize.h for the rounding rule).
 *
 * Each function lives in its own file named after it, in src/portable/ (C99, any
 * core), and optionally in src/dsp/ (Armv7E-M / Armv8-M DSP: SMLAD) and src/mve/
 * (Armv8.1-M Helium). A variant file defines the same symbol; dslc copies the
 * variant the board asks for and the portable file for every other kernel.
 * Every variant gives bit-identical results to the portable one.
 */
#ifndef DSL_KERNELS_H
#define DSL_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Requantized output stage shared by the convolution kernels. */
typedef struct {
    const int32_t *bias;       /* [out_channels]; input zero point already folded in:
                                  bias_q - in_zero_point * sum(weights of that channel) */
    const int32_t *multiplier; /* [out_channels], Q31 in [2^30, 2^31) (or 0) */
    const int32_t *shift;      /* [out_channels], in [-31, 30] */
    int32_t out_zero_point;    /* added after requantization */
    int32_t act_min;           /* clamp after adding the zero point (fused ReLU narrows it) */
    int32_t act_max;
    const int8_t *lut;         /* NULL, or a 256-entry table applied last: out = lut[v + 128]
                                  (fused ELU/Tanh/Sigmoid/LeakyReLU); int8 outputs only */
} dsl_output_stage_t;

/*
 * 1-D convolution, "valid" over the rows it is given (padding and streaming history
 * are the caller's: the caller keeps the last rows of the previous frame in front).
 *   in:  [(out_rows - 1) * stride + (kernel - 1) * dilation + 1][in_channels]
 *   out: [out_rows][out_channels]
 *   weights: [out_channels][kernel][in_channels / groups]
 * out[t][o] = stage(bias[o] + sum_j sum_c w[o][j][c] * in[t*stride + j*dilation][g*cg + c])
 * with g = o / (out_channels / groups), cg = in_channels / groups.
 */
typedef struct {
    int32_t in_channels;
    int32_t out_channels;
    int32_t kernel;
    int32_t stride;
    int32_t dilation;
    int32_t groups;
    const int8_t *weights;
    dsl_output_stage_t stage;
} dsl_conv1d_params_t;

/* int8 in, int8 out. */
void dsl_conv1d_s8(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int8_t *out);
/* int16 in (16x8: first layer on PCM), int8 out. */
void dsl_conv1d_s16_s8(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int8_t *out);
/* int8 in, int16 out (last layer to PCM, or into an int16 activation); stage.lut must be NULL, clamp is int16. */
void dsl_conv1d_s8_s16(const dsl_conv1d_params_t *p, const int8_t *in, int32_t out_rows, int16_t *out);
/* int16 in, int16 out (mixed precision: an int16 activation between two int16 tensors); stage.lut must be NULL. */
void dsl_conv1d_s16_s16(const dsl_conv1d_params_t *p, const int16_t *in, int32_t out_rows, int16_t *out);

/*
 * Mixed precision. dslc may keep any activation tensor in int16 instead of int8: symmetric, zero
 * point 0, clamp [-32768, 32767] (narrowed by a fused ReLU); weights stay int8 (16x8 kernels). A
 * nonlinearity other than ReLU on an int16 tensor is the interpolated table dsl_curve_s16, run after
 * the kernel, never a stage LUT. Accumulation is int32: dslc uses an int16-input kernel only where it
 * has proven |bias[o]| + 32768 * sum |w[o][.]| < 2^31 for every output channel, so no sum can wrap.
 */

/*
 * Causal 1-D transposed convolution (groups = 1, no begin padding), streaming form.
 *   history = ((kernel - 1) * dilation) / stride rows of earlier input precede the new rows:
 *   in:  [history + in_rows][in_channels]
 *   out: [in_rows * stride][out_channels]
 * out[n][o] = stage(bias[(n % stride) * out_channels + o]
 *                   + sum over (i, j) with i*stride + j*dilation == n + history*stride
 *                     of sum_c W[o][j][c] * in[i][c])
 * with W[out_channels][kernel][in_channels] the tap weights (ONNX's [Cin][Cout][K] transposed).
 * Only the taps j of one phase (n % stride) reach an output, so the input zero point is
 * folded per phase: stage.bias has [stride][out_channels] entries (not [out_channels]);
 * multiplier and shift stay [out_channels].
 * weights: W laid out phase-major (dslc writes it so): for phase = 0 .. stride-1 in turn, a
 *   block [out_channels][taps_p][in_channels] of the taps j with j*dilation % stride == phase,
 *   in descending j (taps_p of them, 0 for a phase no tap reaches), kernel*out*in int8 in all.
 *   Descending j reads input rows ascending: output row n = phase + stride*r takes them from
 *   rows first_p + r + t*gap, t = 0 .. taps_p-1 (gap = dilation / gcd(stride, dilation)), so a
 *   phase is a dense stride-1 convolution, one contiguous taps_p * in_channels window when gap = 1.
 *   Every such row is >= 0 (history = floor((kernel-1)*dilation / stride) covers every tap).
 */
typedef struct {
    int32_t in_channels;
    int32_t out_channels;
    int32_t kernel;
    int32_t stride;
    int32_t dilation;
    const int8_t *weights;
    dsl_output_stage_t stage;
} dsl_conv_transpose1d_params_t;

void dsl_conv_transpose1d_s8(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows, int8_t *out);
/* The same with int16 input and/or int16 output (mixed precision; an int16 output needs stage.lut NULL). */
void dsl_conv_transpose1d_s16_s8(const dsl_conv_transpose1d_params_t *p, const int16_t *in, int32_t in_rows, int8_t *out);
void dsl_conv_transpose1d_s8_s16(const dsl_conv_transpose1d_params_t *p, const int8_t *in, int32_t in_rows, int16_t *out);
void dsl_conv_transpose1d_s16_s16(const dsl_conv_transpose1d_params_t *p, const int16_t *in, int32_t in_rows,
                                  int16_t *out);

/*
 * Elementwise add of two int8 tensors with their own scales (TFLite-style):
 *   a' = requant((a - a_zp) << left_shift, a_mult, a_shift), b' likewise,
 *   out = clamp(requant(a' + b', out_mult, out_shift) + out_zp, act_min, act_max), then lut.
 * a: [rows][channels]; b: [rows][channels] when b_row_stride == channels, or one
 * [channels] vector broadcast over rows when b_row_stride == 0.
 */
typedef struct {
    int32_t a_zero_point, a_multiplier, a_shift;
    int32_t b_zero_point, b_multiplier, b_shift;
    int32_t left_shift;
    int32_t out_multiplier, out_shift, out_zero_point;
    int32_t act_min, act_max;
    const int8_t *lut;
} dsl_add_params_t;

void dsl_add_s8(const dsl_add_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out);
/* int16 a, b and out (zero points 0; dslc passes left_shift 15, so (a - a_zp) << 15 fits int32); lut NULL. */
void dsl_add_s16(const dsl_add_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out);

/*
 * Elementwise multiply: out = clamp(requant((a - a_zp) * (b - b_zp), mult, shift) + out_zp), then lut.
 * Broadcasting of b as for dsl_add_s8.
 */
typedef struct {
    int32_t a_zero_point, b_zero_point;
    int32_t multiplier, shift, out_zero_point;
    int32_t act_min, act_max;
    const int8_t *lut;
} dsl_mul_params_t;

void dsl_mul_s8(const dsl_mul_params_t *p, const int8_t *a, const int8_t *b, int32_t b_row_stride,
                int32_t rows, int32_t channels, int8_t *out);
/* int16 a, b and out (the product of two int16 fits int32); lut NULL. */
void dsl_mul_s16(const dsl_mul_params_t *p, const int16_t *a, const int16_t *b, int32_t b_row_stride,
                 int32_t rows, int32_t channels, int16_t *out);

/* Table lookup (standalone activation): out[i] = lut[in[i] + 128]. */
void dsl_lut_s8(const int8_t *lut, const int8_t *in, int32_t count, int8_t *out);

/*
 * Interpolated int16 table (a nonlinearity on an audio output, e.g. a decoder's final Tanh): with
 * u = in[i] + 32768, i = u >> DSL_CURVE_STEP_BITS and f = u & (2^DSL_CURVE_STEP_BITS - 1),
 *   out[i] = t[i] + (((t[i + 1] - t[i]) * f + 2^(DSL_CURVE_STEP_BITS - 1)) >> DSL_CURVE_STEP_BITS)
 * (arithmetic shift). table has DSL_CURVE_POINTS entries; in may equal out (dslc runs it in place).
 */
#define DSL_CURVE_STEP_BITS 7
#define DSL_CURVE_POINTS ((65536 >> DSL_CURVE_STEP_BITS) + 1)
void dsl_curve_s16(const int16_t *table, const int16_t *in, int32_t count, int16_t *out);

/*
 * Rescale and strided copy (Concat along channels, or a change of quantization):
 *   out[r * out_row_stride + c] = clamp(requant(in[r * in_row_stride + c] - in_zp, mult, shift) + out_zp)
 * for r < rows, c < channels. When in and out share scale and zero point dslc passes
 * multiplier == 0 to mean "plain copy".
 */
typedef struct {
    int32_t in_zero_point, multiplier, shift, out_zero_point;
} dsl_rescale_params_t;

void dsl_rescale_s8(const dsl_rescale_params_t *p, const int8_t *in, int32_t in_row_stride,
                    int32_t rows, int32_t channels, int8_t *out, int32_t out_row_stride);
/* The same between int8 and int16 tensors (a change of precision, or Concat of mixed inputs); the clamp is the
   output type's range; multiplier 0 (plain copy) only where in and out have the same type. */
void dsl_rescale_s8_s16(const dsl_rescale_params_t *p, const int8_t *in, int32_t in_row_stride,
                        int32_t rows, int32_t channels, int16_t *out, int32_t out_row_stride);
void dsl_rescale_s16_s8(const dsl_rescale_params_t *p, const int16_t *in, int32_t in_row_stride,
                        int32_t rows, int32_t channels, int8_t *out, int32_t out_row_stride);
void dsl_rescale_s16(const dsl_rescale_params_t *p, const int16_t *in, int32_t in_row_stride,
                     int32_t rows, int32_t channels, int16_t *out, int32_t out_row_stride);

/*
 * Streaming history: a buffer holds [history_bytes of the previous frame][new_bytes of
 * this frame]; after the frame, keep its last history_bytes at the front.
 * (Overlapping move towards lower addresses.)
 */
void dsl_history_shift(uint8_t *buffer, int32_t history_bytes, int32_t new_bytes);

/* Byte copy and fill without libc (the generated code links no C library). */
void dsl_copy_bytes(uint8_t *dst, const uint8_t *src, int32_t count);
void dsl_fill_s8(int8_t *dst, int8_t value, int32_t count);

/*
 * Silence gate (docs/silence-gate.md). dsl_silent_s16: 1 when every x[i] is within
 * [-threshold, threshold] (threshold >= 0; count 0 gives 1), else 0. dsl_fade_out_s16: in place,
 * x[i] = x[i] * (count - i) / count in int32, truncated toward zero (count 1..65536).
 */
int32_t dsl_silent_s16(const int16_t *x, int32_t count, int32_t threshold);
void dsl_fade_out_s16(int16_t *x, int32_t count);

#ifdef __cplusplus
}
#endif

#endif /* DSL_KERNELS_H */
