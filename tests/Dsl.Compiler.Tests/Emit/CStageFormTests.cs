using Dsl.Compiler.Emit;
using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The output-stage form a specialised step passes to its kernel body: a flag only when every channel takes
/// that branch of dsl_requant_prepare / dsl_requant_apply under the model's rounding rule (else the run-time test).
/// </summary>
public sealed class CStageFormTests
{
    private static OutputStage Stage(int[] multiplier, int[] shift, int actMin = -128, int actMax = 127, sbyte[]? lut = null,
        int zeroPoint = 0) =>
        new(new int[multiplier.Length], multiplier, shift, zeroPoint, actMin, actMax, lut);

    [Fact]
    public void Default_rule_takes_the_shortcut_only_when_every_shift_is_at_most_minus_2()
    {
        var m = new[] { 0x40000000, 0x7FFFFFFF };
        Assert.Equal("DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE",
            CStageForm.For(Stage(m, [-2, -9]), RoundingRule.Single, int16Out: false));
        Assert.Equal("DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE", CStageForm.For(Stage(m, [-2, -1]), RoundingRule.Single, int16Out: false));
        Assert.Equal("DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE", CStageForm.For(Stage(m, [-3, 1]), RoundingRule.Single, int16Out: false));
    }

    [Fact]
    public void Default_rule_takes_the_wide_form_when_every_shift_is_minus_1_or_0_with_a_non_negative_multiplier()
    {
        Assert.Equal("DSL_STAGE_WIDE", CStageForm.For(Stage([0x40000000, 0], [-1, 0]), RoundingRule.Single, int16Out: true));
        Assert.Equal("DSL_STAGE_GENERAL", CStageForm.For(Stage([0x40000000, -5], [-1, 0]), RoundingRule.Single, int16Out: true));
        // tflite has no wide form: shift 0 with M >= 0 is its shortcut
        Assert.Equal("DSL_STAGE_SHORTCUT", CStageForm.For(Stage([0x40000000], [0]), RoundingRule.Tflite, int16Out: true));
    }

    [Fact]
    public void Tflite_rule_takes_the_shortcut_when_every_shift_is_at_most_0_with_a_non_negative_multiplier()
    {
        Assert.Equal("DSL_STAGE_SHORTCUT", CStageForm.For(Stage([0x40000000, 0x50000000], [0, -7]), RoundingRule.Tflite, int16Out: true));
        Assert.Equal("DSL_STAGE_GENERAL", CStageForm.For(Stage([0x40000000, -3], [0, -7]), RoundingRule.Tflite, int16Out: true));
        Assert.Equal("DSL_STAGE_GENERAL", CStageForm.For(Stage([0x40000000, 0x50000000], [0, 1]), RoundingRule.Tflite, int16Out: true));
    }

    [Fact]
    public void Lut_and_clamp_flags_follow_the_stage_and_int16_outputs_get_neither()
    {
        var lut = new sbyte[256];
        Assert.Equal("DSL_STAGE_SHORTCUT | DSL_STAGE_LUT | DSL_STAGE_INT8_RANGE",
            CStageForm.For(Stage([1], [-5], lut: lut), RoundingRule.Single, int16Out: false));
        Assert.Equal("DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT",
            CStageForm.For(Stage([1], [-5], actMin: 0), RoundingRule.Single, int16Out: false));
        Assert.Equal("DSL_STAGE_SHORTCUT | DSL_STAGE_INT16_RANGE",
            CStageForm.For(Stage([1], [-5], actMin: -32768, actMax: 32767), RoundingRule.Single, int16Out: true));
        Assert.Equal("DSL_STAGE_SHORTCUT",
            CStageForm.For(Stage([1], [-5], actMin: -32767, actMax: 32767), RoundingRule.Single, int16Out: true));
    }

    [Fact]
    public void Zero_point_folds_into_the_rounding_term_only_for_the_default_shortcut_when_the_sum_fits_int32()
    {
        var m = new[] { 0x7FFFFFFF, 0x40000000 };
        Assert.Equal("DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT | DSL_STAGE_INT8_RANGE | DSL_STAGE_ZP_IN_ROUND",
            CStageForm.For(Stage(m, [-2, -9], zeroPoint: -128), RoundingRule.Single, int16Out: false));
        // right = 26: 2^30 + 2^25 + 15 * 2^26 < 2^31, 16 * 2^26 is not
        Assert.EndsWith("DSL_STAGE_ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -27], zeroPoint: 15), RoundingRule.Single, int16Out: false));
        Assert.DoesNotContain("ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -27], zeroPoint: 16), RoundingRule.Single, int16Out: false));
        Assert.EndsWith("DSL_STAGE_ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -27], zeroPoint: -16), RoundingRule.Single, int16Out: false));
        Assert.DoesNotContain("ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -27], zeroPoint: -17), RoundingRule.Single, int16Out: false));
        // nothing to fold, no shortcut, or the TFLite rule (its rounding depends on the sign)
        Assert.DoesNotContain("ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -9]), RoundingRule.Single, int16Out: false));
        Assert.DoesNotContain("ZP_IN_ROUND", CStageForm.For(Stage(m, [-1, -9], zeroPoint: 3), RoundingRule.Single, int16Out: false));
        Assert.DoesNotContain("ZP_IN_ROUND", CStageForm.For(Stage(m, [-2, -9], zeroPoint: 3), RoundingRule.Tflite, int16Out: false));
    }
}
