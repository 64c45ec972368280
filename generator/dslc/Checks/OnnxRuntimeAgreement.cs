namespace Dsl.Cli.Checks;

/// <summary>How closely the float reference follows onnxruntime on one clip.</summary>
/// <param name="Outputs">Per model output: max |ort - reference| / max |ort| over all windows.</param>
/// <param name="Windows">Windows compared (1 for a model with a free time length: the whole clip).</param>
/// <param name="WindowSamples">Samples per window given to onnxruntime.</param>
/// <param name="SkippedBecause">Why nothing was compared (the clip is too short), else null.</param>
public sealed record OnnxRuntimeAgreement(
    IReadOnlyList<OnnxRuntimeOutputError> Outputs, int Windows, int WindowSamples, string? SkippedBecause);
