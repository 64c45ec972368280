namespace Dsl.Compiler.Tuning;

/// <summary>One path core's mean load at a point, % of the frame period (<see cref="Reporting.CoreLoad.MeanPercent"/>).</summary>
public sealed record CorePercent(string Core, double Percent);
