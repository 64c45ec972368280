namespace Dsl.Compiler.Onnx;

/// <summary>
/// A ValueInfoProto (graph input or output). <see cref="Dims"/> holds the declared dimensions, null for a
/// symbolic or missing dimension; the whole array is null when no shape was declared. Declared shapes
/// are only used to sanity-check the audio input: everything else is inferred (torch writes junk names).
/// </summary>
internal sealed record OnnxFileValue(string Name, int ElementType, long?[]? Dims);
