namespace Dsl.Compiler.Validation;

/// <summary>
/// How close a classifier head's integer scores are to the float model's on one clip
/// (<see cref="ClassificationMetrics.Measure"/>, docs/classifier-heads.md).
/// </summary>
/// <param name="Clip">The clip's file name.</param>
/// <param name="Frames">Frames of the clip.</param>
/// <param name="LabelAgreement">Share of frames whose routed label (argmax on heavy frames, the negative class on gated
/// ones) is the same in the int model and the float model, each routed by its own gate.</param>
/// <param name="HeavyLabelAgreement">Share of frames whose always-heavy argmax is the same in int and float (the
/// quantization of the head alone, routing aside).</param>
/// <param name="GatedRate">Share of frames the int gate kept the heavy path off.</param>
/// <param name="FloatGatedRate">The same for the float gate.</param>
/// <param name="MaxScoreErrorSteps">Largest |int score - float logit| over every frame and class, always-heavy,
/// in quantization steps of the scores (0.5 is the rounding floor).</param>
public sealed record ClipClassification(string Clip, int Frames, double LabelAgreement, double HeavyLabelAgreement,
    double GatedRate, double FloatGatedRate, double MaxScoreErrorSteps);
