namespace Dsl.Compiler.Ir;

/// <summary>Concatenation of streamed tensors along channels (same rows per frame).</summary>
public sealed record ConcatNode(string Name, IReadOnlyList<string> Inputs, string Output)
    : IrNode(Name, Inputs, Output)
{
    public override string Kind => "Concat";

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Inputs = inputs };
}
