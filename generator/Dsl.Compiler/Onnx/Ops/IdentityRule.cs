namespace Dsl.Compiler.Onnx.Ops;

/// <summary>
/// Identity: passes its input through. Kept as a compute node only while importing; the importer then
/// rewires its consumers to its input and drops it.
/// </summary>
internal sealed class IdentityRule : OpRule
{
    public override bool IsCompute => true;

    public override long[][] InferShapes(OpContext c) => [c.Shape(0)];

    public override OnnxTensor[]? Fold(OpContext c) => [c.Value(0) with { Name = c.OutputName(0) }];
}
