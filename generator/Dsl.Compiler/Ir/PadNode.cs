namespace Dsl.Compiler.Ir;

/// <summary>Zero padding along time; only exists until <c>FoldPadsPass</c> moves it into a causal conv.</summary>
public sealed record PadNode(string Name, string Input, string Output, int Left, int Right)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => "Pad";

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
