namespace Dsl.Compiler.Reporting;

/// <summary>The board's path cores together: average power (mW; energy per hour in mWh is the same number) per
/// mode, and what routing saves against always-heavy.</summary>
public sealed record EnergyTotals(double LightOnly, double Routed, double AlwaysHeavy)
{
    /// <summary>Routed vs always-heavy, % saved (negative: routing costs more).</summary>
    public double SavingPercent => AlwaysHeavy > 0 ? 100 * (1 - (Routed / AlwaysHeavy)) : 0;
}
