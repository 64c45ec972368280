using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Routing;

/// <summary>
/// Bounded replay (dsl.json 'replay_frames', --replay-frames): K, the most handoff frames the heavy path replays on a
/// restart, from 0 to the receptive field R. K = R is exact (the default); K &lt; R makes each restart cheaper and the
/// first heavy frames after it differ from always-heavy running (their state lacks the oldest R - K frames).
/// </summary>
public static class ReplayBound
{
    /// <summary>K from the option (wins) or dsl.json, else R; a K above R is refused naming where it came from.</summary>
    /// <param name="option">--replay-frames, or null.</param>
    public static int Resolve(int receptiveFrames, int? option, DslManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (option is { } k)
        {
            return k >= 0 && k <= receptiveFrames ? k
                : throw new DslException(DslErrorCode.Usage, $"--replay-frames {k}: give 0 to R = {receptiveFrames} (the heavy path's receptive field in frames; R replays exactly, fewer is cheaper and inexact)");
        }

        return Check(receptiveFrames, manifest);
    }

    /// <summary>dsl.json's K (R when absent); above R is a dsl.json error.</summary>
    public static int Check(int receptiveFrames, DslManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        int k = manifest.ReplayFrames ?? receptiveFrames;
        return k >= 0 && k <= receptiveFrames ? k
            : throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: field 'replay_frames' is {k}, more than R = {receptiveFrames} (the heavy path's receptive field in frames, which replays exactly); give 0 to {receptiveFrames} or drop the field");
    }

    /// <summary>The warning for K &lt; R (null when exact): generate and validate print it.</summary>
    public static string? Warning(int replayFrames, int receptiveFrames) => replayFrames >= receptiveFrames ? null
        : $"bounded replay: the heavy path replays at most K = {replayFrames} of the R = {receptiveFrames} frames its receptive field needs (replay_frames): after a light run the first heavy frames differ from always-heavy running (the C is still checked bit for bit against the golden model)";
}
