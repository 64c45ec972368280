namespace Dsl.Compiler.Output;

/// <summary>Absolute paths with every symbolic link resolved, so that a link to the model's folder
/// compares equal to the folder itself (the output rule compares paths, not names).</summary>
internal static class CanonicalPath
{
    /// <summary>Links followed before giving up (as the kernel's ELOOP limit).</summary>
    private const int MaxLinks = 40;

    public static string Of(string path) => Resolve(Path.GetFullPath(path), MaxLinks);

    /// <summary>True when <paramref name="inner"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsAtOrUnder(string inner, string folder)
    {
        StringComparison cmp = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return WithSeparator(inner).StartsWith(WithSeparator(folder), cmp);
    }

    private static string WithSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;

    private static string Resolve(string full, int budget)
    {
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        string[] parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int k = 0; k < parts.Length; k++)
        {
            string next = Path.Combine(current, parts[k]);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                if (info.LinkTarget is { } target && budget > 0)
                {
                    string resolved = Path.GetFullPath(target, current);
                    string rest = string.Join(Path.DirectorySeparatorChar, parts[(k + 1)..]);
                    return Resolve(rest.Length == 0 ? resolved : Path.Combine(resolved, rest), budget - 1);
                }
            }
            else
            {
                // Nothing below a missing component can be a link.
                return Path.Combine([current, .. parts[k..]]);
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current.Length == 0 ? full : current);
    }
}
