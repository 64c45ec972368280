namespace Dsl.Compiler.Precision;

/// <summary>Memory of one candidate, exact from its memory plan: both paths' arenas and states, the handoff
/// frame and the constant bytes (weights, int32 tables, LUTs, curves).</summary>
public sealed record CandidateBytes(int LightArena, int LightState, int HeavyArena, int HeavyState, int HandoffRing, long Weights)
{
    /// <summary>RAM: arenas, states and the handoff ring (replay frames + 1).</summary>
    public long Ram => (long)LightArena + LightState + HeavyArena + HeavyState + HandoffRing;

    public long Total => Ram + Weights;
}
