namespace Dsl.Compiler.Tuning;

/// <summary>One row of the Pareto table: a routing setting, how often it runs the heavy path, what that costs on the
/// board and the routed quality.</summary>
/// <param name="Threshold">The float threshold dsl.json would get for <see cref="RoutingSetting.ThresholdQ"/>
/// (<see cref="ThresholdValue"/>; checked by a rebuild before --budget writes it).</param>
/// <param name="HeavyShare">Share of frames routed heavy.</param>
/// <param name="RestartsPerFrame">Light-to-heavy transitions per frame.</param>
/// <param name="HeavyCallsPerFrame">Heavy-path calls per frame, replay included.</param>
public sealed record TunePoint(RoutingSetting Setting, float Threshold, double HeavyShare, double RestartsPerFrame,
    double HeavyCallsPerFrame, PointLoad Load, QualityFigures Quality)
{
    /// <summary>No other point has both less or equal load and better or equal quality (<see cref="ParetoFront"/>).</summary>
    public bool OnFront { get; init; }
}
