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

    /// <summary>One heavy call: heavy frames that follow a heavy frame, so the routed call neither resets
    /// nor replays (frame 0 always restarts).</summary>
    public static InstructionStats HeavyCall(TraceFile trace) =>
        Of(trace.Frames.Where((f, i) => i > 0 && f.Route == 1 && trace.Frames[i - 1].Route == 1 && f.ReplayFrames == 0)
            .Select(f => (long)f.HeavyInstructions).ToList());

    private static InstructionStats Of(IReadOnlyList<long> counts) =>
        counts.Count == 0 ? new(0, 0, 0) : new(counts.Count, counts.Average(), counts.Max());
}
