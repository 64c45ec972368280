namespace Dsl.Compiler.Reporting;

/// <summary>Totals of one path (or of the full encoder + heavy decoder model).</summary>
public sealed record PathReport(
    string Path,
    long MacsPerFrame,
    double MacsPerSecond,
    long Parameters,
    long WeightBytes,
    int ArenaBytes,
    int StateBytes);
