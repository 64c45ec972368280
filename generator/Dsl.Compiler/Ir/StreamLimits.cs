namespace Dsl.Compiler.Ir;

/// <summary>
/// Upper bounds on sizes a model may declare, checked where ONNX attributes become sizes, so that
/// no later arithmetic on them (spans, history buffers, row offsets) can overflow an int. They are
/// far above what a streaming audio model on a Cortex-M uses and far below what would overflow.
/// </summary>
public static class StreamLimits
{
    /// <summary>Kernel size, stride, dilation, padding and kernel span ((k - 1) * dilation + 1), in time rows:
    /// 2^20 rows is over a minute of 16 kHz audio.</summary>
    public const long MaxRows = 1 << 20;

    /// <summary>State a single node keeps between frames (history rows x channels): 16 Mi values, more
    /// memory than any Cortex-M has.</summary>
    public const long MaxStateValues = 1 << 24;

    /// <summary>Magnitude of any weight, bias or constant operand. Trained audio models stay in the
    /// hundreds even with batch norm folded in; beyond 2^32, int8 per-channel quantization would zero
    /// every other weight of the channel, and a product of two such constants (folded affine ops)
    /// still stays finite in float32.</summary>
    public const float MaxConstantMagnitude = 4294967296f;
}
