namespace Dsl.Compiler.Lowering;

/// <summary>How an ONNX value's dimensions map to (channels, time).</summary>
public enum TensorLayout
{
    /// <summary>[1, C, T] (PyTorch Conv1d layout).</summary>
    ChannelsTime,

    /// <summary>[1, T, C] or [T, C] (after a transpose for nn.Linear).</summary>
    TimeChannels,
}
