namespace Dsl.Compiler.Ir;

/// <summary>Channels [Start, Start + Count) of a streamed tensor (Slice along channels, step 1).</summary>
public sealed record ChannelSliceNode(string Name, string Input, string Output, int Start, int Count)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => "Slice(channels)";

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
