namespace Dsl.Compiler.Validation;

/// <summary>What the two runs of one clip on an emulated two-core board showed beyond the lockstep comparison
/// (<see cref="ClipValidation.Comparison"/>): the lockstep run's routing log, and the paced run's (null when it
/// was not run) with its comparison under the <see cref="LatencyRule"/>.</summary>
public sealed record TwoCoreClip(RoutingLog Lockstep, RoutingLog? Paced, TraceComparison? PacedComparison)
{
    /// <summary>Why the clip fails beyond the lockstep comparison: the paced run's first difference, or late, lost
    /// or overrun frames in either run (expected zero at the default latency and pacing); null when it passes.</summary>
    public string? Failure =>
        PacedComparison is { BitExact: false } ? PacedComparison.FirstDifference
        : Problem("lockstep", Lockstep) ?? (Paced is null ? null : Problem($"paced (a frame every {Paced.PeriodInstructions:N0} instructions)", Paced));

    private static string? Problem(string run, RoutingLog log) =>
        log.Late + log.Lost + log.Overruns == 0 ? null
        : $"{run} run at latency {log.Latency}: {log.Late} late, {log.Lost} lost, {log.Overruns} overrun frames (expected none)";
}
