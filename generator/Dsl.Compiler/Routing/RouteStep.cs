namespace Dsl.Compiler.Routing;

/// <summary>The route of one frame (the routing part of m_decision_t).</summary>
/// <param name="Heavy">The frame takes the heavy path.</param>
/// <param name="RestartHeavy">A heavy frame after a light one, or the first frame since reset: the heavy
/// path catches up, running <paramref name="ReplayFrames"/> handoff frames before this one.</param>
/// <param name="ReplayFrames">When <paramref name="RestartHeavy"/>: the light frames since the last heavy one
/// when the heavy path resumes, else min(R, frames since reset); 0 otherwise.</param>
/// <param name="ResetHeavy">The heavy path is reset before the replay (<see cref="Manifest.ReplayPolicy"/>).</param>
public readonly record struct RouteStep(bool Heavy, bool RestartHeavy, int ReplayFrames, bool ResetHeavy);
