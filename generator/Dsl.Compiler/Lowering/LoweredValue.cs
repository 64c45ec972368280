namespace Dsl.Compiler.Lowering;

/// <summary>An ONNX value seen as a streamed IR tensor in some layout.</summary>
public sealed record LoweredValue(string Tensor, TensorLayout Layout, long[] OnnxShape)
{
    public int ChannelAxis => Layout == TensorLayout.ChannelsTime ? OnnxShape.Length - 2 : OnnxShape.Length - 1;

    public int TimeAxis => Layout == TensorLayout.ChannelsTime ? OnnxShape.Length - 1 : OnnxShape.Length - 2;
}
