namespace Dsl.Compiler.Pipeline;

/// <summary>
/// A file glob as dsl.json and <c>-a</c> take them: wildcards (* and ?) in the file name only, the folder
/// part literal. Matches are sorted by path (ordinal), so every run sees the same order on every machine.
/// </summary>
public static class FilePattern
{
    public static bool HasWildcard(string pattern) => Path.GetFileName(pattern).IndexOfAny(['*', '?']) >= 0;

    /// <summary>The files <paramref name="fullPattern"/> matches, sorted; empty when its folder is missing.
    /// File-system refusals (bad characters, no permission) propagate for the caller to name its field.</summary>
    public static IReadOnlyList<string> Matches(string fullPattern)
    {
        string? dir = Path.GetDirectoryName(fullPattern);
        string mask = Path.GetFileName(fullPattern);
        return dir is not null && mask.Length > 0 && Directory.Exists(dir)
            ? Directory.GetFiles(dir, mask).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [];
    }
}
