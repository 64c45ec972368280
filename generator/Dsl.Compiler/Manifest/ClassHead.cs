namespace Dsl.Compiler.Manifest;

/// <summary>
/// dsl.json 'classes' / 'negative_class': the heavy output is a classifier head, one score vector per frame
/// (docs/classifier-heads.md).
/// </summary>
/// <param name="Labels">The class labels, in the order of the output's channels.</param>
/// <param name="MacroNames">Each label as a C macro suffix (upper case, '_' for anything else, unique).</param>
/// <param name="NegativeIndex">The index of 'negative_class', the label a gated frame gets; -1 when there is none
/// (a gated frame then has every score at the minimum).</param>
public sealed record ClassHead(IReadOnlyList<string> Labels, IReadOnlyList<string> MacroNames, int NegativeIndex)
{
    public int Count => Labels.Count;

    public string? NegativeClass => NegativeIndex >= 0 ? Labels[NegativeIndex] : null;
}
