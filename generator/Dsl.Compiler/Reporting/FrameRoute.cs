namespace Dsl.Compiler.Reporting;

/// <summary>One frame as the golden light path routed it, with the level of its input.</summary>
/// <param name="Heavy">The frame takes the heavy path.</param>
/// <param name="RestartHeavy">The heavy path restarts here (a light-to-heavy transition, or the first heavy frame).</param>
/// <param name="HeavyCalls">Heavy-path calls this frame: 1 + the replayed frames on a heavy frame, 0 on a light one.</param>
/// <param name="SwitchScore">The switch's int8 score; the frame asks for the heavy path when it is at least the threshold.</param>
/// <param name="InputDbfs">RMS of the frame's input in dBFS (-infinity for digital silence).</param>
public readonly record struct FrameRoute(bool Heavy, bool RestartHeavy, int HeavyCalls, int SwitchScore, double InputDbfs);
