namespace Dsl.Compiler.Golden;

/// <summary>What a node's output stages saturated over a run: <paramref name="Clamped"/> of the
/// <paramref name="Values"/> they requantized fell outside the node's <see cref="ClampBounds"/>.</summary>
public sealed record NodeClamps(string Node, long Values, long Clamped)
{
    public double Share => Values == 0 ? 0 : (double)Clamped / Values;
}
