/*
 * dsl_conv_transpose1d_s8 - DSP variant (Cortex-M4/M7/M33: SXTB16 + SMLAD).
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file
 * picks the dot-product blocks.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_dsp.h"

#define DSL_DOT(f) dsl_dsp_##f
#define DSL_CONV_TRANSPOSE1D_LIBRARY
#include "dsl_conv_transpose1d_body.h"
