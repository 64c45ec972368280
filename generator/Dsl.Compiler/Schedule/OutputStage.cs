namespace Dsl.Compiler.Schedule;

/// <summary>Requantization of a convolution's int32 accumulators (dsl_output_stage_t).</summary>
public sealed record OutputStage(
    int[] Bias,
    int[] Multiplier,
    int[] Shift,
    int OutZeroPoint,
    int ActMin,
    int ActMax,
    sbyte[]? Lut);
