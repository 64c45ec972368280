namespace Dsl.Compiler.Plots;

/// <summary>One bar of the switch-score histogram: the integer scores from <paramref name="Start"/> to
/// <paramref name="End"/> - 1 and how many frames had them.</summary>
public readonly record struct ScoreBin(int Start, int End, int Count);
