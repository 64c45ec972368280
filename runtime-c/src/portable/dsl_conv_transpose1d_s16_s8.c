/*
 * dsl_conv_transpose1d_s16_s8 - portable C99: int16 in (16x8), int8 out.
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file picks the
 * dot-product blocks and the element types.
 */
#include "dsl_kernel_internal.h"

#define DSL_CONV_TRANSPOSE1D_NAME dsl_conv_transpose1d_s16_s8
#define DSL_CONV_TRANSPOSE1D_BODY dsl_conv_transpose1d_s16_s8_body
#define DSL_CONV_TRANSPOSE1D_OUT int8_t
#define DSL_CONV_TRANSPOSE1D_STORE dsl_stage_s8
#define DSL_CONV_TRANSPOSE1D_16X8
#define DSL_DOT(f) dsl_##f
#include "dsl_conv_transpose1d_body.h"
