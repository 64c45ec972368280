using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Manifest;

namespace Dsl.Compiler.Pipeline;

/// <summary>Resolves dsl.json's file patterns ("calibration/*.wav") to sorted paths.</summary>
public static class ManifestFiles
{
    public static IReadOnlyList<string> Expand(DslManifest manifest, IReadOnlyList<string> patterns, string field)
    {
        var files = new List<string>();
        foreach (string pattern in patterns)
        {
            string full = Path.Combine(manifest.Directory, pattern);
            string dir = Path.GetDirectoryName(full)!;
            string mask = Path.GetFileName(full);
            string[] found = Directory.Exists(dir) ? Directory.GetFiles(dir, mask) : Array.Empty<string>();
            if (found.Length == 0)
            {
                throw new DslException(DslErrorCode.Manifest, $"{manifest.Path}: '{field}' pattern '{pattern}' matches no file");
            }

            files.AddRange(found.OrderBy(f => f, StringComparer.Ordinal));
        }

        return files;
    }
}
