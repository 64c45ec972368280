namespace Dsl.Compiler.Ir;

/// <summary>
/// Drops <see cref="Begin"/> leading and <see cref="End"/> trailing time steps; only exists until
/// <c>FoldCropsPass</c> moves it into the transposed conv it trims.
/// </summary>
public sealed record CropNode(string Name, string Input, string Output, int Begin, int End)
    : IrNode(Name, new[] { Input }, Output)
{
    public override string Kind => "Crop";

    public override IrNode WithInputs(IReadOnlyList<string> inputs) => this with { Input = inputs[0], Inputs = inputs };
}
