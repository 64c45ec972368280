namespace Dsl.Compiler.Onnx;

/// <summary>A NodeProto as written in the file (name possibly empty, domain kept for checking).</summary>
internal sealed record OnnxFileNode(
    string Name,
    string OpType,
    string Domain,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);
