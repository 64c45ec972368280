using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Emit;

/// <summary>
/// What dslc knows of an add step when it emits it (dsl_add_s8_body.h): the pre-shifts of the lean input rescale and
/// the <c>dsl_add_form_t</c> flags, passed as constants to the inlined body so that its loop has no run-time tests
/// and its shifts are immediates. The same choice as the library kernels' per-call <c>dsl_add_s8_form</c>, so the
/// bits are the same either way.
/// </summary>
/// <param name="Ka">Pre-shift of input A (0 when the form is not lean).</param>
/// <param name="Kb">Pre-shift of input B (0 when the form is not lean).</param>
/// <param name="Flags">The C expression of the flags, e.g. <c>DSL_ADD_LEAN | DSL_ADD_NO_LUT | DSL_ADD_INT8_RANGE</c>.</param>
public sealed record CAddForm(int Ka, int Kb, string Flags)
{
    /// <summary>Largest pre-shift: |in - zp| &lt;= 255 shifted by it stays below 2^31.</summary>
    private const int MaxPreShift = 23;

    public static CAddForm For(AddStep s, RoundingRule rule)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ka = InputPreShift(s.AZeroPoint, s.AMultiplier, s.AShift, s.LeftShift, rule);
        var kb = InputPreShift(s.BZeroPoint, s.BMultiplier, s.BShift, s.LeftShift, rule);
        var lean = ka >= 0 && kb >= 0 && OutputShortcut(s.OutMultiplier, s.OutShift, rule, out var right)
                   && ZeroPointFolds(s.OutZeroPoint, right);
        var flags = new List<string>();
        if (lean) flags.Add("DSL_ADD_LEAN");
        flags.Add(s.Lut is null ? "DSL_ADD_NO_LUT" : "DSL_ADD_LUT");
        if (s is { ActMin: sbyte.MinValue, ActMax: sbyte.MaxValue }) flags.Add("DSL_ADD_INT8_RANGE");
        return lean ? new CAddForm(ka, kb, string.Join(" | ", flags)) : new CAddForm(0, 0, string.Join(" | ", flags));
    }

    /// <summary>dsl_add_input_shift: the exponent k of rhm((in - zp) 2^k, M), or -1 when the lean rescale does not apply.</summary>
    private static int InputPreShift(int zeroPoint, int multiplier, int shift, int leftShift, RoundingRule rule)
    {
        var k = rule == RoundingRule.Tflite ? leftShift + 1 : leftShift + 1 + shift;
        var applies = zeroPoint is >= sbyte.MinValue and <= sbyte.MaxValue && multiplier >= 0 && shift <= 0 && leftShift >= 0
                      && k is >= 0 and <= MaxPreShift;
        return applies ? k : -1;
    }

    /// <summary>dsl_requant_prepare: the shortcut and its final right shift.</summary>
    private static bool OutputShortcut(int multiplier, int shift, RoundingRule rule, out int right)
    {
        if (rule == RoundingRule.Tflite)
        {
            right = -shift;
            return shift <= 0 && multiplier >= 0;
        }

        right = -1 - shift;
        return shift <= -2;
    }

    /// <summary>dsl_add_output_zero_point_folds: the zero point joins the rounding term before the shift without overflow.</summary>
    private static bool ZeroPointFolds(int zeroPoint, int right) => zeroPoint is >= -128 and <= 128 && right <= 22;
}
