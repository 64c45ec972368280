using Dsl.Compiler.Boards;
using Dsl.Compiler.Validation;

namespace Dsl.Compiler.Reporting;

/// <summary>One core's load measured in a QEMU run (<c>dslc bench</c>): instructions per frame from the trace's
/// counts (heavy counts include replay), as mean, 99th-percentile and worst frame, and as % of the frame period at
/// the profile's clock (one instruction per cycle).</summary>
/// <param name="Board">Board name.</param>
/// <param name="Core">Core id.</param>
/// <param name="Paths">light, heavy or light + heavy.</param>
/// <param name="ClockHz">The profile's clock.</param>
/// <param name="Frames">Frames of the run.</param>
/// <param name="Mean">Mean instructions per frame, over every frame (0 on frames the core's path does not run).</param>
/// <param name="P99">Instructions of the 99th-percentile frame (nearest rank).</param>
/// <param name="Worst">Instructions of the worst frame.</param>
/// <param name="CyclesPerFrame">Core cycles in one frame period.</param>
public sealed record MeasuredCoreLoad(string Board, string Core, string Paths, long ClockHz, int Frames, double Mean, long P99, long Worst, double CyclesPerFrame)
{
    public double MeanPercent => 100 * Mean / CyclesPerFrame;

    public double P99Percent => 100 * P99 / CyclesPerFrame;

    public double WorstPercent => 100 * Worst / CyclesPerFrame;

    /// <summary>Cycles the frame deadline allows (frame period x frame_budget_percent).</summary>
    public double BudgetCycles { get; init; }

    /// <summary>The heavy core of a two-core board: its output is due this many frames after its frame (K + 1, the
    /// default routed latency); null where the core's work must fit each frame.</summary>
    public int? LatencyFrames { get; init; }

    /// <summary>With <see cref="LatencyFrames"/>: the worst time from a frame to its heavy output in frame periods,
    /// the measured work run as a queue (<see cref="HeavyBacklog"/>).</summary>
    public double? ResponseFrames { get; init; }

    public bool Met => LatencyFrames is { } l ? ResponseFrames <= l : Worst <= BudgetCycles;

    /// <summary>The deadline verdict for the report.</summary>
    public string Verdict => LatencyFrames is { } l
        ? FormattableString.Invariant($"{(Met ? "meets" : "**misses**")}: output within {ResponseFrames:0.##} of {l} frames")
        : Met ? "meets" : FormattableString.Invariant($"**misses**: worst frame {100 * Worst / BudgetCycles:F0}% of the deadline");

    /// <summary>Each path core of <paramref name="board"/>: the light core counts the light path, the heavy core the
    /// heavy path (on one core, both in the same frame).</summary>
    /// <param name="replayFrames">K, the replay frames: a two-core heavy core's output is due K + 1 frames after its frame.</param>
    public static IReadOnlyList<MeasuredCoreLoad> Of(BoardProfile board, IReadOnlyList<FrameRecord> frames, double frameSeconds, int replayFrames)
    {
        ArgumentNullException.ThrowIfNull(board);
        var cores = board.IsSingleCore ? new[] { board.Light } : new[] { board.Light, board.Heavy };
        var loads = new List<MeasuredCoreLoad>();
        foreach (CoreProfile core in cores)
        {
            bool light = core.Id == board.LightCore, heavy = core.Id == board.HeavyCore;
            long[] counts = frames
                .Select(f => (light ? (long)f.LightInstructions : 0) + (heavy && f.Route == 1 ? (long)f.HeavyInstructions : 0))
                .Order()
                .ToArray();
            long p99 = counts.Length == 0 ? 0 : counts[Math.Max(0, (int)Math.Ceiling(0.99 * counts.Length) - 1)];
            double cycles = core.ClockHz * frameSeconds, budget = cycles * board.FrameBudgetPercent / 100.0;
            bool queued = heavy && !light;
            double[] work = queued ? frames.Select(f => f.Route == 1 ? f.HeavyInstructions / budget : 0).ToArray() : [];
            loads.Add(new MeasuredCoreLoad(board.Name, core.Id, light && heavy ? "light + heavy" : light ? "light" : "heavy", core.ClockHz,
                counts.Length, counts.Length == 0 ? 0 : counts.Average(), p99, counts.Length == 0 ? 0 : counts[^1], cycles)
            {
                BudgetCycles = budget,
                LatencyFrames = queued ? replayFrames + 1 : null,
                ResponseFrames = queued ? HeavyBacklog.WorstResponseFrames([work]) : null,
            });
        }

        return loads;
    }
}
