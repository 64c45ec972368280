namespace Dsl.Compiler.Ir;

/// <summary>A standalone pointwise nonlinearity (one that could not be fused into its producer).</summary>
public sealed record ActivationNode(string Name, string Input, string Output, Activation Activation)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => Activation.ToString();

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
