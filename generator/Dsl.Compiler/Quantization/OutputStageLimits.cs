namespace Dsl.Compiler.Quantization;

/// <summary>Clamp range and optional lookup table applied after requantization.</summary>
public sealed record OutputStageLimits(int Min, int Max, sbyte[]? Lut);
