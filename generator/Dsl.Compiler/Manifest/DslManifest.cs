using Dsl.Compiler.Precision;
using Dsl.Compiler.Quantization;

namespace Dsl.Compiler.Manifest;

/// <summary>dsl.json: how a trained DSL model is split and routed (see docs/architecture.md), and optionally how it is calibrated.</summary>
/// <param name="ReplayFrames">dsl.json 'replay_frames': K, the most handoff frames the heavy path replays on a restart
/// (bounded replay, inexact below the receptive field R); null: R (exact).</param>
/// <param name="Classes">dsl.json 'classes' / 'negative_class': the heavy output is a per-frame classifier head; null: an audio output.</param>
public sealed record DslManifest(
    string Path,
    string Name,
    int SampleRate,
    int Frame,
    string Input,
    string SwitchOutput,
    float Threshold,
    int Hold,
    IReadOnlyList<string> LightOutputs,
    IReadOnlyList<string> HeavyOutputs,
    RoutingMode Mode,
    string ModelFile,
    IReadOnlyList<string> CalibrationPatterns,
    IReadOnlyList<string> TestPatterns,
    RangeEstimator? CalibrationEstimator = null,
    IReadOnlyList<double>? CalibrationGainsDb = null,
    IReadOnlySet<string>? Int16Tensors = null,
    Int16Scope? Int16Scope = null,
    TargetSnr? TargetSnr = null,
    SilenceGateSettings? SilenceGate = null,
    Int16Headroom? Int16Headroom = null,
    HandoffKind Handoff = HandoffKind.Features,
    ReplayPolicy Replay = ReplayPolicy.Resume,
    int? ReplayFrames = null,
    ClassHead? Classes = null)
{
    /// <summary>The folder dsl.json sits in; relative paths in it are relative to this folder.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary>The silence gate settings (the default when dsl.json has no "silence_gate").</summary>
    public SilenceGateSettings Silence => SilenceGate ?? SilenceGateSettings.Default;

    /// <summary>The outputs that are int16 PCM audio: the light ones and, unless it is a classifier head, the heavy one.</summary>
    public IReadOnlyList<string> AudioOutputs => Classes is null ? [.. LightOutputs, .. HeavyOutputs] : LightOutputs;

    /// <summary>The output that is a classifier head ('classes'), or null.</summary>
    public string? ClassOutput => Classes is null ? null : HeavyOutputs[0];

    public string ModelPath => System.IO.Path.Combine(Directory, ModelFile);

    /// <summary>C identifier prefix derived from the name.</summary>
    public string CName => new string(Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
}
