using Dsl.Compiler.Reporting;

namespace Dsl.Compiler.Tuning;

/// <summary>What one routing setting does over all clips: how often the heavy path runs and the routed quality.</summary>
public sealed record RoutedRun(RoutingSetting Setting, RouteProfile Routes, QualityFigures Quality);
