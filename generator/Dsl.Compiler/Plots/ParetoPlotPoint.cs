namespace Dsl.Compiler.Plots;

/// <summary>One operating point of the tuner's sweep for <see cref="ParetoPlot"/>.</summary>
/// <param name="OnFront">No other point is better in both coordinates: joined by the front line.</param>
/// <param name="Label">Non-null for the chosen point: written next to it.</param>
public readonly record struct ParetoPlotPoint(double X, double Y, bool OnFront, string? Label);
