using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Tuning;

/// <summary>One point of the sweep: the int8 switch threshold (heavy while score >= it), the hold, the replay policy
/// and the frames replayed on a restart (<see cref="Routing.Router"/>'s parameters).</summary>
/// <param name="Exact">ReplayFrames is the model's receptive field R: every heavy frame gives the always-heavy output.</param>
public sealed record RoutingSetting(int ThresholdQ, int Hold, ReplayPolicy Policy, int ReplayFrames, bool Exact)
{
    /// <summary>The policy as dsl.json spells it.</summary>
    public string PolicyName => Policy == ReplayPolicy.Reset ? "reset" : "resume";
}
