namespace Dsl.Compiler.Onnx;

/// <summary>
/// The parts of an ONNX ModelProto that dslc reads, as parsed from the file and before any
/// simplification. Internal: the importer turns this into an <see cref="OnnxGraph"/>.
/// </summary>
internal sealed record OnnxFileModel(
    IReadOnlyList<(string Domain, long Version)> OpsetImports,
    bool HasGraph,
    IReadOnlyList<OnnxFileNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxFileValue> Inputs,
    IReadOnlyList<OnnxFileValue> Outputs);
