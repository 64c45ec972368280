using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Golden;

/// <summary>What the light path decides for a frame (m_decision_t).</summary>
/// <param name="Silence">What the silence gate does to this frame's outputs.</param>
public readonly record struct Decision(RouteStep Route, int SwitchScore, SilenceState Silence = SilenceState.Open)
{
    public bool Heavy => Route.Heavy;

    public int ReplayFrames => Route.ReplayFrames;
}
