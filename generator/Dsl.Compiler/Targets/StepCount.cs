namespace Dsl.Compiler.Targets;

/// <summary>What the profile recorded for one step of a path: how often it ran and its instructions summed
/// over those calls (counter read and hook residual already subtracted per call).</summary>
/// <param name="Calls">Calls of the step (light: frames; heavy: heavy calls, replay included).</param>
/// <param name="Instructions">Sum over the calls.</param>
public sealed record StepCount(long Calls, long Instructions)
{
    /// <summary>Mean instructions per call (0 when the step never ran).</summary>
    public double MeanInstructions => Calls > 0 ? (double)Instructions / Calls : 0;
}
