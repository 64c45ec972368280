/*
 * dsl_conv1d_s16_s16 - DSP variant (Cortex-M4/M7/M33: SXTB16 + SMLAD; PKHBT/PKHTB): int16 in (16x8), int16 out (lut unused).
 * The skeleton is include/dsl_conv1d_dsp_body.h (the blocking of dsl_conv1d_body.h for SMLAD); this file picks the
 * dot-product blocks and the output type.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"

#define DSL_CONV1D_NAME dsl_conv1d_s16_s16
#define DSL_CONV1D_BODY dsl_conv1d_s16_s16_body
#define DSL_CONV1D_OUT int16_t
#define DSL_CONV1D_STORE dsl_stage_s16
#define DSL_CONV1D_16X8
#define DSL_DOT(f) dsl_dsp_##f
#include "dsl_conv1d_dsp_body.h"
