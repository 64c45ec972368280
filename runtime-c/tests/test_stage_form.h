/*
 * test_stage_form.h - for the kernel test programs that call the DSP conv bodies directly (test_dsp_pairs.c,
 * test_dsp_pairs16.c): the dsl_stage_form_t dslc would pass for a random output stage. Include after
 * dsl_kernels.h and dsl_stage_dsp.h.
 */
#ifndef TEST_STAGE_FORM_H
#define TEST_STAGE_FORM_H

#include <stdint.h>

/* the dsl_stage_form_t dslc would pass for this stage (Emit/CStageForm.cs), so the form-specialised stores
   (the lean ones of dsl_stage_dsp.h) are checked as well as DSL_STAGE_GENERAL */
static dsl_stage_form_t stage_form(const dsl_output_stage_t *s, int32_t cout, int32_t s16_out)
{
    int32_t o, shortcut = 1, wide = 1, zp_fits = s->out_zero_point != 0;
    dsl_stage_form_t form = 0;
    for (o = 0; o < cout; o++) {
        const int32_t m = s->multiplier[o], e = s->shift[o];
#if defined(DSL_REQUANT_DOUBLE_ROUNDING)
        shortcut &= e <= 0 && m >= 0;
        wide = 0;
        zp_fits = 0;
#else
        const int32_t right = -1 - e;
        shortcut &= e <= -2;
        wide &= m >= 0 && (e == -1 || e == 0);
        if (right < 1 || right > 30) {
            zp_fits = 0;
        } else {
            const int64_t zp = (int64_t)s->out_zero_point * ((int64_t)1 << right), round = (int64_t)1 << (right - 1);
            zp_fits &= ((int64_t)1 << 30) + round + (zp > 0 ? zp : 0) <= INT32_MAX && -((int64_t)1 << 30) + (zp < 0 ? zp : 0) >= INT32_MIN;
        }
#endif
    }
    if (shortcut) form |= DSL_STAGE_SHORTCUT;
    else if (wide) form |= DSL_STAGE_WIDE;
    if (!s16_out) {
        form |= s->lut == 0 ? DSL_STAGE_NO_LUT : DSL_STAGE_LUT;
        if (s->act_min == -128 && s->act_max == 127) form |= DSL_STAGE_INT8_RANGE;
    } else if (s->act_min == -32768 && s->act_max == 32767) {
        form |= DSL_STAGE_INT16_RANGE;
    }
    if (shortcut && zp_fits) form |= DSL_STAGE_ZP_IN_ROUND;
    return form;
}

#endif /* TEST_STAGE_FORM_H */
