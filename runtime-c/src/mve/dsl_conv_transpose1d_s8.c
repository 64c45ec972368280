/*
 * dsl_conv_transpose1d_s8 - MVE variant (Cortex-M55 Helium: VMLADAVA.S8, tail-predicated loads).
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file
 * picks the dot-product blocks.
 */
#include "dsl_kernel_internal.h"
#include "dsl_kernel_mve.h"

#define DSL_DOT(f) dsl_mve_##f
#define DSL_CONV_TRANSPOSE1D_LIBRARY
#include "dsl_conv_transpose1d_body.h"
