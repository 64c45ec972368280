namespace Dsl.Compiler.Onnx;

/// <summary>
/// An imported ONNX model reduced to compute ops: Identity removed, every node whose inputs are all
/// constant folded into <see cref="Constants"/>, shapes inferred for a [1, 1, trace length] input.
/// Folded values that torch computed from tensor shapes (e.g. the Slice end of a right crop,
/// <c>y.shape[-1] - k</c>) hold for that trace length only: import at two lengths to tell them apart.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The .onnx file this graph came from (for messages).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Opset version of the default ("" / "ai.onnx") domain.</summary>
    public required long Opset { get; init; }

    /// <summary>
    /// Compute nodes, topologically sorted, deterministic order (file order where the file allows):
    /// Conv, ConvTranspose, Elu, Relu, LeakyRelu, Tanh, Sigmoid, Add, Mul, MatMul, Gemm, Pad, Slice,
    /// Transpose, Reshape, Concat, Squeeze, Unsqueeze. Non-data inputs (weights, bias, pads, slice
    /// bounds, shapes, axes) are in <see cref="Constants"/>. One Identity survives only where an output
    /// is a copy of the audio input or of another output (torch's <c>return y, y</c>): both names are needed.
    /// </summary>
    public required IReadOnlyList<OnnxNode> Nodes { get; init; }

    /// <summary>Initializers and folded results that compute nodes (or outputs) read.</summary>
    public required IReadOnlyDictionary<string, OnnxTensor> Constants { get; init; }

    /// <summary>Graph inputs that are not initializers (the audio input).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Graph outputs, in file order.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>Inferred shape of every value (inputs, node outputs, constants) for the trace length.</summary>
    public required IReadOnlyDictionary<string, long[]> Shapes { get; init; }
}
