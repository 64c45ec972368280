namespace Dsl.Compiler.Tuning;

/// <summary>A point as a plot takes it (e.g. the Pareto plot): heavy-path load, routed quality, whether it is on the
/// front, and a short label of its setting.</summary>
/// <param name="SnrVsHeavyDb">+infinity when the routed output equals the always-heavy output.</param>
public sealed record ParetoPoint(double HeavyInstructionsPerSecond, double SnrVsHeavyDb, double? RoutedMilliwatts, bool OnFront, string Label)
{
    public static ParetoPoint Of(TunePoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        RoutingSetting s = p.Setting;
        string label = FormattableString.Invariant($"t{s.ThresholdQ} h{s.Hold} {s.PolicyName}{(s.Exact ? "" : $" K{s.ReplayFrames}")}");
        return new ParetoPoint(p.Load.HeavyInstructionsPerSecond, p.Quality.SnrVsHeavyDb, p.Load.RoutedMilliwatts, p.OnFront, label);
    }
}
