using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Schedule;

/// <summary>
/// Everything the golden model and the C emitter need: both paths' programs, the handoff and
/// the routing rule in integers.
/// </summary>
public sealed record ModelProgram(
    string Name,
    int SampleRate,
    int FrameSamples,
    RoutingMode Mode,
    RoundingRule Rounding,
    PathProgram Light,
    PathProgram Heavy,
    int HandoffBytes,
    int ReplayFrames,
    int HoldFrames,
    BufferSlice SwitchScore,
    int SwitchThreshold,
    bool HasLightOutput,
    SilenceGateProgram? Silence = null,
    ReplayPolicy Replay = ReplayPolicy.Resume);
