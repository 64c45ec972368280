using Dsl.Compiler.Boards;

namespace Dsl.Compiler.Reporting;

/// <summary>Average power of one core (mW) in each way of running the model: active power for the share of each
/// frame it computes (load, at most 100 %), sleep power for the rest.</summary>
/// <param name="Core">Core id.</param>
/// <param name="LightOnly">The light path every frame, the heavy path never.</param>
/// <param name="Routed">At the routed heavy share, replay included.</param>
/// <param name="AlwaysHeavy">The light path and one heavy call every frame.</param>
/// <param name="Saturated">The core is busy the whole frame in some mode (load at or above 100 %): its power is capped at the active power.</param>
/// <param name="Power">The profile's figures they come from.</param>
public sealed record CoreEnergy(string Core, double LightOnly, double Routed, double AlwaysHeavy, bool Saturated, CorePower Power);
