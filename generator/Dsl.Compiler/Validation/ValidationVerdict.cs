using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Validation;

/// <summary>The verdict of <c>dslc validate</c> over its clips: bit-exact (exit 0), or the first difference
/// of the first clip that differs, or its late frames on two cores (exit 10, <see cref="DslErrorCode.Mismatch"/>).</summary>
public sealed record ValidationVerdict(bool BitExact, string? FirstDifference)
{
    public int ExitCode => BitExact ? 0 : (int)DslErrorCode.Mismatch;

    public static ValidationVerdict Of(IReadOnlyList<ClipValidation> clips)
    {
        ClipValidation? bad = clips.FirstOrDefault(c => c.Failure is not null);
        return new ValidationVerdict(bad is null, bad?.Failure);
    }
}
