namespace Dsl.Compiler.Reporting;

/// <summary>One core's per-frame work at its clock: estimated instructions and load as % of the frame period
/// (one instruction per cycle, <see cref="RealTimeReport.CycleAssumption"/>).</summary>
/// <param name="Core">Core id in the board profile.</param>
/// <param name="Cpu">gcc -mcpu name.</param>
/// <param name="ClockHz">The profile's clock.</param>
/// <param name="Paths">light, heavy or light + heavy.</param>
/// <param name="Variant">Kernel variant whose figures price it.</param>
/// <param name="MeasuredOn">The emulated core class those figures were measured on.</param>
/// <param name="LightFrame">Instructions of a light frame (heavy path idle).</param>
/// <param name="SteadyHeavyFrame">Instructions of a heavy frame without replay; null when the core does not run the heavy path.</param>
/// <param name="WorstFrame">Instructions of the worst frame: a replay burst of R + 1 heavy calls where the core runs the heavy path.</param>
/// <param name="CyclesPerFrame">Core cycles in one frame period.</param>
/// <param name="MeanPercent">Mean load at the routed heavy share, % of the frame period.</param>
/// <param name="P99Percent">Load of the 99th-percentile frame.</param>
/// <param name="WorstPercent">Load of the worst frame.</param>
public sealed record CoreLoad(
    string Core,
    string Cpu,
    long ClockHz,
    string Paths,
    string Variant,
    string MeasuredOn,
    double LightFrame,
    double? SteadyHeavyFrame,
    double WorstFrame,
    double CyclesPerFrame,
    double MeanPercent,
    double P99Percent,
    double WorstPercent);
