namespace Dsl.Compiler.Routing;

/// <summary>The route of one frame (the routing part of m_decision_t).</summary>
/// <param name="Heavy">The frame takes the heavy path.</param>
/// <param name="RestartHeavy">A heavy frame after a light one, or the first frame since reset: the heavy
/// path is reset and replays <paramref name="ReplayFrames"/> handoff frames before this one.</param>
/// <param name="ReplayFrames">min(R, frames since reset) when <paramref name="RestartHeavy"/>, else 0.</param>
public readonly record struct RouteStep(bool Heavy, bool RestartHeavy, int ReplayFrames);
