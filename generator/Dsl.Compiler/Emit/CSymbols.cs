namespace Dsl.Compiler.Emit;

/// <summary>
/// Unique C names for the steps of a model, shared by both paths (weight arrays are global symbols).
/// Allocation follows step order, so the names are deterministic.
/// </summary>
internal sealed class CSymbols
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>A fresh identifier for a node: its sanitised name, or that name with _2, _3, ... when taken.</summary>
    public string Allocate(string node)
    {
        var id = CText.Identifier(node);
        var candidate = id;
        for (var n = 2; !_taken.Add(candidate); n++)
            candidate = $"{id}_{n}";
        return candidate;
    }
}
