namespace Dsl.Compiler.Schedule;

/// <summary>
/// One kernel call of a path's per-frame program. The golden model interprets these steps and
/// the C emitter prints them, so both execute the same calls on the same memory layout.
/// </summary>
public abstract record Step(string Node);

/// <summary>Which conv (or transposed conv) kernel: element types in and out.</summary>
public enum ConvKind
{
    /// <summary>dsl_conv1d_s8: int8 -> int8.</summary>
    S8,

    /// <summary>dsl_conv1d_s16_s8: int16 (PCM, or a mixed-precision tensor) -> int8.</summary>
    S16S8,

    /// <summary>dsl_conv1d_s8_s16: int8 -> int16 (PCM, or a mixed-precision tensor).</summary>
    S8S16,

    /// <summary>dsl_conv1d_s16_s16: int16 -> int16 (mixed precision).</summary>
    S16S16,
}

/// <summary>dsl_conv1d_*: Input starts at the history rows; OutRows rows are produced.</summary>
public sealed record ConvStep(
    string Node,
    ConvKind Kind,
    int InChannels,
    int OutChannels,
    int Kernel,
    int Stride,
    int Dilation,
    int Groups,
    sbyte[] Weights,
    OutputStage Stage,
    BufferSlice Input,
    int OutRows,
    BufferSlice Output) : Step(Node);

/// <summary>dsl_conv_transpose1d_s8 (or _s16_s8, _s8_s16, _s16_s16 by Kind): Input starts at the history rows; Stage.Bias is [stride][out].</summary>
public sealed record ConvTransposeStep(
    string Node,
    int InChannels,
    int OutChannels,
    int Kernel,
    int Stride,
    int Dilation,
    sbyte[] Weights,
    OutputStage Stage,
    BufferSlice Input,
    int InRows,
    BufferSlice Output,
    ConvKind Kind = ConvKind.S8) : Step(Node);

/// <summary>dsl_add_s8, or dsl_add_s16 when ElementBytes is 2 (A, B and Output alike; ConstantB16 then holds a
/// constant B). B is broadcast over rows when BRowStride is 0.</summary>
public sealed record AddStep(
    string Node,
    int AZeroPoint,
    int AMultiplier,
    int AShift,
    int BZeroPoint,
    int BMultiplier,
    int BShift,
    int LeftShift,
    int OutMultiplier,
    int OutShift,
    int OutZeroPoint,
    int ActMin,
    int ActMax,
    sbyte[]? Lut,
    BufferSlice A,
    BufferSlice? B,
    sbyte[]? ConstantB,
    int BRowStride,
    int Rows,
    int Channels,
    BufferSlice Output,
    int ElementBytes = 1,
    short[]? ConstantB16 = null) : Step(Node);

/// <summary>dsl_mul_s8, or dsl_mul_s16 when ElementBytes is 2 (as <see cref="AddStep"/>).</summary>
public sealed record MulStep(
    string Node,
    int AZeroPoint,
    int BZeroPoint,
    int Multiplier,
    int Shift,
    int OutZeroPoint,
    int ActMin,
    int ActMax,
    sbyte[]? Lut,
    BufferSlice A,
    BufferSlice? B,
    sbyte[]? ConstantB,
    int BRowStride,
    int Rows,
    int Channels,
    BufferSlice Output,
    int ElementBytes = 1,
    short[]? ConstantB16 = null) : Step(Node);

/// <summary>dsl_curve_s16: an interpolated int16 table (CurveBuilder): the nonlinearity of an int16 tensor (in place after its kernel, or a standalone activation).</summary>
public sealed record CurveStep(string Node, short[] Table, BufferSlice Input, int Count, BufferSlice Output) : Step(Node);

/// <summary>dsl_lut_s8.</summary>
public sealed record LutStep(string Node, sbyte[] Lut, BufferSlice Input, int Count, BufferSlice Output) : Step(Node);

/// <summary>dsl_rescale_s8 (or _s8_s16, _s16_s8, _s16 by element sizes): strided copy with requantization (Multiplier 0 = plain copy, same types only).</summary>
public sealed record RescaleStep(
    string Node,
    int InZeroPoint,
    int Multiplier,
    int Shift,
    int OutZeroPoint,
    BufferSlice Input,
    int InRowStride,
    int Rows,
    int Channels,
    BufferSlice Output,
    int OutRowStride,
    int InElementBytes = 1,
    int OutElementBytes = 1) : Step(Node);

/// <summary>dsl_copy_bytes: a tensor into a history buffer's tail or into the handoff.</summary>
public sealed record CopyStep(string Node, BufferSlice Source, BufferSlice Destination) : Step(Node);

/// <summary>dsl_history_shift: keep the last HistoryBytes of Buffer at its front.</summary>
public sealed record HistoryShiftStep(string Node, BufferSlice Buffer, int HistoryBytes, int NewBytes) : Step(Node);
