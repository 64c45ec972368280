namespace Dsl.Compiler.Onnx;

/// <summary>One node attribute; exactly the field matching its ONNX type is set.</summary>
public sealed record OnnxAttribute(string Name, long? Int, float? Float, long[]? Ints, float[]? Floats, string? Text, OnnxTensor? Tensor);
