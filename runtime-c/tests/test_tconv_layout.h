/*
 * tests/test_tconv_layout.h - the transposed-conv weight layout of dsl_kernels.h, written from its text for the
 * tests: the references keep the tap layout [out][kernel][in]; the kernels get the weights re-laid phase-major.
 */
#ifndef DSL_TEST_TCONV_LAYOUT_H
#define DSL_TEST_TCONV_LAYOUT_H

#include <stdint.h>
#include "dsl_kernels.h"

/* per phase, [out][taps of the phase in descending j][in] */
static void relay_tconv_weights(const dsl_conv_transpose1d_params_t *p, const int8_t *w, int8_t *phase_major)
{
    int32_t phase, o, j, c, k = 0;
    for (phase = 0; phase < p->stride; phase++)
        for (o = 0; o < p->out_channels; o++)
            for (j = p->kernel - 1; j >= 0; j--)
                if ((j * p->dilation) % p->stride == phase)
                    for (c = 0; c < p->in_channels; c++) phase_major[k++] = w[(o * p->kernel + j) * p->in_channels + c];
}

#endif /* DSL_TEST_TCONV_LAYOUT_H */
