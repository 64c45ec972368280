using Dsl.Compiler.Schedule;

namespace Dsl.Compiler.Targets;

/// <summary>One step of a path on one board: what the compiler knows of it and what the profile measured.</summary>
/// <param name="Step">Operation, node, shape and MACs per call.</param>
/// <param name="Calls">Calls profiled (light: frames; heavy: heavy calls, replay included).</param>
/// <param name="MeanInstructions">Mean instructions per call.</param>
public sealed record StepMeasurement(StepSummary Step, long Calls, double MeanInstructions)
{
    /// <summary>Instructions per MAC, or null for a step without MACs.</summary>
    public double? InstructionsPerMac => Step.Macs > 0 ? MeanInstructions / Step.Macs : null;
}
