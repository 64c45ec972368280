using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The dsl_stage_form_t flags (dsl_kernel_internal.h) of a specialised step: the output-stage facts known
/// at generation time, passed as a constant so the C compiler drops the per-output run-time tests. Each
/// flag names the branch those tests would take for every output, so the bits do not change.
/// </summary>
public static class CStageForm
{
    /// <summary>The C expression of the step's form, e.g. <c>DSL_STAGE_SHORTCUT | DSL_STAGE_NO_LUT</c>.</summary>
    public static string For(OutputStage stage, RoundingRule rule, bool int16Out)
    {
        var flags = new List<string>();
        var channels = stage.Multiplier.Zip(stage.Shift).ToList();
        // dsl_requant_prepare: the shortcut (q->right >= 0) is shift <= -2 (default), shift <= 0 and M >= 0 (tflite).
        if (AllShortcut(stage, rule))
            flags.Add("DSL_STAGE_SHORTCUT");
        // dsl_requantize_general: the wide form, default rule only, when the shortcut does not apply.
        else if (rule == RoundingRule.Single && channels.Count > 0 && channels.All(c => c.First >= 0 && c.Second is -1 or 0))
            flags.Add("DSL_STAGE_WIDE");
        if (!int16Out)
        {
            flags.Add(stage.Lut is null ? "DSL_STAGE_NO_LUT" : "DSL_STAGE_LUT");
            if (stage is { ActMin: sbyte.MinValue, ActMax: sbyte.MaxValue })
                flags.Add("DSL_STAGE_INT8_RANGE");
        }
        else if (stage is { ActMin: short.MinValue, ActMax: short.MaxValue })
            flags.Add("DSL_STAGE_INT16_RANGE");
        if (flags.Contains("DSL_STAGE_SHORTCUT") && ZeroPointFoldsIntoRound(stage, rule))
            flags.Add("DSL_STAGE_ZP_IN_ROUND");
        return flags.Count == 0 ? "DSL_STAGE_GENERAL" : string.Join(" | ", flags);
    }

    /// <summary>Whether the form has DSL_STAGE_SHORTCUT and DSL_STAGE_ZP_IN_ROUND: the prepared channels
    /// (dsl_dsp_requant_prepare) then carry the zero point in their rounding term.</summary>
    public static bool FoldsZeroPoint(OutputStage stage, RoundingRule rule) =>
        AllShortcut(stage, rule) && ZeroPointFoldsIntoRound(stage, rule);

    /// <summary>Every channel takes dsl_requant_shortcut (DSL_STAGE_SHORTCUT).</summary>
    private static bool AllShortcut(OutputStage stage, RoundingRule rule) =>
        stage.Multiplier.Length > 0 && stage.Multiplier.Zip(stage.Shift).All(c => Shortcut(c.First, c.Second, rule));

    /// <summary>
    /// Default-rule shortcut: ((h + round) &gt;&gt; right) + zp may be computed as (h + round + zp * 2^right) &gt;&gt; right
    /// (dsl_stage_dsp.h) when that sum cannot leave int32 for any channel: h = (acc * M) &gt;&gt; 32 lies in
    /// [-2^30, 2^30] for any int32 acc and M, right = -1 - shift, round = 2^(right - 1).
    /// </summary>
    private static bool ZeroPointFoldsIntoRound(OutputStage stage, RoundingRule rule)
    {
        if (rule != RoundingRule.Single || stage.OutZeroPoint == 0)
            return false;
        return stage.Shift.All(shift =>
        {
            var right = -1 - shift;
            if (right < 1 || right > 30)
                return false;
            var zp = (long)stage.OutZeroPoint << right;
            var round = 1L << (right - 1);
            return (1L << 30) + round + Math.Max(zp, 0) <= int.MaxValue && -(1L << 30) + Math.Min(zp, 0) >= int.MinValue;
        });
    }

    private static bool Shortcut(int multiplier, int shift, RoundingRule rule) =>
        rule == RoundingRule.Tflite ? shift <= 0 && multiplier >= 0 : shift <= -2;
}
