using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// A channel's prepared requantization as the dsp kernels keep it (dsl_requant_t of dsl_kernel_internal.h, as
/// dsl_dsp_requant_prepare of dsl_stage_dsp.h fills it): multiplier, shift, rounding term, final right shift.
/// dslc writes these words into the pairs4 layout so the kernel reads them instead of preparing each channel.
/// </summary>
public static class DspRequantRecord
{
    /// <summary>Words per record, in the order of dsl_requant_t's fields.</summary>
    public const int Words = 4;

    /// <summary>
    /// The record of channel <paramref name="o"/>: the default rule's shortcut (shift &lt;= -2) has right = -1 - shift
    /// and round = 2^(right - 1), plus zero point x 2^right when <paramref name="foldZeroPoint"/> (the step's form
    /// has DSL_STAGE_ZP_IN_ROUND); the tflite rule's shortcut (shift &lt;= 0, M &gt;= 0) right = -shift, round 0;
    /// every other channel right = -1 (no shortcut), round 0.
    /// </summary>
    public static int[] Of(OutputStage stage, int o, RoundingRule rule, bool foldZeroPoint)
    {
        int m = stage.Multiplier[o], shift = stage.Shift[o];
        int right = -1, round = 0;
        if (rule == RoundingRule.Single && shift <= -2)
        {
            right = -1 - shift;
            var halves = foldZeroPoint ? (2L * stage.OutZeroPoint) + 1 : 1;
            round = checked((int)(halves << (right - 1)));
        }
        else if (rule == RoundingRule.Tflite && shift <= 0 && m >= 0)
        {
            right = -shift;
        }

        return [m, shift, round, right];
    }
}
