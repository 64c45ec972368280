using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Targets;

/// <summary>Per-path instruction statistics of a frame trace.</summary>
/// <param name="Frames">Frames the path ran on.</param>
/// <param name="Mean">Mean instructions per such frame (0 when none).</param>
/// <param name="Max">Largest count.</param>
public sealed record InstructionStats(int Frames, double Mean, long Max)
{
    /// <summary>The light path runs on every frame.</summary>
    public static InstructionStats Light(TraceFile trace) =>
        Of(trace.Frames.Select(f => (long)f.LightInstructions).ToList());

    /// <summary>The heavy path runs on heavy frames (counts include replay).</summary>
    public static InstructionStats Heavy(TraceFile trace) =>
        Of(trace.Frames.Where(f => f.Route == 1).Select(f => (long)f.HeavyInstructions).ToList());

    private static InstructionStats Of(IReadOnlyList<long> counts) =>
        counts.Count == 0 ? new(0, 0, 0) : new(counts.Count, counts.Average(), counts.Max());
}
