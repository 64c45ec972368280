namespace Dsl.Compiler.Validation;

/// <summary>One clip on one target (host or a board) in a <see cref="ValidationResults"/>: the verdict and
/// the quality lines validate printed for it.</summary>
/// <param name="Clip">The WAV's path as validate was given it (or dsl.json expanded it).</param>
/// <param name="Failure">Why the clip is not bit-exact (or failed on two cores); null when it is.</param>
/// <param name="Lines">The clip's SNR, clamp and bounded-replay lines, as printed.</param>
public sealed record ClipResult(string Clip, string Target, string? Failure, int Frames, int HeavyFrames, IReadOnlyList<string> Lines)
{
    public bool BitExact => Failure is null;

    /// <summary>Heavy frames per frame (0 for an empty clip).</summary>
    public double HeavyShare => Frames == 0 ? 0 : (double)HeavyFrames / Frames;

    /// <summary>The order results are listed in, whatever order they ran in: by clip path, then target (ordinal).</summary>
    public static int Compare(ClipResult a, ClipResult b)
    {
        int byClip = string.CompareOrdinal(a.Clip, b.Clip);
        return byClip != 0 ? byClip : string.CompareOrdinal(a.Target, b.Target);
    }
}
