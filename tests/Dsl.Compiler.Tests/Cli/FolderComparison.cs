namespace Dsl.Compiler.Tests.Cli;

/// <summary>Compares two folders file by file and byte by byte.</summary>
internal static class FolderComparison
{
    /// <summary>Null when both hold the same relative paths with the same bytes; else the first
    /// difference: a file only one side has, a length, or the offset of the first differing byte.</summary>
    public static string? FirstDifference(string a, string b)
    {
        string[] left = Files(a);
        string[] right = Files(b);
        string? onlyLeft = left.Except(right, StringComparer.Ordinal).FirstOrDefault();
        string? onlyRight = right.Except(left, StringComparer.Ordinal).FirstOrDefault();
        if (onlyLeft is not null || onlyRight is not null)
        {
            return onlyLeft is not null ? $"{onlyLeft}: only in {a}" : $"{onlyRight}: only in {b}";
        }

        if (left.Length == 0)
        {
            return $"{a} and {b} hold no files";
        }

        foreach (string f in left)
        {
            byte[] x = File.ReadAllBytes(Path.Combine(a, f));
            byte[] y = File.ReadAllBytes(Path.Combine(b, f));
            int n = Math.Min(x.Length, y.Length);
            int at = x.AsSpan(0, n).CommonPrefixLength(y.AsSpan(0, n));
            if (at < n)
            {
                return $"{f}: byte {at} differs (0x{x[at]:x2} vs 0x{y[at]:x2})";
            }

            if (x.Length != y.Length)
            {
                return $"{f}: {x.Length} vs {y.Length} bytes";
            }
        }

        return null;
    }

    private static string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();
}
