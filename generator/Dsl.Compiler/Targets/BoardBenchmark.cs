namespace Dsl.Compiler.Targets;

/// <summary>Benchmark of one emulated board: the two path rows of the table and the run they came from.</summary>
/// <param name="Paths">Light and heavy rows.</param>
/// <param name="Run">The QEMU run (with its trace).</param>
/// <param name="Sizes">Per-path section sizes.</param>
public sealed record BoardBenchmark(IReadOnlyList<PathMeasurement> Paths, HarnessRun Run, PathSizes Sizes);
