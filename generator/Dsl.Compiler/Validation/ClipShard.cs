using System.Globalization;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Validation;

/// <summary>
/// <c>--shard i/n</c>: the i-th of n disjoint parts of a clip list, for a CI matrix. Deterministic on every
/// machine: clips sorted by path (ordinal), clip k (from 0) goes to shard k mod n + 1, so the n shards
/// together hold each clip exactly once, and neighbours in a folder spread over the shards.
/// </summary>
public sealed record ClipShard(int Index, int Count)
{
    /// <summary>The whole list (no sharding).</summary>
    public static ClipShard All { get; } = new(1, 1);

    public static ClipShard Parse(string text, string option)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new ClipShard(index, count);
        }

        throw new DslException(DslErrorCode.Usage, $"{option} {text}: give i/n with 1 <= i <= n, e.g. {option} 2/4 for the second of four shards");
    }

    /// <summary>This shard's clips, in path order.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> clips) =>
        clips.OrderBy(c => c, StringComparer.Ordinal).Where((_, k) => k % Count + 1 == Index).ToList();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
