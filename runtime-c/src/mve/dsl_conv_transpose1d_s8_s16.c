/*
 * dsl_conv_transpose1d_s8_s16 - MVE variant (Cortex-M55 Helium: VMLADAVA): int8 in, int16 out (lut unused).
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file picks the
 * dot-product blocks and the element types.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_mve.h"

#define DSL_CONV_TRANSPOSE1D_NAME dsl_conv_transpose1d_s8_s16
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s8_s16_body
#define DSL_CONV_TRANSPOSE1D_OUT int16_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s16
#define DSL_DOT(f) dsl_mve_##f
#include "dsl_conv_transpose1d_body.h"
