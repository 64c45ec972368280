namespace Dsl.Compiler.Tuning;

/// <summary>What one output frame adds to a routed clip's quality sums: squared error against the always-heavy output
/// and against the input audio (PCM units), and its log-spectral distances to both (dB).</summary>
public readonly record struct OutputScore(double ErrorVsHeavy, double ErrorVsInput, double LsdVsHeavy, double LsdVsInput);
