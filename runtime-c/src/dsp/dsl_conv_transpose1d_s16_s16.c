/*
 * dsl_conv_transpose1d_s16_s16 - DSP variant (Cortex-M4/M7/M33: SMLAD): int16 in (16x8), int16 out (lut unused).
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file picks the
 * dot-product blocks and the element types.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"

#define DSL_CONV_TRANSPOSE1D_NAME dsl_conv_transpose1d_s16_s16
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s16_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) dsl_dsp_##f
#include "dsl_conv_transpose1d_body.h"
