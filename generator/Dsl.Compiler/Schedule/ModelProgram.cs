using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Schedule;

/// <summary>
/// Everything the golden model and the C emitter need: both paths' programs, the handoff and
/// the routing rule in integers.
/// </summary>
/// <param name="ReplayFrames">K: the most handoff frames the heavy path replays on a restart (the router's count and the
/// handoff ring's depth); R, <see cref="ReceptiveFrames"/>, unless dsl.json 'replay_frames' or --replay-frames bound it.</param>
/// <param name="HeavyReceptiveFrames">R: the heavy path's receptive field in handoff frames, the replay that is exact;
/// null: <paramref name="ReplayFrames"/>.</param>
/// <param name="Classes">The heavy output as a classifier head; null: int16 audio.</param>
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
    ReplayPolicy Replay = ReplayPolicy.Resume,
    int? HeavyReceptiveFrames = null,
    ClassHeadProgram? Classes = null)
{
    /// <summary>Values of the heavy (and routed) output per frame: int16 audio samples, or the class scores.</summary>
    public int HeavyOutValues => Classes?.Count ?? FrameSamples;

    /// <summary>R: the replay the heavy path needs to equal always-heavy running.</summary>
    public int ReceptiveFrames => HeavyReceptiveFrames ?? ReplayFrames;

    /// <summary>K = R: every heavy output equals always-heavy running (K &lt; R is bounded replay, inexact).</summary>
    public bool ExactReplay => ReplayFrames >= ReceptiveFrames;
}
