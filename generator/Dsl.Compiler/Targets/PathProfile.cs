namespace Dsl.Compiler.Targets;

/// <summary>The per-step profile of one path on one board (<c>dslc bench --layers</c>), from a separate build
/// with the profiling hooks on.</summary>
/// <param name="Steps">Every step of the path, in execution order.</param>
/// <param name="HookInstructions">What one BEGIN/END hook pair adds to the path per step when profiling is on.</param>
/// <param name="SubtractedInstructions">Subtracted from every step: the counter read plus the hooks' own
/// instructions inside the step's window.</param>
/// <param name="ProfiledInstructionsPerCall">The path's instructions per call in the profiling build (hooks
/// included), or null when the run had no such call.</param>
public sealed record PathProfile(
    IReadOnlyList<StepMeasurement> Steps,
    long HookInstructions,
    long SubtractedInstructions,
    double? ProfiledInstructionsPerCall)
{
    /// <summary>Sum of the steps' mean instructions per call.</summary>
    public double StepInstructions => Steps.Sum(s => s.MeanInstructions);
}
