using System.Globalization;

namespace Dsl.Compiler.Reporting;

/// <summary>Whether one path meets its frame deadline on the core that runs it: its steady frame and its worst
/// frame (the heavy path's replay burst) against the budget (frame period x frame_budget_percent, in cycles).
/// The heavy path of a two-core board is judged by its latency instead (<see cref="Latency"/>): its output is due
/// L frames after its frame, so a replay burst may spread over the frames that follow it.</summary>
/// <param name="Path">light or heavy.</param>
/// <param name="Core">The core that runs it.</param>
/// <param name="Steady">Instructions of its steady frame on that core.</param>
/// <param name="Worst">Instructions of its worst frame on that core.</param>
/// <param name="Budget">Cycles the frame deadline allows on that core.</param>
public sealed record PathDeadline(string Path, string Core, double Steady, double Worst, double Budget)
{
    /// <summary>Set for a heavy path that runs on its own core: the latency it has and the response it needs.</summary>
    public HeavyLatency? Latency { get; init; }

    public bool SteadyMet => Steady <= Budget;

    /// <summary>The verdict: the worst frame fits its frame, or (two cores) every heavy output is ready within the
    /// routed latency.</summary>
    public bool Met => Latency is { } l ? SteadyMet && l.Met : Worst <= Budget;

    /// <summary>Frames after a worst frame until the path is back on time, when its steady frames fit: the overrun
    /// (worst - budget) drains by the spare cycles of each following steady frame (budget - steady), and the output
    /// is late by up to that many frames meanwhile (buffering permitting). 0 when the worst frame fits; null when the
    /// steady frame does not fit (the path never catches up).</summary>
    public int? CatchUpFrames => Worst <= Budget ? 0 : SteadyMet ? (int)Math.Ceiling((Worst - Budget) / (Budget - Steady)) : null;

    /// <summary>"meets", "meets (burst spread over the latency)", "misses (replay burst)", "misses (output late)" or "misses".</summary>
    public string Verdict => !SteadyMet ? "misses"
        : Latency is { } l ? (l.Met ? (Worst <= Budget ? "meets" : "meets (burst spread over the latency)") : "misses (output late)")
        : Met ? "meets" : "misses (replay burst)";

    /// <summary>One line for a miss: board, core, path, what misses and by how much.</summary>
    public string MissMessage(string board, double deadlineMs, long clockHz)
    {
        var c = CultureInfo.InvariantCulture;
        if (SteadyMet && Latency is { } l)
        {
            return string.Create(c, $"heavy output late on board '{board}', core '{Core}': a replay burst ({Worst:N0} instructions, {100 * Worst / Budget:F0}% of the {deadlineMs:0.###} ms deadline at {clockHz / 1e6:0.###} MHz, 1 instruction per cycle) makes an output ready {l.ResponseFrames:0.##} frames after its frame ({l.Basis}), beyond the routed latency of {l.Frames} frames");
        }

        string what = SteadyMet ? "its replay burst" : "its steady frame";
        double needed = SteadyMet ? Worst : Steady;
        return string.Create(c, $"frame deadline missed on board '{board}', core '{Core}', {Path} path: {what} needs {needed:N0} instructions, {100 * needed / Budget:F0}% of the {deadlineMs:0.###} ms deadline at {clockHz / 1e6:0.###} MHz (1 instruction per cycle)");
    }
}
