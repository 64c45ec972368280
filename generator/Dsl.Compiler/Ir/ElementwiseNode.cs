namespace Dsl.Compiler.Ir;

/// <summary>
/// Add or Mul of two streamed tensors of the same shape, or of one streamed tensor and a
/// constant per-channel vector (<see cref="Constant"/>, broadcast over time).
/// </summary>
public sealed record ElementwiseNode(
    string Name,
    IReadOnlyList<string> Inputs,
    string Output,
    ElementwiseOp Op,
    float[]? Constant,
    Activation Activation)
    : IrNode(Name, Inputs, Output)
{
    public override string Kind => Activation.IsIdentity ? Op.ToString() : $"{Op}+{Activation}";

    public override long MacsPerFrame(IrGraph graph) =>
        Op == ElementwiseOp.Mul ? graph.ElementsPerFrame(Output) : 0;

    public override long Parameters => Constant?.LongLength ?? 0;

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Inputs = inputs };
}
