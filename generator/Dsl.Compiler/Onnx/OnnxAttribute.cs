namespace Dsl.Compiler.Onnx;

/// <summary>One node attribute; exactly the field matching its ONNX type is set.</summary>
public sealed record OnnxAttribute(string Name, long? Int, float? Float, long[]? Ints, float[]? Floats, string? Text, OnnxTensor? Tensor)
{
    /// <summary>A GRAPH attribute's body (If branches); only the importer uses it, to inline constant-condition Ifs.</summary>
    internal OnnxFileGraph? Subgraph { get; init; }
}
