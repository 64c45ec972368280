namespace Dsl.Compiler.Boards;

/// <summary>What one core draws, from its part's datasheet: while it runs at the profile's clock, and while it
/// sleeps between frames. The real-time and energy report turns load into average power with these.</summary>
/// <param name="ActiveMilliwatts">Power while the core executes, at the core's <c>clock_hz</c>.</param>
/// <param name="SleepMilliwatts">Power while the core waits for the next frame (sleep / retention).</param>
/// <param name="Covers">What the figures include (core, flash, domains, which supply, conditions).</param>
/// <param name="Source">The datasheet document and table the figures come from.</param>
/// <param name="Estimate">Why a figure is an estimate rather than read from the datasheet; null: typical, from the datasheet.</param>
public sealed record CorePower(double ActiveMilliwatts, double SleepMilliwatts, string Covers, string Source, string? Estimate)
{
    /// <summary>"typical, from the datasheet" or "estimate: why".</summary>
    public string Status => Estimate is null ? "typical, from the datasheet" : $"estimate: {Estimate}";
}
