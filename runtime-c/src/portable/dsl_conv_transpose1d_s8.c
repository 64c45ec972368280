/*
 * dsl_conv_transpose1d_s8 - portable C99.
 * The skeleton is include/dsl_conv_transpose1d_body.h, shared by every variant; this file
 * picks the dot-product blocks.
 */
#include "dsl_kernel_internal.h"

#define DSL_DOT(f) dsl_##f
#define DSL_CONV_TRANSPOSE1D_LIBRARY
#include "dsl_conv_transpose1d_body.h"
