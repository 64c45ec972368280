namespace Dsl.Compiler.Validation;

/// <summary>One audio clip run through the emitted C and the golden model.</summary>
/// <param name="TwoCores">On an emulated two-core board: the routing logs and the paced run (else null).</param>
public sealed record ClipValidation(string Clip, TraceComparison Comparison, IReadOnlyList<FrameRecord> Trace, TwoCoreClip? TwoCores = null)
{
    /// <summary>Why the clip fails (the first difference, or the two-core runs' <see cref="TwoCoreClip.Failure"/>); null when it passes.</summary>
    public string? Failure => Comparison.BitExact ? TwoCores?.Failure : Comparison.FirstDifference;
}
