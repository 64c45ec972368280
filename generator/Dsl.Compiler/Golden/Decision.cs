using Dsl.Compiler.Routing;

namespace Dsl.Compiler.Golden;

/// <summary>What the light path decides for a frame (m_decision_t).</summary>
public readonly record struct Decision(RouteStep Route, int SwitchScore)
{
    public bool Heavy => Route.Heavy;

    public int ReplayFrames => Route.ReplayFrames;
}
