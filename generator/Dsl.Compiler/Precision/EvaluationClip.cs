namespace Dsl.Compiler.Precision;

/// <summary>One stretch of evaluation audio: a calibration clip (or its middle part) at one gain.</summary>
/// <param name="Clip">The calibration clip's file name.</param>
/// <param name="GainDb">The level shift it was scaled by (0: as recorded).</param>
/// <param name="Pcm">Whole frames of int16 samples.</param>
public sealed record EvaluationClip(string Clip, double GainDb, short[] Pcm);
